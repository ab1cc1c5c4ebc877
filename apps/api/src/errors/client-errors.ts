import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from './api-exception.filter';

/**
 * Requests Node's HTTP parser refuses before any route sees them (headers over 16 KiB, a bare CR in a
 * header, garbage on the wire) get the API's JSON error too, instead of Node's empty answer.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // ECONNRESET and friends: the client is gone, there is no one to answer.
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const message =
      status === 431
        ? 'The request headers are too large (16 KiB at most).'
        : 'The request is not valid HTTP; it was refused before it reached the API.';
    const body = JSON.stringify(errorBody(status, message));
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
