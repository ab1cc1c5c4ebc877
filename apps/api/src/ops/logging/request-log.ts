import type { IncomingMessage } from 'node:http';
import type { LogFn, Logger } from 'pino';

/**
 * One request's logging: its id, when it started, and the logger for what is logged while it is handled
 * (it is `request.log`, and what Nest's Logger writes within the request goes to it). That logger, a child
 * carrying the request's id, is made only when something is logged: most requests log nothing but their own line.
 */
export class RequestLog {
  /** Set once the request's own line is written (or skipped): a request has one. */
  answered = false;
  private logger: Logger | undefined;

  constructor(
    readonly root: Logger,
    readonly requestId: string,
    /** `Date.now()` when the request came in. */
    readonly startedAt: number,
  ) {}

  trace(...args: Parameters<LogFn>): void {
    this.bound().trace(...args);
  }
  debug(...args: Parameters<LogFn>): void {
    this.bound().debug(...args);
  }
  info(...args: Parameters<LogFn>): void {
    this.bound().info(...args);
  }
  warn(...args: Parameters<LogFn>): void {
    this.bound().warn(...args);
  }
  error(...args: Parameters<LogFn>): void {
    this.bound().error(...args);
  }
  fatal(...args: Parameters<LogFn>): void {
    this.bound().fatal(...args);
  }

  private bound(): Logger {
    return (this.logger ??= this.root.child({ requestId: this.requestId }));
  }
}

/** The {@link RequestLog} the HTTP logger gave `request` (as `request.log`), or null before it ran. */
export function requestLogOf(request: IncomingMessage | undefined): RequestLog | null {
  const log = (request as { log?: unknown } | undefined)?.log;
  return log instanceof RequestLog ? log : null;
}
