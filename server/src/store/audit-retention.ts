const DAY = 86_400_000;

/**
 * 等保 2.0 (GB/T 22239-2019) 8.1.4.3 and Cybersecurity Law §21 ask for logs kept
 * at least six months. 180 days is the floor, and the default: the schema's
 * delete trigger refuses to delete a younger row whatever the settings say.
 */
export const AUDIT_RETENTION_MIN_DAYS = 180;
export const AUDIT_RETENTION_MIN_MS = AUDIT_RETENTION_MIN_DAYS * DAY;
/** A hundred years: past this a typo is likelier than a policy. */
const MAX_DAYS = 36_500;

/**
 * The audit retention in ms from `WALL_AUDIT_RETENTION_DAYS` (whole days,
 * default 180). Anything below 180 is refused rather than raised silently: a
 * deployment that asked for 30 days should hear at start that it cannot have
 * them, not find out at an assessment.
 *
 * It lives in store/ (beside the trigger that enforces the floor) rather than
 * audit/ so that config/ can call it without a domain cycle: audit/ reaches
 * config/ through http/.
 */
export function auditRetentionFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.WALL_AUDIT_RETENTION_DAYS?.trim();
  if (raw === undefined || raw === '') return AUDIT_RETENTION_MIN_MS;
  const days = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(days) || days < AUDIT_RETENTION_MIN_DAYS || days > MAX_DAYS) {
    throw new Error(
      `WALL_AUDIT_RETENTION_DAYS must be a whole number of days from ${AUDIT_RETENTION_MIN_DAYS} to ${MAX_DAYS} ` +
        `(audit logs are kept at least 6 months: 等保 2.0 8.1.4.3, Cybersecurity Law §21), got '${raw.slice(0, 32)}'`,
    );
  }
  return days * DAY;
}
