import { RunningServer, startServer } from '@herald/testing';
import { postJson } from './support/http';
import { metricValue } from './support/metrics';
import { readAtPace } from './support/paced-reading';
import { until } from './support/post-loops';
import { SseClient } from './support/sse-client';

describe('a client that resumes from far back', () => {
  let server: RunningServer;

  // The defaults: MAX_PENDING_BYTES of 1 MiB, and a history of 1,000 messages per room.
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  /**
   * Posts `count` messages of the longest text allowed, 20 at a time; resolves with their ids. Each of its
   * 2,000 characters takes three bytes: 1,000 of them are ~6 MB, more than the sockets of a loopback
   * connection hold, so the server has to wait for the client to read.
   */
  async function post(count: number, label: string): Promise<string[]> {
    const ids: string[] = [];
    for (let sent = 0; sent < count; sent += 20) {
      const batch = Array.from({ length: Math.min(20, count - sent) }, (_, i) =>
        postJson(`${server.url}/api/rooms/backlog/messages`, { author: 'Ada', text: `${label} ${sent + i} `.padEnd(2000, '€') }),
      );
      for (const answer of await Promise.all(batch)) {
        expect(answer.status).toBe(202);
        ids.push(answer.body.id);
      }
    }
    return ids;
  }

  it('gets a replay far above MAX_PENDING_BYTES in order and exactly once while it reads at its own pace, then live ones', async () => {
    const history = await post(1_000, 'old');
    const oldest = [...history].sort(compareIds)[0];
    const client = await SseClient.open(`${server.url}/api/rooms/backlog/events`, { 'last-event-id': oldest });
    // ~6 MB of replay at 256 KiB per 100 ms: a few seconds of reading, against a bound of 1 MiB.
    const stopPacing = readAtPace(client.response, 256 * 1024, 100);
    try {
      const received = () => client.events.filter((e) => e.event === 'message').length;
      // Posted while the replay is on its way (the client has read only part of it): they must come after it.
      const during = await post(40, 'during');
      expect(received()).toBeLessThan(999);
      await until(() => received() >= 999 + 40 || client.ended, 'the replay and the messages posted during it', 15_000);
      stopPacing();
      const after = await post(20, 'after');
      await until(() => received() >= 999 + 60 || client.ended, 'the messages posted after the replay', 5_000);

      expect(client.ended).toBe(false);
      const messages = client.messages();
      expect(messages.map((m) => m.id)).toEqual([...history, ...during, ...after].sort(compareIds).filter((id) => id !== oldest));
      expect(messages.every((m) => m.text.length === 2000)).toBe(true);
      expect(await metricValue(server.url, 'herald_slow_consumer_disconnects_total')).toBe(0);
    } finally {
      stopPacing();
      client.close();
    }
  }, 30_000);
});

const compareIds = (a: string, b: string) => {
  const [aMs, aSeq] = a.split('-').map(Number);
  const [bMs, bSeq] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
};
