import { RunningServer, TEST_REDIS_URL, deleteKeysWithPrefix, redisAvailable, startServer, uniquePrefix } from '@herald/testing';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from './support/http';
import { SseClient } from './support/sse-client';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

const BOT_KEY = 'bot-key-0123456789abcdef0123456789';
const SYSTEM_KEY = 'system-key-0123456789abcdef012345';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const API_KEYS = JSON.stringify([
  { name: 'deploy-bot', sha256: sha256(BOT_KEY), rooms: ['alerts', 'private-ops'], as: 'bot' },
  { name: 'ops-console', sha256: sha256(SYSTEM_KEY), rooms: '*', as: 'system' },
]);

// Every store keeps the mark; Redis is skipped with a message where it is missing, failing under CI=true.
const dir = mkdtempSync(join(tmpdir(), 'herald-keys-'));
const prefix = uniquePrefix('keys');
const stores: Array<{ name: string; env: Record<string, string> }> = [
  { name: 'memory', env: { HERALD_STORE: 'memory:' } },
  { name: 'SQLite', env: { HERALD_STORE: `sqlite:${join(dir, 'herald.db')}` } },
  ...(redisAvailable() ? [{ name: 'Redis', env: { HERALD_STORE: TEST_REDIS_URL, REDIS_PREFIX: prefix } }] : []),
];

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await deleteKeysWithPrefix(prefix);
});

describe.each(stores)('backends posting with an API key ($name store)', ({ env }) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ ...env, API_KEYS, AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald', RATE_LIMIT_POSTS: '2' });
  });
  afterAll(() => server.stop());

  const post = (room: string, body: object, headers: Record<string, string>) =>
    call(`${server.url}/api/rooms/${room}/messages`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('posts as a marked bot, past the people limits, to its rooms only; the system key posts as "system"', async () => {
    const stream = await SseClient.open(`${server.url}/api/rooms/alerts/events`);
    await stream.caughtUp();
    for (let i = 0; i < 4; i++) expect((await post('alerts', { text: `deploy ${i} done` }, { 'x-api-key': BOT_KEY })).status).toBe(202);
    expect((await post('private-ops', { text: 'private too' }, { 'x-api-key': BOT_KEY })).status).toBe(202);
    expect((await post('alerts', { text: 'from the console' }, { 'x-api-key': SYSTEM_KEY })).status).toBe(202);
    const ada = token({ sub: 'u-ada', name: 'Ada', aud: 'herald', exp: inSeconds(300) });
    expect((await post('alerts', { text: 'a person' }, { authorization: `Bearer ${ada}` })).status).toBe(202);

    await stream.waitForMessages(6);
    const received = stream.messages<{ author: string; text: string; origin?: string }>();
    expect(received.map(({ author, origin }) => [author, origin])).toEqual([
      ...Array.from({ length: 4 }, () => ['deploy-bot', 'bot']),
      ['system', 'system'],
      ['Ada', undefined],
    ]);
    const history = await call(`${server.url}/api/rooms/alerts/messages`);
    expect(history.body.messages.map((m: { origin?: string }) => m.origin ?? null)).toEqual(['bot', 'bot', 'bot', 'bot', 'system', null]);
    stream.close();
  });

  it('refuses a key it does not know (401) and a room the key does not list (403), whatever the body', async () => {
    const unknown = await post('alerts', { text: 'hi' }, { 'x-api-key': 'not-a-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toContain('X-API-Key is not one this server knows');
    expect((await post('alerts', { nonsense: true }, { 'x-api-key': 'not-a-key' })).status).toBe(401);
    const elsewhere = await post('lobby', { text: 'hi' }, { 'x-api-key': BOT_KEY });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.message).toContain('may not post to the room "lobby"');
  });
});
