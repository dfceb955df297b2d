/**
 * @module Process logger. Request logs carry only allow-listed fields: never
 * headers, query strings (presigned URLs hold signatures) or bodies.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.STRONGROOM_LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'strongroom' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
