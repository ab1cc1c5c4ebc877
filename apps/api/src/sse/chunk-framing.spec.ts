import { asChunk, chunkOf } from './chunk-framing';

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

  it('frames several buffers as one chunk, new every time', () => {
    const parts = [Buffer.from('id: 1-0\n\n'), Buffer.from('data: "é"\n\n')];
    const chunk = chunkOf(parts);
    expect(chunk.toString()).toBe('15\r\nid: 1-0\n\ndata: "é"\n\n\r\n');
    expect(chunkOf(parts)).not.toBe(chunk);
  });
});
