import {
  METRICS_AUTHORIZATION,
  RunningServer,
  TEST_REDIS_URL,
  TestNginx,
  WORKSPACE,
  freePort,
  nginxAvailable,
  redisAvailable,
  startServer,
  uniquePrefix,
  deleteKeysWithPrefix,
} from '@herald/testing';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { postJson } from '../support/http';
import { SseClient } from '../support/sse-client';

// Needs Redis and Debian's nginx; skipped with a message where either is missing, failing under CI=true.
const describeBehindNginx = redisAvailable() && nginxAvailable() ? describe : describe.skip;

/** deploy/nginx/herald.conf as shipped, pointed at this test's ports, telling which instance answered. */
function renderSite(listen: number, upstreams: string[]): string {
  const shipped = readFileSync(resolve(WORKSPACE, 'deploy/nginx/herald.conf'), 'utf8');
  return shipped
    .replace(/^(\s*)server 127\.0\.0\.1:3001 (.*)$/m, (_line, indent: string, rest: string) =>
      upstreams.map((u) => `${indent}server ${u} ${rest}`).join('\n'),
    )
    .replace(/^\s*server 127\.0\.0\.1:3002 .*\n/m, '')
    .replace('listen 8080;', `listen 127.0.0.1:${listen};\n    add_header X-Test-Upstream $upstream_addr always;`);
}

describeBehindNginx('two instances behind nginx (deploy/nginx/herald.conf)', () => {
  const prefix = uniquePrefix('nginx');
  let instances: RunningServer[] = [];
  let nginx: TestNginx;
  let entry: string;

  beforeAll(async () => {
    instances = await Promise.all(
      [1, 2].map(() => startServer({ HERALD_STORE: TEST_REDIS_URL, REDIS_PREFIX: prefix, SSE_RETRY_MS: '200' })),
    );
    const port = await freePort();
    nginx = await TestNginx.start(
      renderSite(
        port,
        instances.map((s) => new URL(s.url).host),
      ),
      port,
    );
    entry = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(instances.map((s) => s.stop()));
    await deleteKeysWithPrefix(prefix);
  });

  it('keeps /metrics off the public entry point, even for a scraper holding the token', async () => {
    expect((await fetch(`${entry}/metrics`, { headers: METRICS_AUTHORIZATION })).status).toBe(404);
    expect((await fetch(`${instances[0].url}/metrics`, { headers: METRICS_AUTHORIZATION })).status).toBe(200);
  });

  it('keeps a stream going when its instance stops: the client reconnects through nginx to the other and resumes', async () => {
    const room = `${entry}/api/rooms/failover`;
    let stream = await SseClient.open(`${room}/events`);
    await stream.caughtUp();
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    for (let i = 1; i <= 3; i++) expect((await postJson(`${room}/messages`, { author: 'Ada', text: `m${i}` })).status).toBe(202);
    await stream.waitForMessages(3);
    const received = stream.messages();

    // Stop the instance behind this stream, as a deploy or a crash would.
    const upstream = String(stream.response.headers['x-test-upstream']);
    const serving = instances.find((s) => s.url.endsWith(upstream));
    expect(serving).toBeDefined();
    await serving!.stop();
    await stream.waitFor(() => stream.ended, 10_000, 'the stream to end');

    // Posted while no stream is open, through nginx, which now reaches only the other instance.
    for (let i = 4; i <= 5; i++) expect((await postJson(`${room}/messages`, { author: 'Ada', text: `m${i}` })).status).toBe(202);

    // What EventSource does: reconnect to the same URL with the last id it received.
    stream = await SseClient.open(`${room}/events`, { 'last-event-id': received.at(-1)!.id });
    expect(String(stream.response.headers['x-test-upstream'])).not.toBe(upstream);
    await stream.waitForMessages(2);
    expect((await postJson(`${room}/messages`, { author: 'Ada', text: 'm6' })).status).toBe(202);
    await stream.waitForMessages(3);
    expect([...received, ...stream.messages()].map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    stream.close();
  }, 60_000);
});
