import type { IncomingMessage } from 'node:http';

/** A GET of a room's event stream or the lobby's, as Express matches it (any case, an optional trailing slash). */
const STREAM_PATH = /^\/api\/(?:rooms\/[^/?#]+\/)?events\/?(?:\?|$)/i;

/** Whether `request` opens an event stream of a room (or the lobby), read from its raw URL before any routing. */
export function isEventStreamRequest(request: IncomingMessage): boolean {
  return request.method === 'GET' && STREAM_PATH.test(request.url ?? '');
}
