/**
 * Console strings. zh is the control room's language and defines the key set;
 * en must cover every key (the Record type enforces it). Server refusals are
 * shown as the server wrote them.
 */
import { defineStrings } from '../kit/i18n';
import { en } from './strings-en';
import { zh, type ConsoleKey } from './strings-zh';

export type { ConsoleKey };

export const { t, translate } = defineStrings(zh, en);
