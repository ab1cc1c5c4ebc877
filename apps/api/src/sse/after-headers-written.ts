import type { ServerResponse } from 'node:http';

/**
 * Microtasks are queued on a resolved promise rather than with queueMicrotask(), which, while an AsyncLocalStorage
 * holds a value (the request's log scope does), wraps each callback in a new AsyncResource; a promise keeps the
 * same context without one.
 */
const RESOLVED = Promise.resolve();

/**
 * Calls `then` once this response's headers are written. Nest writes an event stream's headers itself, from
 * a timer it starts after the handler; Node has no event for it, so this wraps the response's own
 * `writeHead` for that one call (as the on-headers pattern of Express middleware does), then restores it.
 * The socket is corked from the headers until `then` has run, so the headers, Nest's first newline and what
 * `then` writes leave in one write, not three.
 */
export function afterHeadersWritten(response: ServerResponse, then: () => void): void {
  if (response.headersSent) {
    void RESOLVED.then(then);
    return;
  }
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    // Assigned back, not deleted: deleting a property puts the response's properties into a 3 KiB dictionary.
    response.writeHead = writeHead;
    const socket = response.socket;
    socket?.cork();
    let result: ServerResponse;
    try {
      result = writeHead.apply(this, args);
    } catch (err) {
      socket?.uncork();
      throw err;
    }
    // After the rest of Nest's header step (flushHeaders, its first newline), in the same order on the socket.
    void RESOLVED.then(() => {
      try {
        then();
      } finally {
        socket?.uncork();
      }
    });
    return result;
  } as ServerResponse['writeHead'];
}
