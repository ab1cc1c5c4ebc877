import type { AppConfig } from '../config/app-config';
import { HttpError } from '../errors/http-error';
import { StreamBook } from './stream-book';
import type { SseWriter } from './sse-writer';

/** A stream as the book sees it, recording what it is sent and whether it was ended. */
const fakeStream = (ip = 'ip') => {
  const written: string[] = [];
  const writer = { write: (frames: Buffer) => void written.push(frames.toString()) } as unknown as SseWriter;
  const stream = {
    ip,
    room: null as string | null,
    writer,
    ended: false,
    end(lastFrame: Buffer) {
      written.push(lastFrame.toString());
      stream.ended = true;
    },
  };
  return Object.assign(stream, { written });
};

const bookWith = (config: Partial<AppConfig>) =>
  new StreamBook({ maxConnections: 0, maxConnectionsPerIp: 0, heartbeatIntervalMs: 20, maxPendingBytes: 1024, ...config } as AppConfig);

const refusal = (admit: () => unknown): HttpError => {
  try {
    admit();
  } catch (err) {
    return err as HttpError;
  }
  throw new Error('admitted');
};

describe('StreamBook', () => {
  it('caps streams per address with 429 and in total with 503, both with Retry-After, and frees a slot on removal', () => {
    const book = bookWith({ maxConnections: 3, maxConnectionsPerIp: 2 });
    const first = fakeStream('10.0.0.1');
    book.admit(first);
    book.admit(fakeStream('10.0.0.1'));
    const perIp = refusal(() => book.admit(fakeStream('10.0.0.1')));
    expect(perIp.getStatus()).toBe(429);
    expect(perIp.headers).toEqual({ 'Retry-After': '10' });
    book.admit(fakeStream('10.0.0.2'));
    expect(refusal(() => book.admit(fakeStream('10.0.0.3'))).getStatus()).toBe(503);
    book.remove(first);
    book.remove(first);
    expect(book.size).toBe(2);
    book.admit(fakeStream('10.0.0.1'));
    expect(book.size).toBe(3);
  });

  it('counts open streams per room once their room is known', () => {
    const book = bookWith({});
    const [a, b] = [fakeStream(), fakeStream()];
    for (const stream of [a, b, fakeStream()]) book.admit(stream);
    a.room = 'lobby';
    b.room = 'lobby';
    expect(book.countsByRoom()).toEqual(new Map([['lobby', 2]]));
    book.remove(a);
    expect(book.countsByRoom()).toEqual(new Map([['lobby', 1]]));
  });

  it('at shutdown tells every stream, and each that opens later, to reconnect soon, and ends it', () => {
    const book = bookWith({});
    const open = fakeStream();
    book.admit(open);
    book.endAll('server shutting down, reconnect');
    const late = fakeStream();
    book.admit(late);
    for (const { written, ended } of [open, late]) {
      expect(ended).toBe(true);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(/^retry: (\d+)\n: server shutting down, reconnect\n\n$/);
      const retry = Number(/^retry: (\d+)/.exec(written[0])![1]);
      expect(retry).toBeGreaterThanOrEqual(500);
      expect(retry).toBeLessThan(1500);
    }
  });

  it('sends every open stream a heartbeat comment from one timer', async () => {
    const book = bookWith({ heartbeatIntervalMs: 20 });
    const [one, two] = [fakeStream(), fakeStream()];
    book.admit(one);
    book.admit(two);
    book.onModuleInit();
    // Waits for beats rather than for a time: a loaded machine may run the timer late.
    for (let i = 0; i < 200 && (one.written.length < 2 || two.written.length < 2); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    book.onModuleDestroy();
    expect(one.written.length).toBeGreaterThanOrEqual(2);
    expect(new Set([...one.written, ...two.written])).toEqual(new Set([':\n\n']));
  });
});
