import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServerResponse as NodeResponse } from 'node:http';

/**
 * Node's key of a response's header table, the object `getHeader()` reads (one `[name, value]` array per
 * header). It has no public handle, so it is looked up once by name on a response made for the purpose; on a
 * runtime that keeps its headers some other way it is not found, and nothing is released.
 */
const HEADER_TABLE = Object.getOwnPropertySymbols(
  new NodeResponse({ method: 'GET', httpVersionMajor: 1, httpVersionMinor: 1 } as IncomingMessage),
).find((key) => key.description === 'kOutHeaders');

type Held = Record<symbol, Record<string, unknown> | null>;

/** What Express puts on a request that a stream no longer reads once its headers are out. */
interface RoutedRequest extends IncomingMessage {
  params?: unknown;
  next?: unknown;
  _parsedUrl?: unknown;
}

/**
 * Lets go of what Node and Express keep for a request's whole life though an event stream never reads it
 * again once its headers are out: the header table (about 20 headers with Herald's security headers, some
 * 2 KiB a stream, for hours), Express's `next` (with it the router's closures for this request), its parsed
 * URL, the route's parameters and the response's `locals`. The Content-Type stays readable, as the request
 * log tells a stream's end by it.
 */
export function releaseAnsweredRequest(request: RoutedRequest, response: ServerResponse & { locals?: unknown }): void {
  // Assigned, not deleted: deleting a property turns an object's properties into a dictionary.
  request.next = undefined;
  request.params = undefined;
  request._parsedUrl = undefined;
  response.locals = undefined;
  if (HEADER_TABLE === undefined || !response.headersSent) return;
  const held = response as unknown as Held;
  const contentType = held[HEADER_TABLE]?.['content-type'];
  held[HEADER_TABLE] = contentType === undefined ? null : { __proto__: null, 'content-type': contentType };
}
