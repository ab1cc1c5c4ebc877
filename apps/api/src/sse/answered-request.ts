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

/**
 * What a sent response's `_header` becomes. Node keeps the head it wrote there (some 0.9 KiB with Herald's
 * security headers), and once it is written reads it only as "the headers are sent" (`headersSent`, and the
 * checks that refuse a header after that); one shared string says the same for every stream.
 */
const SENT_HEAD = 'HTTP/1.1 200 OK\r\n\r\n';

/**
 * The header table left to a stream: its Content-Type alone, shared by the streams with the same one (a
 * table is never written once the head is out: Node refuses every change to the headers from then on).
 */
let typeTable: { value: string; table: Readonly<Record<string, unknown>> } | null = null;

interface AnsweredResponse extends ServerResponse {
  locals?: unknown;
  _header?: string | null;
  _headerSent?: boolean;
}

type Held = Record<symbol, Record<string, unknown> | null>;

/** What Express puts on a request that a stream no longer reads once its headers are out. */
interface RoutedRequest extends IncomingMessage {
  params?: unknown;
  next?: unknown;
  _parsedUrl?: unknown;
}

/**
 * Lets go of what Node and Express keep for a request's whole life though an event stream never reads it
 * again once its headers are out: the head as written and the header table (about 20 headers with Herald's
 * security headers, some 3 KiB a stream, for hours), Express's `next` (with it the router's closures for this
 * request), its parsed URL, the route's parameters and the response's `locals`. The Content-Type stays
 * readable, as the request log tells a stream's end by it.
 */
export function releaseAnsweredRequest(request: RoutedRequest, response: AnsweredResponse): void {
  // Assigned, not deleted: deleting a property turns an object's properties into a dictionary.
  request.next = undefined;
  request.params = undefined;
  request._parsedUrl = undefined;
  response.locals = undefined;
  // Only once the head is on its way to the socket: until then Node still writes `_header` out.
  if (response._headerSent !== true || typeof response._header !== 'string') return;
  response._header = SENT_HEAD;
  if (HEADER_TABLE === undefined) return;
  const held = response as unknown as Held;
  held[HEADER_TABLE] = contentTypeTable(held[HEADER_TABLE]?.['content-type']);
}

function contentTypeTable(entry: unknown): Readonly<Record<string, unknown>> | null {
  if (!Array.isArray(entry) || typeof entry[1] !== 'string') return null;
  const value = entry[1];
  if (typeTable?.value !== value) {
    typeTable = { value, table: Object.freeze({ __proto__: null, 'content-type': Object.freeze([entry[0], value]) }) };
  }
  return typeTable.table;
}
