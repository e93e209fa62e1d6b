import type { ConsoleKey } from '../strings';

/** A form check's outcome: the value to send, or the string key of why not. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: ConsoleKey };
