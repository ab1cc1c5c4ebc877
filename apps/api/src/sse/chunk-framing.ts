const CRLF = Buffer.from('\r\n');
/** One chunk per distinct buffer: a room's live batch is framed once and shared by every socket it goes to. */
const chunks = new WeakMap<Buffer, Buffer>();

/**
 * `<size in hex>\r\n<bytes>\r\n`: the bytes as one chunk of an HTTP/1.1 chunked body, exactly as Node
 * would frame them, so a writer can hand the socket one ready buffer instead of having Node frame the
 * same bytes again for every client.
 */
export function asChunk(bytes: Buffer): Buffer {
  let chunk = chunks.get(bytes);
  if (chunk === undefined) {
    chunk = Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, CRLF]);
    chunks.set(bytes, chunk);
  }
  return chunk;
}
