import { SSE_ABORT_CONTROLLER } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { isEventStreamRequest } from './event-stream-request';

/** The stream Nest pipes into each event stream's response (its object-mode `SseStream`), until it is released. */
const nestStreams = new WeakMap<ServerResponse, Readable>();

/** A request as Nest carries its `@SseSignal()` controller. */
type SignalCarrier = IncomingMessage & { [SSE_ABORT_CONTROLLER]?: AbortController };

function remember(this: ServerResponse, source: Readable): void {
  nestStreams.set(this, source);
  this.removeListener('pipe', remember);
}

/**
 * An AbortController aborted from the start, whose abort() then does nothing: `AbortController.abort()` makes a
 * new AbortError for its reason on every call, aborted already or not, and Nest calls it as each stream ends.
 */
class SpentAbortController extends AbortController {
  constructor() {
    super();
    super.abort();
  }

  override abort(): void {
    // Aborted once, in the constructor; there is nothing more to signal.
  }
}

/**
 * The AbortController Nest keeps on an event stream's request for `@SseSignal()`: one for all of them, spent from
 * the start. Herald's stream routes take no `@SseSignal()` (a stream ends through its StreamConnection), and
 * Nest, finding a controller on the request, makes none of its own: no controller, signal or AbortError per
 * stream, and nothing of them left on the request for as long as the stream lasts.
 */
const NO_SSE_SIGNAL: AbortController = new SpentAbortController();

/**
 * Express middleware: notes the stream Nest's `@Sse()` pipes into an event stream's response. Node's 'pipe'
 * event is the only way to reach it from the response, and it fires before any Herald code of the route
 * runs, so it is listened for here, ahead of the route. One shared listener, no closure per request.
 */
export function noteNestStreams(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  if (isEventStreamRequest(request)) {
    response.on('pipe', remember);
    (request as SignalCarrier)[SSE_ABORT_CONTROLLER] = NO_SSE_SIGNAL;
  }
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
