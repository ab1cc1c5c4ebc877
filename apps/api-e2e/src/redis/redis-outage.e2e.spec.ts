import { PrivateRedis, RunningServer, redisAvailable, startServer } from '@herald/testing';
import { call, postJson } from '../support/http';
import { SseClient } from '../support/sse-client';

// Needs redis-server on the PATH for a private server this test can stop; skipped like the other Redis tests.
const describeWithRedis = redisAvailable() && PrivateRedis.installed() ? describe : describe.skip;

describeWithRedis('when Redis goes away and comes back', () => {
  let redis: PrivateRedis;
  let server: RunningServer;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    // REDIS_URL, the older name of the setting, still selects Redis.
    server = await startServer({ REDIS_URL: redis.url, HEARTBEAT_INTERVAL_MS: '200' });
  });

  afterAll(async () => {
    await server?.stop();
    await redis?.remove();
  });

  it('refuses posts with 503 and Retry-After, keeps streams open, and then delivers everything it accepted', async () => {
    const url = `${server.url}/api/rooms/outage/messages`;
    const stream = await SseClient.open(`${server.url}/api/rooms/outage/events`);
    await stream.caughtUp();
    expect((await postJson(url, { author: 'Ada', text: 'before' })).status).toBe(202);
    await stream.waitForMessages(1);

    await redis.stop();
    const refused = await postJson(url, { author: 'Ada', text: 'during' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('nothing was stored') });
    expect((await call(`${server.url}/api/health/ready`)).status).toBe(503);
    expect((await call(`${server.url}/api/health/live`)).status).toBe(200);

    // The stream stays open through the outage: heartbeats keep arriving.
    const heartbeats = stream.events.filter((e) => e.comment !== undefined).length;
    await stream.waitFor(
      (events) => events.filter((e) => e.comment !== undefined).length >= heartbeats + 2,
      5000,
      'heartbeats during the outage',
    );
    expect(stream.ended).toBe(false);

    await redis.restart();
    let accepted = { status: 0, body: {} as { id?: string } };
    for (let i = 0; i < 100 && accepted.status !== 202; i++) {
      accepted = await postJson(url, { author: 'Ada', text: 'after' });
      if (accepted.status !== 202) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(accepted.status).toBe(202);
    expect((await call(`${server.url}/api/health/ready`)).status).toBe(200);
    await stream.waitForMessages(2, 10_000);
    expect(stream.messages().map((m) => m.text)).toEqual(['before', 'after']);
    const history = await call(url);
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(['before', 'after']);
    stream.close();
  }, 60_000);
});
