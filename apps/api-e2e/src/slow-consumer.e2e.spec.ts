import { RunningServer, startServer } from '@herald/testing';
import { Socket, connect } from 'node:net';
import { postJson } from './support/http';
import { metricValue } from './support/metrics';
import { request } from 'node:http';

describe('a client that stops reading', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ MAX_PENDING_BYTES: '65536', HISTORY_LIMIT: '100' });
  });
  afterAll(() => server.stop());

  /** Opens the stream on a raw socket and never reads from it. */
  function stalledSubscriber(path: string): Promise<{ socket: Socket; closed: Promise<void> }> {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    return new Promise((resolve) => {
      socket.once('connect', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
        socket.pause();
        resolve({ socket, closed });
      });
    });
  }

  it('is disconnected once its unsent output passes MAX_PENDING_BYTES, while 200 others get all of 1,000+ messages', async () => {
    const healthy = await Promise.all(Array.from({ length: 200 }, () => TallyClient.open(`${server.url}/api/rooms/slow/events`)));
    const stalled = await stalledSubscriber('/api/rooms/slow/events');
    // A paused socket does not notice a reset until it reads again, so the server's log tells when.
    const disconnected = () => server.output().includes('Disconnected a stream client that stopped reading');

    // ~2 KiB per message: at least 1,000 of them, and on until the stalled client's backlog has filled the
    // kernel's socket buffers and then passed the server's bound.
    const text = 'x'.repeat(1990);
    let sent = 0;
    while ((sent < 1_000 || !disconnected()) && sent < 20_000) {
      const batch = Array.from({ length: 20 }, (_, i) =>
        postJson(`${server.url}/api/rooms/slow/messages`, { author: 'Ada', text: `${sent + i} ${text}` }),
      );
      const answers = await Promise.all(batch);
      expect(answers.every((a) => a.status === 202)).toBe(true);
      sent += batch.length;
    }
    expect(disconnected()).toBe(true);
    expect(await metricValue(server.url, 'herald_slow_consumer_disconnects_total')).toBe(1);
    // Reading again, the stalled client finds its connection gone.
    stalled.socket.resume();
    await stalled.closed;

    for (const client of healthy) {
      await client.waitFor(sent);
      // Every message once (posts run 20 at a time, so they are numbered in any order) and in id order.
      expect([...client.numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: sent }, (_, i) => i));
      expect(client.ids.every((id, i) => i === 0 || compareIds(client.ids[i - 1], id) < 0)).toBe(true);
      client.close();
    }
  }, 120_000);
});

const compareIds = (a: string, b: string) => {
  const [aMs, aSeq] = a.split('-').map(Number);
  const [bMs, bSeq] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
};

/** A subscriber that keeps only each message's id and number, so 200 of them hold megabytes, not hundreds. */
class TallyClient {
  readonly ids: string[] = [];
  readonly numbers: number[] = [];
  /** Set by the presence event that ends the catch-up. */
  live = false;
  private buffer = '';
  private waiters: Array<() => void> = [];
  private constructor(private readonly close_: () => void) {}

  static open(url: string): Promise<TallyClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream' } }, (res) => {
        const client = new TallyClient(() => req.destroy());
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.push(chunk));
        // Registered with the room once its catch-up (ending with presence) has arrived.
        const ready = () => (client.live ? resolve(client) : setTimeout(ready, 10));
        ready();
      });
      req.on('error', reject);
      req.end();
    });
  }

  waitFor(count: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out with ${this.ids.length} of ${count} messages`)), 30_000);
      const check = () => {
        if (this.ids.length < count) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      this.waiters.push(check);
      check();
    });
  }

  close(): void {
    this.close_();
  }

  private push(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (frame.startsWith('event: presence')) this.live = true;
      const id = /^id: (\S+)$/m.exec(frame);
      const text = /"text":"(\d+) /.exec(frame);
      if (id && text) {
        this.ids.push(id[1]);
        this.numbers.push(Number(text[1]));
      }
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}
