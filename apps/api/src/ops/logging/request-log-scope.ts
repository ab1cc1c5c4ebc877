import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RequestLog, requestLogOf } from './request-log';

/** The request being handled, for what is logged through Nest's Logger, which is never given the request. */
const scope = new AsyncLocalStorage<RequestLog>();

/** The log of the request whose handling is running now (also after its awaits); undefined outside one. */
export function currentRequestLog(): RequestLog | undefined {
  return scope.getStore();
}

/**
 * Express middleware: runs the rest of the request within its {@link RequestLog} (set by the HTTP logger).
 * It goes after the body parser: reading a body loses the async context, as every wait on a socket does.
 */
export function enterRequestLog(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
  const log = requestLogOf(request);
  if (log !== null) scope.run(log, next);
  else next();
}
