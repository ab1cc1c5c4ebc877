import { PrivateRedis, RunningServer, redisAvailable, startServer } from '@herald/testing';
import { call, postJson } from '../support/http';
import { SseClient } from '../support/sse-client';

// Needs redis-server on the PATH for a private server this test can freeze; skipped like the other Redis tests.
const describeWithRedis = redisAvailable() && PrivateRedis.installed() ? describe : describe.skip;

/** Far above the command timeout below, and far below "hanging": a functional bound, not a benchmark. */
const PROMPTLY_MS = 2_000;

describeWithRedis('when Redis stalls (SIGSTOP) and resumes (SIGCONT)', () => {
  let redis: PrivateRedis;
  let server: RunningServer;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    server = await startServer({ HERALD_STORE: redis.url, REDIS_COMMAND_TIMEOUT_MS: '300' });
  });

  // A failed test must not leave Redis frozen for the next one.
  afterEach(() => redis?.thaw());

  afterAll(async () => {
    await server?.stop();
    await redis?.remove();
  });

  const ready = async () => (await timedCall(`${server.url}/api/health/ready`)).status === 200;

  it('answers 503 promptly while Redis does not answer, then takes posts again and streams every stored one once, in order', async () => {
    const url = `${server.url}/api/rooms/stall/messages`;
    const stream = await SseClient.open(`${server.url}/api/rooms/stall/events`);
    await stream.caughtUp();
    const before = await postJson(url, { author: 'Ada', text: 'before' });
    expect(before.status).toBe(202);
    await stream.waitForMessages(1);

    redis.freeze();
    for (const text of ['during 1', 'during 2']) {
      const refused = await timedCall(url, {
        method: 'POST',
        body: JSON.stringify({ author: 'Ada', text }),
        headers: { 'content-type': 'application/json' },
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.any(String) });
      expect(refused.ms).toBeLessThan(PROMPTLY_MS);
    }
    for (const path of ['/api/rooms', '/api/rooms/stall/messages']) {
      const read = await timedCall(`${server.url}${path}`);
      expect([path, read.status]).toEqual([path, 503]);
      expect(read.ms).toBeLessThan(PROMPTLY_MS);
    }
    expect((await timedCall(`${server.url}/api/health/ready`)).status).toBe(503);
    expect((await timedCall(`${server.url}/api/health/live`)).status).toBe(200);

    redis.thaw();
    await eventually(ready, 'readiness to come back');
    const after = await postJson(url, { author: 'Ada', text: 'after' });
    expect(after.status).toBe(202);
    await stream.waitFor((events) => events.some((e) => e.id === after.body.id), 10_000, 'the post after the stall');

    // A refused post that Redis ran once it resumed is stored (its client may retry); stored means streamed once.
    const history = await call(`${url}?limit=100`);
    const stored: { id: string; text: string }[] = history.body.messages;
    expect(stored.map((m) => m.text)).toEqual(expect.arrayContaining(['before', 'after']));
    expect(stored.map((m) => m.text).filter((text) => !['before', 'during 1', 'during 2', 'after'].includes(text))).toEqual([]);
    expect(stream.messages().map((m) => m.id)).toEqual(stored.map((m) => m.id));
    expect(stream.ended).toBe(false);
    stream.close();
  }, 60_000);

  it('reports not ready during a stall that no request runs into, and ready again once Redis answers', async () => {
    expect(await ready()).toBe(true);
    redis.freeze();
    await eventually(async () => !(await ready()), 'readiness to report the stall', 5_000);
    redis.thaw();
    await eventually(ready, 'readiness to come back', 5_000);
    expect((await postJson(`${server.url}/api/rooms/stall-idle/messages`, { author: 'Ada', text: 'back' })).status).toBe(202);
  }, 30_000);
});

/** A request that must be answered within 5 s (the test fails otherwise), with how long it took. */
async function timedCall(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: unknown; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
  } catch (err) {
    throw new Error(`${init.method ?? 'GET'} ${url} got no answer: ${(err as Error).message}`);
  }
}

/** Resolves once `check` resolves true, trying every 100 ms; rejects after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
