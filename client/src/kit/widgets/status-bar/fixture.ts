import type { StatusCounts } from './model';

/** The fixture fleet of 9,499 charging piles on an ordinary evening. */
export const fixture: StatusCounts = { online: 9310, offline: 95, fault: 41, silent: 53 };
