import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LevelWithSilent } from 'pino';
import { stdTimeFunctions } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';
import { LogFormat, LogLevel } from '../../config/app-config';
import { prettyLogStream } from './pretty-log-stream';
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

/**
 * JSON lines on stdout (LOG_FORMAT=pretty: one readable line per record instead), one per request when its
 * answer is done (for an event stream: when it ends, with its duration), each with the request's id.
 * Neither bodies nor headers nor query strings are logged: posts' text, tokens and stream tickets stay out.
 */
export function createHttpLogger(level: LogLevel, format: LogFormat): HttpLogger {
  const destination =
    format === 'pretty'
      ? prettyLogStream((text) => process.stdout.write(text), process.stdout.isTTY === true && !process.env['NO_COLOR'])
      : undefined;
  return pinoHttp<IncomingMessage, ServerResponse>(
    {
      level: PINO_LEVELS[level],
      timestamp: stdTimeFunctions.isoTime,
      genReqId: requestId,
      customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
      // Logs made while handling a request carry its id only; its method and path are in its own line.
      quietReqLogger: true,
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: pathOf(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error): LevelWithSilent => {
        // 503 is an answer Herald gives on purpose (shutting down, Redis down, connection cap), not a fault.
        if (res.statusCode === 503 && !err) return 'warn';
        if (err || res.statusCode >= 500) return 'error';
        return QUIET_PATHS.test(pathOf(req.url)) ? 'debug' : 'info';
      },
      customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => {
        if (isEventStream(res)) return 'stream ended';
        return res.writableEnded ? 'request completed' : 'request aborted';
      },
      customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `request failed with status ${res.statusCode}`,
      // pino-http makes up an Error for any 5xx; only a real one (a socket error) is worth its stack.
      customErrorObject: (req: IncomingMessage, res: ServerResponse, err: Error, value: Record<string, unknown>) =>
        err.message === `failed with status code ${res.statusCode}` ? { res: value['res'], durationMs: value['durationMs'] } : value,
    },
    destination,
  );
}

function pathOf(url: string | undefined): string {
  const path = url ?? '';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

function isEventStream(res: ServerResponse): boolean {
  return String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
}
