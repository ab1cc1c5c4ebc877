import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { Server } from 'node:http';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Nest's Express adapter, with two of its jobs done Herald's way.
 *
 * It writes a handler's JSON answer (a 202 to a post, a page of history) itself: `res.json()` would look
 * three settings up, set a Content-Type and then parse and format it again to add the charset, and check the
 * request's freshness, for every answer. The answer is the same, byte for byte (Express's default settings,
 * which Herald keeps, and no ETag: see create-app.ts). Anything else (no body, a stream, an Error, a HEAD, a
 * type the handler set, a status without a body) takes Express's way.
 *
 * On close it drops the connections still open (event streams would otherwise hold `app.close()` until
 * every client leaves) with Node's own `closeAllConnections()`. Nest's `forceCloseConnections` does the
 * same from a set of its own, filled by a 'close' listener and a closure on every socket for the socket's
 * whole life, while Node's server keeps that list anyway.
 */
export class HttpAdapter extends ExpressAdapter {
  override close(): Promise<unknown> | undefined {
    (this.getHttpServer() as Server | undefined)?.closeAllConnections();
    return super.close();
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    const status = statusCode ?? response.statusCode;
    const json = isJsonAnswer(response, body, status) ? JSON.stringify(body) : undefined;
    if (json === undefined) return super.reply(response, body, statusCode);
    response.status(status);
    response.setHeader('Content-Type', JSON_TYPE);
    response.setHeader('Content-Length', Buffer.byteLength(json));
    return response.end(json);
  }
}

function isJsonAnswer(response: Response, body: unknown, status: number): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !(body instanceof StreamableFile) &&
    !(body instanceof Error) &&
    status !== 204 &&
    status !== 205 &&
    status !== 304 &&
    response.req.method !== 'HEAD' &&
    !response.hasHeader('content-type') &&
    !response.hasHeader('transfer-encoding')
  );
}
