import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import type { AppConfig } from '../config/config.schema';

/** What every log line written while serving a request carries (filled in as the request is authenticated). */
export interface RequestLogContext {
  requestId?: string;
  correlationId?: string;
  principal?: string;
}

/** The request being served, for log lines written anywhere below it (set by the API's server, see http-observability). */
export const requestLogContext = new AsyncLocalStorage<RequestLogContext>();

const NO_FIELDS: object = Object.freeze({});
const namesItsRequest = (line: object): boolean => 'requestId' in line && 'correlationId' in line && 'principal' in line;

/** Nest's levels as pino's: `log` is info, `verbose` is trace. */
const PINO_LEVEL: Record<AppConfig['logLevel'], LevelWithSilent> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * The process's logger: JSON lines (pino) in production and tests, pretty
 * lines (pino-pretty) in development. `destination` lets a test read the lines.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'nodeEnv'>, options: { name: string; destination?: DestinationStream }): Logger {
  const base = {
    name: options.name,
    level: PINO_LEVEL[config.logLevel],
    // The request's ids on every line written while serving it; a line naming all three itself (the access line) keeps its own.
    mixin: (line: object) => (namesItsRequest(line) ? NO_FIELDS : (requestLogContext.getStore() ?? NO_FIELDS)),
    // pino's default merge (Object.assign(mixin's object, line)) would write into the request's store, and copies every line.
    mixinMergeStrategy: (line: object, fields: object) => (fields === NO_FIELDS ? line : { ...fields, ...line }),
    redact: ['req.headers.authorization', 'headers.authorization'],
  };
  if (options.destination) return pino(base, options.destination);
  if (config.nodeEnv === 'development') {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  // Asynchronous: lines written while a write is under way go out together in the next one (under load, one write per
  // many access lines instead of a blocking write each); pino flushes what is left when the process exits.
  return pino(base, pino.destination({ dest: 1, sync: false }));
}

/** Nest's Logger API over pino: `context` becomes a field; an object message is merged as fields. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack?, context?).
    const [stack, context] =
      rest.length >= 2
        ? rest
        : rest.length === 1 && typeof rest[0] === 'string' && rest[0].includes('\n')
          ? [rest[0], undefined]
          : [undefined, rest[0]];
    this.write('error', message, context === undefined ? [] : [context], typeof stack === 'string' ? { stack } : {});
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
    extra: Record<string, unknown> = {},
  ): void {
    const context = rest.at(-1);
    const fields: Record<string, unknown> = { ...extra, ...(typeof context === 'string' ? { context } : {}) };
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      const { msg, ...more } = message as Record<string, unknown>;
      this.logger[level]({ ...fields, ...more }, typeof msg === 'string' ? msg : '');
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
