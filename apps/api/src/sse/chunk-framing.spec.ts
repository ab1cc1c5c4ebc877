import { asChunk } from './chunk-framing';

describe('asChunk', () => {
  it('frames bytes as one HTTP chunk, built once per buffer and shared', () => {
    const bytes = Buffer.from('id: 1-0\nevent: message\ndata: {"text":"é"}\n\n');
    const chunk = asChunk(bytes);
    // The size is in bytes (é is two), in hex.
    expect(chunk.toString()).toBe(`${bytes.length.toString(16)}\r\nid: 1-0\nevent: message\ndata: {"text":"é"}\n\n\r\n`);
    expect(bytes.length).toBe(44);
    expect(asChunk(bytes)).toBe(chunk);
    expect(asChunk(Buffer.from(bytes))).not.toBe(chunk);
  });
});
