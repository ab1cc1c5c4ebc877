import { STATUS_CODES, type Server } from 'node:http';
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
    const [status, message] = answerTo(err.code);
    const body = JSON.stringify(errorBody(status, message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

function answerTo(code: string | undefined): [number, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'The request headers are too large (16 KiB at most).'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'The request took too long to arrive (REQUEST_TIMEOUT_MS); send it again.'];
  return [400, 'The request is not valid HTTP; it was refused before it reached the API.'];
}
