import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; the only place output is written from. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { svc: 'futian-wall' }, timestamp: pino.stdTimeFunctions.isoTime });
}

export const silentLogger: Logger = pino({ level: 'silent' });
