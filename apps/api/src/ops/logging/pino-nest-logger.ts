import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { currentRequestLog } from './request-log-scope';

/** A stack trace, as Nest's exception handlers pass it after the message: `error(message, stack, context)`. */
const STACK_TRACE = /\n\s+at /;

/**
 * Nest's logger, writing through pino: each call is one line with its `context`, and within a request the
 * request's `requestId`. Nest's contract for the parameters: its Logger appends the context as the last one;
 * an Error is logged as `err`, an object's fields join the line, and anything else is the message.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = currentRequestLog() ?? this.root;
    // A trailing stack trace is not a context: `Logger.error(message, stack)` has none.
    const context = isStackTrace(params.at(-1)) ? undefined : params.pop();
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      fields['err'] = message;
      logger[level](fields, ...(params as [string?]));
    } else if (typeof message === 'object' && message !== null) {
      logger[level](Object.assign(fields, message), ...(params as [string?]));
    } else if (level === 'error' && params.length === 1 && isStackTrace(params[0])) {
      fields['err'] = Object.assign(new Error(String(message)), { stack: params[0] });
      logger.error(fields);
    } else {
      logger[level](fields, String(message), ...params);
    }
  }
}

function isStackTrace(value: unknown): value is string {
  return typeof value === 'string' && STACK_TRACE.test(value);
}
