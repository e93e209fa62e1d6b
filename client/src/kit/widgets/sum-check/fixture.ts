import { reconcile } from './model';

/** The twelve modelled sector values of the live feed; they add up to 624.92. */
export const SECTOR_PARTS = [52.21, 49.11, 18.95, 50.74, 45.96, 82.68, 130.23, 45.83, 17.35, 30.51, 48.49, 52.86];

export const okFixture = reconcile(SECTOR_PARTS, 624.92);
/** A revision that moved 4.92 out of one sector without a matching entry elsewhere. */
export const brokenFixture = reconcile([...SECTOR_PARTS.slice(0, 11), 47.94], 624.92);
export const missingFixture = reconcile([...SECTOR_PARTS.slice(0, 11), null], 624.92);
