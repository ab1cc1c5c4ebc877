import { SSE_ABORT_CONTROLLER } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { isEventStreamRequest } from './event-stream-request';

/** The stream Nest pipes into each event stream's response (its object-mode `SseStream`), until it is released. */
const nestStreams = new WeakMap<ServerResponse, Readable>();

function remember(this: ServerResponse, source: Readable): void {
  nestStreams.set(this, source);
  this.removeListener('pipe', remember);
}

/**
 * Express middleware: notes the stream Nest's `@Sse()` pipes into an event stream's response. Node's 'pipe'
 * event is the only way to reach it from the response, and it fires before any Herald code of the route
 * runs, so it is listened for here, ahead of the route. One shared listener, no closure per request.
 */
export function noteNestStreams(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  if (isEventStreamRequest(request)) response.on('pipe', remember);
  next();
}

/**
 * Unpipes Nest's stream from `response`, so that Nest ending it no longer ends the response: from then on
 * whoever called this owns the response. False when no such stream was noted (Nest then keeps it).
 */
export function releaseNestStream(response: ServerResponse): boolean {
  const source = nestStreams.get(response);
  if (source === undefined) return false;
  nestStreams.delete(response);
  source.unpipe(response);
  return true;
}

/**
 * Lets go of the AbortController Nest keeps on the request for `@SseSignal()`, once Nest's side of the
 * stream has completed and so aborted it: nothing can learn more from it, and with its signal and the
 * abort's reason it would stay with the request as long as the stream. One not aborted yet stays.
 */
export function releaseNestSignal(request: IncomingMessage): void {
  const carrier = request as IncomingMessage & { [SSE_ABORT_CONTROLLER]?: AbortController };
  if (carrier[SSE_ABORT_CONTROLLER]?.signal.aborted) carrier[SSE_ABORT_CONTROLLER] = undefined;
}
