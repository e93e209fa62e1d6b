import { defineStrings } from '../../kit/i18n';

/** The pairing screen's words. Both languages are shown there: whoever installs the PC reads one of them. */
const zh = {
  'pair.title': '大屏配对',
  'pair.code': '配对码',
  'pair.instruction': '在值班控制台「屏幕」中输入此配对码并批准',
  'pair.renews': '配对码约每 10 分钟自动更新；批准后本屏自动进入大屏',
  'pair.connecting': '正在连接服务器…',
  'pair.enrolling': '正在注册本屏…',
  'pair.requesting': '正在获取配对码…',
  'pair.address': '服务器',
  'pair.layout': '布局',
  'pair.conn': '连接',
  'problem.enroll': '注册链接未能使用：{e}',
  'problem.pair': '暂时无法获取配对码：{e}',
  'problem.storage': '此浏览器禁止本地存储，无法保存屏幕凭据：请在信息亭配置中允许本站点的本地存储',
} as const;

export type EnrollKey = keyof typeof zh;

const en: Record<EnrollKey, string> = {
  'pair.title': 'Screen pairing',
  'pair.code': 'Pairing code',
  'pair.instruction': 'Approve this code in the duty console under Screens',
  'pair.renews': 'The code renews about every 10 minutes; once approved, this screen starts by itself',
  'pair.connecting': 'Connecting to the server…',
  'pair.enrolling': 'Enrolling this screen…',
  'pair.requesting': 'Getting a pairing code…',
  'pair.address': 'Server',
  'pair.layout': 'Layout',
  'pair.conn': 'Link',
  'problem.enroll': 'The enrollment link could not be used: {e}',
  'problem.pair': 'No pairing code for now: {e}',
  'problem.storage': 'This browser does not allow local storage, so it cannot keep a screen credential: allow local storage for this site in the kiosk profile',
};

export const { t, translate } = defineStrings(zh, en);
