import { RunningServer, startServer } from '@herald/testing';
import { Socket, connect } from 'node:net';
import { postJson } from './support/http';
import { metricValue } from './support/metrics';
import { SseClient } from './support/sse-client';

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

  it('is disconnected once its unsent output passes MAX_PENDING_BYTES, while the others get every message', async () => {
    const healthy = await SseClient.open(`${server.url}/api/rooms/slow/events`);
    await healthy.waitFor((events) => events.length > 0);
    const stalled = await stalledSubscriber('/api/rooms/slow/events');
    // A paused socket does not notice a reset until it reads again, so the server's log tells when.
    const disconnected = () => server.output().includes('Disconnected a stream client that stopped reading');

    // ~2 KiB per message; enough to fill the kernel's socket buffers and then the server's bound.
    const text = 'x'.repeat(1990);
    let sent = 0;
    while (!disconnected() && sent < 20_000) {
      const batch = Array.from({ length: 20 }, (_, i) => postJson(`${server.url}/api/rooms/slow/messages`, { author: 'Ada', text: `${sent + i} ${text}` }));
      const answers = await Promise.all(batch);
      expect(answers.every((a) => a.status === 202)).toBe(true);
      sent += batch.length;
    }
    expect(disconnected()).toBe(true);
    expect(await metricValue(server.url, 'herald_slow_consumer_disconnects_total')).toBe(1);
    // Reading again, the stalled client finds its connection gone.
    stalled.socket.resume();
    await stalled.closed;

    await healthy.waitForMessages(sent, 20_000);
    // Every message once (posts run 20 at a time, so they are numbered in any order) and in id order.
    const received = healthy.messages();
    const numbers = received.map((m) => Number(m.text.split(' ')[0])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: sent }, (_, i) => i));
    const ids = received.map((m) => m.id.split('-').map(Number));
    expect(ids.every(([ms, seq], i) => i === 0 || ms > ids[i - 1][0] || (ms === ids[i - 1][0] && seq > ids[i - 1][1]))).toBe(true);
    healthy.close();
  }, 60_000);
});
