import type { TreemapData } from './option';

/** The shipped example board configuration over the modelled sector split. */
export const fixture: TreemapData = {
  groups: [
    { id: 'ex-data', name: '示例① 数据与算力', children: [{ id: 'bigdata', name: '大数据', value: 49.11 }, { id: 'cloud', name: '云计算', value: 50.74 }] },
    { id: 'ex-trust', name: '示例② 可信与安全', children: [{ id: 'blockchain', name: '区块链', value: 18.95 }, { id: 'infosec', name: '信息安全', value: 30.51 }] },
    { id: 'ex-ai', name: '示例③ 智能与芯片', children: [{ id: 'ai', name: '人工智能', value: 52.21 }, { id: 'icdesign', name: '集成电路设计', value: 45.83 }] },
    { id: 'ex-industry', name: '示例④ 产业互联', children: [{ id: 'iiot', name: '工业互联网', value: 17.35 }, { id: 'ecommerce', name: '电子商务', value: 82.68 }] },
    { id: 'ex-fintech', name: '示例⑤ 金融科技', children: [{ id: 'fintech', name: '金融科技', value: 130.23 }] },
    {
      id: 'ex-city',
      name: '示例⑥ 城市与创意',
      children: [
        { id: 'smartcity', name: '智慧城市', value: 52.86 },
        { id: 'creative', name: '数字创意', value: 45.96 },
        { id: 'other', name: '其他新兴业态', value: 48.49 },
      ],
    },
  ],
  unit: '亿元',
  decimals: 2,
  lang: 'zh',
  shareOf: 624.92,
};

export const emptyFixture: TreemapData = { groups: [], unit: '亿元', decimals: 2, lang: 'zh' };
