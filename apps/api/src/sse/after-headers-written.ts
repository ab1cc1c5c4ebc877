import type { ServerResponse } from 'node:http';

/**
 * Calls `then` once this response's headers are written. Nest writes an event stream's headers itself, from
 * a timer it starts after the handler; Node has no event for it, so this wraps the response's own
 * `writeHead` for that one call (as the on-headers pattern of Express middleware does), then restores it.
 */
export function afterHeadersWritten(response: ServerResponse, then: () => void): void {
  if (response.headersSent) {
    queueMicrotask(then);
    return;
  }
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    response.writeHead = writeHead;
    const result = writeHead.apply(this, args);
    // After the rest of Nest's header step (flushHeaders, its first newline), in the same order on the socket.
    queueMicrotask(then);
    return result;
  } as ServerResponse['writeHead'];
}
