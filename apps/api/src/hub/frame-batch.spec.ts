import { FrameBatch } from './frame-batch';

describe('FrameBatch', () => {
  it('frames its bytes as one HTTP chunk, built once and shared', () => {
    const batch = new FrameBatch(Buffer.from('id: 1-0\nevent: message\ndata: {"text":"é"}\n\n'));
    const chunk = batch.chunk;
    // The size is in bytes (é is two), in hex.
    expect(chunk.toString()).toBe(`${batch.data.length.toString(16)}\r\nid: 1-0\nevent: message\ndata: {"text":"é"}\n\n\r\n`);
    expect(batch.data.length).toBe(44);
    expect(batch.chunk).toBe(chunk);
  });
});
