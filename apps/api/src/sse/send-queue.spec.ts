import { SendQueue } from './send-queue';

describe('SendQueue', () => {
  const bytes = (n: number, fill: string) => Buffer.alloc(n, fill);

  it('counts only what is not a replay against the bound, as it waits and as it is taken', () => {
    const queue = new SendQueue();
    queue.push(bytes(10, 'r'), true);
    queue.push(bytes(100, 'a'), false);
    queue.push(bytes(100, 'b'), false);
    queue.push(bytes(7, 'l'), true);
    expect(queue.countedBytes).toBe(17);
    expect(queue.take(50).map(String)).toEqual(['r'.repeat(10), 'a'.repeat(100)]);
    expect(queue.countedBytes).toBe(7);
    expect(queue.take(1).map(String)).toEqual(['b'.repeat(100)]);
    expect(queue.isEmpty).toBe(false);
    expect(queue.take(1_000).map(String)).toEqual(['l'.repeat(7)]);
    expect(queue.countedBytes).toBe(0);
    expect(queue.isEmpty).toBe(true);
  });

  it('takes whole parts, in order, and hands them over as they are', () => {
    const queue = new SendQueue();
    const parts = Array.from({ length: 10 }, (_, i) => bytes(10, String(i)));
    parts.forEach((part) => queue.push(part, false));
    const taken = [queue.take(25), queue.take(25), queue.take(25), queue.take(25)];
    expect(taken.map((slice) => slice.length)).toEqual([3, 3, 3, 1]);
    expect(taken.flat()).toEqual(parts);
    expect(taken.flat().every((part, i) => part === parts[i])).toBe(true);
  });

  it('keeps no empty part, which would frame as the chunk that ends the body', () => {
    const queue = new SendQueue();
    queue.push(Buffer.alloc(0), true);
    expect(queue.isEmpty).toBe(true);
  });
});
