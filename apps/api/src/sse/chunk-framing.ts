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

/**
 * Several buffers as one chunk, for bytes that go to one socket only (a slice of a replay): built each
 * time and never kept, unlike {@link asChunk}'s shared chunks.
 */
export function chunkOf(parts: readonly Buffer[]): Buffer {
  let size = 0;
  for (const part of parts) size += part.length;
  return Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), ...parts, CRLF]);
}
