import type { ChoroplethData } from './option';

/** Modelled 2021 growth of the ten sub-districts (the live feed's values). */
export const fixture: ChoroplethData = {
  map: 'futian',
  regions: [
    { name: '南园街道', label: '南园', value: 9.08 },
    { name: '园岭街道', label: '园岭', value: 20.25 },
    { name: '福田街道', label: '福田', value: 19 },
    { name: '沙头街道', label: '沙头', value: 21.62 },
    { name: '香蜜湖街道', label: '香蜜湖', value: 25.23 },
    { name: '梅林街道', label: '梅林', value: 19.19 },
    { name: '莲花街道', label: '莲花', value: 13.84 },
    { name: '华富街道', label: '华富', value: 9.71 },
    { name: '福保街道', label: '福保', value: 23.85 },
    { name: '华强北街道', label: '华强北', value: 9.53 },
  ],
  unit: '%',
  decimals: 1,
  lang: 'zh',
  signed: true,
  min: 5,
  max: 30,
};
