import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Nest's Express adapter where Herald does a part of its work itself. It writes a handler's JSON answer (a 202 to a post, a page of history) itself:
 * `res.json()` would look three settings up, set a Content-Type and then parse and format it again to add
 * the charset, and check the request's freshness, for every answer. The answer is the same, byte for byte
 * (Express's default settings, which Herald keeps, and no ETag: see create-app.ts). Anything else (no body,
 * a stream, an Error, a HEAD, a type the handler set, a status without a body) takes Express's way.
 */
export class HttpAdapter extends ExpressAdapter {
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
