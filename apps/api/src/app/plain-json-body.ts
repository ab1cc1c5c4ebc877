import type { IncomingMessage } from 'node:http';

/** `application/json`, with no charset or UTF-8's: the type every client of the API sends. */
const PLAIN_JSON_TYPE = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;

/**
 * The length of a body this reader takes: the common case of a JSON post (a Content-Length within `limit`, no
 * chunked or compressed body, UTF-8 JSON); null for any other request, which the full body parser reads.
 */
export function plainJsonLength(request: IncomingMessage, limit: number): number | null {
  const { headers } = request;
  const length = headers['content-length'];
  if (length === undefined || headers['transfer-encoding'] !== undefined) return null;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return null;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON_TYPE.test(type)) return null;
  const bytes = Number(length);
  return Number.isInteger(bytes) && bytes >= 0 && bytes <= limit ? bytes : null;
}

/**
 * Reads a body {@link plainJsonLength} accepted and parses it as Express's JSON parser would (a UTF-8 byte
 * order mark is dropped, an empty body is `{}`); `done` gets the value, or an error whose `type` is
 * `entity.parse.failed` for text that is not JSON and `request.aborted` for a body that never came.
 */
export function readPlainJson(request: IncomingMessage, length: number, done: (err: BodyError | null, body?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  const finish = (err: BodyError | null, body?: unknown) => {
    request.removeListener('data', onData);
    request.removeListener('end', onEnd);
    request.removeListener('error', onError);
    request.removeListener('close', onError);
    done(err, body);
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
  };
  const onEnd = () => {
    if (received !== length) return finish({ type: 'request.size.invalid', status: 400 });
    let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length === 0) return finish(null, {});
    try {
      finish(null, JSON.parse(text));
    } catch {
      finish({ type: 'entity.parse.failed', status: 400 });
    }
  };
  const onError = () => finish({ type: 'request.aborted', status: 400 });
  request.on('data', onData);
  request.on('end', onEnd);
  request.on('error', onError);
  // Closed before its end: the client left, or the request timeout cut it off.
  request.on('close', onError);
}

/** A body that could not be read, described as Express's body parser describes it. */
export interface BodyError {
  type: string;
  status: number;
}
