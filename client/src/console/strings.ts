/**
 * Console strings. zh is the control room's language and defines the key set;
 * en must cover every key (the Record type enforces it). Server refusals are
 * shown as the server wrote them.
 */
export { zh, type ConsoleKey } from './strings-zh';
export { en } from './strings-en';
