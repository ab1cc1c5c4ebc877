import { RunningServer, redisAvailable } from '@herald/testing';
import { call } from '../support/http';
import { postUntilRefused, until } from '../support/post-loops';
import { RedisInstances } from '../support/redis-instances';

// Skipped only where no Redis answers and CI is not set; redisAvailable() says why, or fails under CI.
const describeWithRedis = redisAvailable() ? describe : describe.skip;

describeWithRedis('shutting down one of two instances sharing Redis', () => {
  const cluster = new RedisInstances('shutdown', { SHUTDOWN_TIMEOUT_MS: '5000' });
  const instance = () => cluster.start();
  const open = (server: RunningServer, path: string, headers?: Record<string, string>) => cluster.open(server, path, headers);

  afterAll(() => cluster.close());

  it('loses no accepted post: its streams resume on the other instance and get exactly what they missed', async () => {
    const a = await instance();
    const b = await instance();
    const onA = [await open(a, '/api/rooms/drain/events'), await open(a, '/api/rooms/drain/events')];
    const posts = postUntilRefused(`${a.url}/api/rooms/drain/messages`, 4, 150);
    await until(() => posts.accepted().length >= 30, '30 accepted posts');

    a.signal('SIGTERM');
    await posts.done;
    expect(await a.exited).toBe(0);
    const accepted = posts.accepted();
    for (const outcome of posts.outcomes) expect([202, 503, 'connection-error']).toContain(outcome.status);

    // Every accepted post is in the shared history, which the other instance reads.
    const history = await call(`${b.url}/api/rooms/drain/messages?limit=200`);
    expect(history.body.messages.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(accepted));

    for (const stream of onA) {
      expect(stream.ended).toBe(true);
      const farewell = stream.events.at(-1)!;
      expect(Number(farewell.retry)).toBeLessThan(3000);
      expect(farewell.comment).toContain('shutting down');
      // As EventSource would: reconnect to the other instance with the last id received.
      const seen = stream.messages().map((m) => m.id);
      const resumed = await open(
        b,
        '/api/rooms/drain/events',
        seen.length > 0 ? { 'last-event-id': seen.at(-1)! } : { 'last-event-id': '0-0' },
      );
      const all = [...seen, ...resumed.messages().map((m) => m.id)];
      expect(new Set(all).size).toBe(all.length);
      expect(all).toEqual(expect.arrayContaining(accepted));
    }
  }, 60_000);
});
