import type { BarRankData } from './option';

/** The modelled 2021 split of 624.92 亿元 across Shenzhen's twelve key sectors. */
export const sectorFixture: BarRankData = {
  items: [
    { id: 'bigdata', name: '大数据', value: 49.11 },
    { id: 'cloud', name: '云计算', value: 50.74 },
    { id: 'blockchain', name: '区块链', value: 18.95 },
    { id: 'infosec', name: '信息安全', value: 30.51 },
    { id: 'ai', name: '人工智能', value: 52.21 },
    { id: 'icdesign', name: '集成电路设计', value: 45.83 },
    { id: 'iiot', name: '工业互联网', value: 17.35 },
    { id: 'fintech', name: '金融科技', value: 130.23 },
    { id: 'smartcity', name: '智慧城市', value: 52.86 },
    { id: 'ecommerce', name: '电子商务', value: 82.68 },
    { id: 'creative', name: '数字创意', value: 45.96 },
    { id: 'other', name: '其他新兴业态', value: 48.49 },
  ],
  unit: '',
  decimals: 2,
  lang: 'zh',
  sort: 'desc',
  shareOf: 624.92,
};

/** Modelled 2021 growth by sub-district, with the district and city lines. */
export const growthFixture: BarRankData = {
  items: [
    { id: '440304006', name: '香蜜湖', value: 25.23, color: '#f97316' },
    { id: '440304001', name: '南园', value: 9.08, color: '#0e7490' },
    { id: '440304010', name: '福保', value: 23.85, color: '#ea580c' },
  ],
  unit: '%',
  decimals: 1,
  lang: 'zh',
  sort: 'desc',
  signed: true,
  refLines: [
    { value: 17.8, label: '区级 17.8%', tone: 'accent' },
    { value: 6.8, label: '全市 ≈6.8%', tone: 'warn' },
  ],
};

export const emptyFixture: BarRankData = { items: [], unit: '', decimals: 2, lang: 'zh', sort: 'desc' };
