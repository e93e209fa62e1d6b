import type { Lang } from '../../../kit/i18n';

/**
 * English names for the parks and zones of the parks file the server serves
 * (config/geo/futian-parks.approx.geojson, from ../shared/data/geo). The file is
 * the source document's Chinese; these are this project's renderings for visiting
 * delegations: official English names where the park uses one (Futian Free Trade
 * Zone, Hetao Shenzhen–Hong Kong Science and Technology Innovation Cooperation
 * Zone), otherwise a translation, and pinyin for place names. Keyed by the short
 * name the wall shows (shortParkName: the address in brackets dropped) and by the
 * zone name. A name missing here shows in Chinese; tests/contract/park-names.test.ts checks that every
 * name in the configured file has an entry.
 */
export const PARK_NAMES_EN: Readonly<Record<string, string>> = {
  新一代产业园: 'New Generation Industrial Park',
  福田国际电子商务产业园: 'Futian International E-commerce Industrial Park',
  '梅林—彩田片区': 'Meilin–Caitian zone',
  香蜜湖新金融中心: 'Xiangmihu New Finance Centre',
  福田保税区: 'Futian Free Trade Zone',
  深圳福田国际互联网金融产业园: 'Futian International Internet Finance Industrial Park',
  高新技术创业中心保税区基地: 'Hi-tech Incubation Centre, Free Trade Zone base',
  深港国际科技园: 'Shenzhen–Hong Kong International Science Park',
  深港金融科技城: 'Shenzhen–Hong Kong Fintech City',
  华强北商业街: 'Huaqiangbei commercial street',
  车公庙: 'Chegongmiao',
  八卦岭工业区: 'Bagualing industrial area',
  河套深港科技创新合作区深圳园区: 'Hetao Shenzhen–Hong Kong Sci-Tech Zone, Shenzhen Park',
};

export const ZONE_NAMES_EN: Readonly<Record<string, string>> = {
  八卦岭: 'Bagualing',
  华强北: 'Huaqiangbei',
  '梅林—彩田片区': 'Meilin–Caitian zone',
  河套: 'Hetao',
  福田保税区: 'Futian Free Trade Zone',
  车公庙: 'Chegongmiao',
  香蜜湖片区: 'Xiangmihu zone',
};

/** A park's short name in the wall's language. */
export function parkName(short: string, lang: Lang): string {
  return lang === 'en' ? (PARK_NAMES_EN[short] ?? short) : short;
}

/** A zone's name in the wall's language. */
export function zoneName(zone: string, lang: Lang): string {
  return lang === 'en' ? (ZONE_NAMES_EN[zone] ?? zone) : zone;
}
