import { RunningServer, TEST_REDIS_URL, deleteKeysWithPrefix, redisAvailable, startServer, uniquePrefix } from '@herald/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from './support/http';

const post = (server: RunningServer, room: string, text: string, key?: string) =>
  call(`${server.url}/api/rooms/${room}/messages`, {
    method: 'POST',
    body: JSON.stringify({ author: 'Backend', text }),
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
  });
const texts = async (server: RunningServer, room: string) =>
  (await call(`${server.url}/api/rooms/${room}/messages`)).body.messages.map((m: { text: string }) => m.text);

describe('Idempotency-Key on posts', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ IDEMPOTENCY_WINDOW_MS: '2000' });
  });
  afterAll(() => server.stop());

  it('answers a retry with the first answer and stores nothing twice, also when the retries race', async () => {
    const first = await post(server, 'orders', 'order 17 shipped', 'order-17-shipped');
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retry = await post(server, 'orders', 'order 17 shipped', 'order-17-shipped');
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const racing = await Promise.all(Array.from({ length: 10 }, () => post(server, 'orders', 'order 18 shipped', 'order-18')));
    expect(new Set(racing.map((answer) => answer.body.id)).size).toBe(1);
    expect(await texts(server, 'orders')).toEqual(['order 17 shipped', 'order 18 shipped']);
  });

  it('keeps keys apart per room, forgets them after IDEMPOTENCY_WINDOW_MS, and refuses a malformed key', async () => {
    expect((await post(server, 'room-a', 'same key', 'k1')).status).toBe(202);
    expect((await post(server, 'room-b', 'same key', 'k1')).headers.get('idempotent-replayed')).toBeNull();
    await new Promise((r) => setTimeout(r, 2100));
    expect((await post(server, 'room-a', 'same key, later', 'k1')).headers.get('idempotent-replayed')).toBeNull();
    expect(await texts(server, 'room-a')).toEqual(['same key', 'same key, later']);

    const bad = await post(server, 'room-a', 'x', 'has spaces in it');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('Idempotency-Key must be 1 to 255 visible ASCII characters');
  });
});

describe('Idempotency-Key with the SQLite store', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('still knows a key after a restart: a retry of a post made before it stores nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'herald-idempotency-'));
    const env = { HERALD_STORE: `sqlite:${join(dir, 'herald.db')}` };
    let server = await startServer(env);
    const first = await post(server, 'orders', 'order 20 paid', 'order-20-paid');
    await server.kill();
    server = await startServer(env);
    try {
      const retry = await post(server, 'orders', 'order 20 paid', 'order-20-paid');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await texts(server, 'orders')).toEqual(['order 20 paid']);
    } finally {
      await server.stop();
    }
  });
});

// Needs Redis: skipped with a message where it is missing, failing under CI=true.
(redisAvailable() ? describe : describe.skip)('Idempotency-Key across instances sharing Redis', () => {
  const prefix = uniquePrefix('idempotency');
  let servers: RunningServer[] = [];
  beforeAll(async () => {
    servers = await Promise.all([1, 2].map(() => startServer({ HERALD_STORE: TEST_REDIS_URL, REDIS_PREFIX: prefix })));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await deleteKeysWithPrefix(prefix);
  });

  it('answers a retry that lands on the other instance with the first answer', async () => {
    const [a, b] = servers;
    const first = await post(a, 'orders', 'order 30 paid', 'order-30-paid');
    const racing = await Promise.all([
      post(b, 'orders', 'order 30 paid', 'order-30-paid'),
      post(a, 'orders', 'order 30 paid', 'order-30-paid'),
    ]);
    for (const retry of racing) {
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await texts(b, 'orders')).toEqual(['order 30 paid']);
  });
});
