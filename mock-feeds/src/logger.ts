/**
 * pino-compatible logging surface `(obj, msg)`, so the composition root can pass
 * its pino instance straight in. The package itself never writes to the console.
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => {};
export const noopLogger: Logger = { info: noop, warn: noop, error: noop };

type Level = 'info' | 'warn' | 'error';
const LEVEL_NUM: Record<Level, number> = { info: 30, warn: 40, error: 50 };

/** JSON lines in pino's shape, for the CLI (pino is not a dependency of this package). */
export function jsonLineLogger(write: (line: string) => void, base: object = {}): Logger {
  const log =
    (level: Level) =>
    (obj: object, msg?: string): void => {
      const err = obj instanceof Error ? { err: { message: obj.message, name: obj.name } } : obj;
      write(`${JSON.stringify({ level: LEVEL_NUM[level], time: Date.now(), ...base, ...err, msg })}\n`);
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
