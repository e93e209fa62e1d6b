import { readFileSync } from 'node:fs';
import { fsCause, shownPath, StartupError } from './startup-error.js';

/**
 * Reads and parses a JSON configuration file. Any failure is a StartupError
 * naming the file and the cause: V8's own SyntaxError names neither the file
 * nor, for an unexpected token, the place, and it quotes a piece of the text,
 * which in a token file is a piece of a secret.
 */
export function readJsonFile(file: string): unknown {
  return readJsonText(file).value;
}

/** As readJsonFile, with the text as read (for files served as they are on disk). */
export function readJsonText(file: string): { text: string; value: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new StartupError(`${shownPath(file)}: ${fsCause(err)}`, { cause: err });
  }
  // Notepad saves UTF-8 with a byte-order mark, which JSON.parse refuses.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch (err) {
    throw new StartupError(`${shownPath(file)}: ${jsonProblem(text, err)}`, { cause: err });
  }
}

/** A configuration file's shape problem, named with its file. */
export function configFileError(file: string, problem: string): StartupError {
  return new StartupError(`${shownPath(file)}: ${problem}`);
}

/** V8's reason without the quoted text, and where it is as line and column. */
export function jsonProblem(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const at = /\s+in JSON at position (\d+)/.exec(msg);
  // "Unexpected token '}', "…" is not valid JSON": keep the token, drop the quote.
  const reason = msg.replace(/\s+in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '').trim() || 'not valid JSON';
  const offset = at ? Number(at[1]) : jsonErrorOffset(text);
  if (offset === null) return reason;
  const { line, column } = lineColumn(text, offset);
  return `${reason} at line ${line} column ${column}`;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * Offset of the first character a JSON parser would refuse, or null when the
 * text is valid. V8 gives the position for most errors but not for an
 * unexpected token; this finds it for the message. It only runs on a file
 * that has already failed to parse, so it favours brevity over speed.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const lit = (word: string): void => {
    for (const ch of word) if (text[i++] !== ch) (i--, fail());
  };
  const str = (): void => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) ((i += k), fail());
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail();
      } else i++;
    }
  };
  const num = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 2_000) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) num();
    else fail();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail();
    return null;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : null;
  }
}
