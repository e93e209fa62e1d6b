import type { QuarterData } from './option';

export const growthFixture: QuarterData = {
  kind: 'line',
  categories: ['2021 Q1', '2021 Q2', '2021 Q3', '2021 Q4'],
  series: [
    { id: 'district', name: '福田区', values: [32.03, 15.64, 14.5, 12.53], primary: true },
    { id: '440304006', name: '香蜜湖', values: [37.88, 20.88, 22.98, 21.88], colorIndex: 1 },
    { id: '440304010', name: '福保', values: [39.55, 23.45, 17.66, 18.5], colorIndex: 2 },
  ],
  unit: '%',
  decimals: 1,
  lang: 'zh',
  signed: true,
  refLine: { value: 6.8, label: '全市 2021 年 ≈6.8%' },
};

export const valueFixture: QuarterData = {
  kind: 'bar',
  categories: ['20Q1', '20Q2', '20Q3', '20Q4', '21Q1', '21Q2', '21Q3', '21Q4'],
  series: [
    {
      id: 'va',
      name: '增加值',
      values: [108.79, 129.57, 137.12, 155.01, 143.64, 149.84, 157, 174.44],
      dimmed: [0, 1, 2, 3],
    },
  ],
  unit: '',
  decimals: 2,
  lang: 'zh',
};

export const emptyFixture: QuarterData = { kind: 'line', categories: [], series: [], unit: '%', decimals: 1, lang: 'zh' };
