import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, Level, Logger } from 'pino';
import { pino, stdTimeFunctions } from 'pino';
import { LogFormat, LogLevel } from '../../config/app-config';
import { prettyLogStream } from './pretty-log-stream';
import { RequestLog, requestLogOf } from './request-log';
import { requestId } from './request-id';

/** LOG_LEVEL speaks Nest's level names; pino has its own for the same levels. */
export const PINO_LEVELS: Record<LogLevel, string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Probes and scrapes come every few seconds; their lines are only worth it when debugging. */
const QUIET_PATHS = /^\/(?:api\/health\/(?:live|ready)|metrics)$/;

/** The request middleware, with the logger every line goes through (the root of Nest's logs too). */
export interface HttpLogger {
  (request: IncomingMessage, response: ServerResponse, next: () => void): void;
  readonly logger: Logger;
}

/** A request this middleware has seen: its `log` is a {@link RequestLog} (Express adds `originalUrl`). */
type LoggedRequest = IncomingMessage & { log?: unknown; originalUrl?: string };

/**
 * JSON lines on stdout (LOG_FORMAT=pretty: one readable line per record instead), one per request when its
 * answer is done (for an event stream: when it ends, with its duration), each with the request's id.
 * Neither bodies nor headers nor query strings are logged: posts' text, tokens and stream tickets stay out.
 * Per request this costs an id, one small object and two shared listeners; the line itself is built only
 * when its level is logged.
 */
export function createHttpLogger(level: LogLevel, format: LogFormat, destination = standardOutput(format)): HttpLogger {
  const logger = pino({ level: PINO_LEVELS[level], timestamp: stdTimeFunctions.isoTime }, destination);
  const middleware = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    (request as LoggedRequest).log = new RequestLog(logger, requestId(request, response), Date.now());
    response.on('close', logAnswer);
    response.on('error', logFailure);
    next();
  };
  return Object.assign(middleware, { logger });
}

/** Where the lines go: stdout, through the readable formatter for LOG_FORMAT=pretty (pino's own default otherwise). */
function standardOutput(format: LogFormat): DestinationStream | undefined {
  return format === 'pretty'
    ? prettyLogStream((text) => process.stdout.write(text), process.stdout.isTTY === true && !process.env['NO_COLOR'])
    : undefined;
}

/** The log of the request `response` answers, while its own line is still to be written. */
function unansweredLogOf(response: ServerResponse): RequestLog | null {
  const log = requestLogOf(response.req);
  return log !== null && !log.answered ? log : null;
}

/** 'close' of a response: its line (also when the client left before the answer was done). */
function logAnswer(this: ServerResponse): void {
  const log = unansweredLogOf(this);
  if (log === null) return;
  log.answered = true;
  const failed = this.statusCode >= 500;
  // 503 is an answer Herald gives on purpose (shutting down, Redis down, connection cap), not a fault.
  const level: Level = this.statusCode === 503 ? 'warn' : failed ? 'error' : QUIET_PATHS.test(pathOf(this)) ? 'debug' : 'info';
  if (!log.root.isLevelEnabled(level)) return;
  const message = failed
    ? `request failed with status ${this.statusCode}`
    : isEventStream(this)
      ? 'stream ended'
      : this.writableEnded
        ? 'request completed'
        : 'request aborted';
  log.root[level](lineOf(this, log), message);
}

/** 'error' of a response (a socket error): its line, with the error. */
function logFailure(this: ServerResponse, err: Error): void {
  const log = unansweredLogOf(this);
  if (log === null) return;
  log.answered = true;
  const { requestId, req, res, durationMs } = lineOf(this, log);
  log.root.error({ requestId, req, res, err, durationMs }, `request failed with status ${this.statusCode}`);
}

function lineOf(response: ServerResponse, log: RequestLog) {
  return {
    requestId: log.requestId,
    req: { method: response.req.method, path: pathOf(response) },
    res: { statusCode: response.statusCode },
    durationMs: Date.now() - log.startedAt,
  };
}

function pathOf(response: ServerResponse): string {
  const request = response.req as LoggedRequest;
  const url = request.originalUrl ?? request.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function isEventStream(response: ServerResponse): boolean {
  return String(response.getHeader('content-type') ?? '').startsWith('text/event-stream');
}
