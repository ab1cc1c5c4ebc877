const CRLF = Buffer.from('\r\n');

/**
 * The frames one room sends in one turn, encoded once for all its subscribers: as plain event-stream
 * bytes, and (made on first use, then shared) as one HTTP/1.1 chunk, so a writer on a chunked response can
 * hand the socket a single ready buffer instead of having Node frame the same bytes again for every client.
 */
export class FrameBatch {
  private asChunk?: Buffer;

  constructor(readonly data: Buffer) {}

  /** `<size in hex>\r\n<data>\r\n`: the batch as a chunk of a chunked response body. */
  get chunk(): Buffer {
    return (this.asChunk ??= Buffer.concat([Buffer.from(`${this.data.length.toString(16)}\r\n`), this.data, CRLF]));
  }
}
