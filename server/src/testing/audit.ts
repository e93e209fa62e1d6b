import type { AuditInput } from '../store/audit-types.js';

/** An audit row to append: varied actors, actions and targets, with Chinese in the detail. */
export const auditInput = (ts: number, i = 0, extra: Partial<AuditInput> = {}): AuditInput => ({
  ts,
  actor: `user${i % 3}`,
  actorKind: 'user',
  address: '10.0.0.7',
  action: i % 2 ? 'scene.set' : 'notice.show',
  target: `screen-${i}`,
  outcome: 'ok',
  screens: ['all'],
  detail: { i, text: '福田 · 测试' },
  ...extra,
});
