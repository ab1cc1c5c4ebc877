import type { RunningServer } from '@herald/testing';
import { createHash } from 'node:crypto';
import { call, postJsonFrom } from './support/http';
import { scrape } from './support/metrics';
import { SseClient } from './support/sse-client';
import { type Deployment, storeCases } from './support/store-deployments';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

const MODERATOR_KEY = 'moderator-console-key-0123456789';
const BOT_KEY = 'plain-bot-key-0123456789abcdef';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const API_KEYS = JSON.stringify([
  { name: 'mod-console', sha256: sha256(MODERATOR_KEY), rooms: '*', as: 'system', roles: ['moderator'] },
  { name: 'news-bot', sha256: sha256(BOT_KEY), rooms: '*', as: 'bot' },
]);
const ENV = { API_KEYS, AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald', LOG_LEVEL: 'log' };

const person = (sub: string, name: string, roles: string[] = []) => token({ sub, name, aud: 'herald', exp: inSeconds(600), roles });
const GRACE = person('u-grace', 'Grace', ['moderator']);
const MALLORY = person('u-mallory', 'Mallory');
const ADA = person('u-ada', 'Ada');

const stores = storeCases();

describe.each(stores)('moderation with the $name store', (store) => {
  let d: Deployment;
  const streams: SseClient[] = [];

  const moderate = (server: RunningServer, method: string, path: string, body?: unknown, credentials = { 'x-api-key': MODERATOR_KEY }) =>
    call(`${server.url}/api/moderation/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers: { 'content-type': 'application/json', ...credentials },
    });
  const post = (server: RunningServer, text: string, bearer: string, room = 'lobby') =>
    call(`${server.url}/api/rooms/${room}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    });
  /** A stream that counts as the token's person: opened with a ticket made with it. */
  const streamAs = async (server: RunningServer, bearer: string, room = 'lobby'): Promise<SseClient> => {
    const ticket = await call(`${server.url}/api/stream-tickets`, {
      method: 'POST',
      body: JSON.stringify({ room }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    });
    expect(ticket.status).toBe(201);
    const stream = await SseClient.open(`${server.url}/api/rooms/${room}/events?ticket=${ticket.body.ticket}`);
    streams.push(stream);
    if (stream.response.statusCode === 200) await stream.caughtUp();
    return stream;
  };
  const authorIdOf = async (bearer: string): Promise<string> => {
    const accepted = await post(d.a, 'who am I', bearer);
    expect(accepted.status).toBe(202);
    const history = await call(`${d.a.url}/api/rooms/lobby/messages`);
    return history.body.messages.find((m: { id: string }) => m.id === accepted.body.id).authorId;
  };
  const removed = (stream: SseClient) =>
    stream.waitFor(() => stream.ended, 10_000, 'the stream to be closed').then(() => stream.events.at(-1)?.comment);

  beforeAll(async () => {
    d = await store.start(ENV);
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await d.close();
  });

  it('lets only moderators in: 401 without credentials or with bad ones, 403 without the role', async () => {
    expect((await moderate(d.a, 'GET', 'bans', undefined, {} as { 'x-api-key': string })).status).toBe(401);
    expect((await moderate(d.a, 'GET', 'bans', undefined, { 'x-api-key': 'not-a-key' })).status).toBe(401);
    expect((await moderate(d.a, 'GET', 'bans', undefined, { 'x-api-key': BOT_KEY })).status).toBe(403);
    const plain = await call(`${d.a.url}/api/moderation/bans`, {
      method: 'POST',
      body: JSON.stringify({ authorId: 'x', seconds: 60 }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MALLORY}` },
    });
    expect(plain.status).toBe(403);
    expect(plain.body.message).toContain('moderator');
    const byToken = await call(`${d.a.url}/api/moderation/bans`, { headers: { authorization: `Bearer ${GRACE}` } });
    expect(byToken.status).toBe(200);
  });

  it.each([
    ['no target', { seconds: 60 }, 'authorId'],
    ['a bad author id', { authorId: 'not an id!', seconds: 60 }, 'authorId'],
    ['a bad address', { address: '999.1.1.1', seconds: 60 }, 'address'],
    ['no duration', { authorId: 'abc' }, 'seconds'],
    ['a ban over a year', { authorId: 'abc', seconds: 366 * 86_400 }, 'seconds'],
    ['a bad room', { authorId: 'abc', seconds: 60, room: 'No Room' }, 'room'],
  ])('refuses a ban with %s (400) and bans nothing', async (_case, body, field) => {
    const answer = await moderate(d.a, 'POST', 'bans', body);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.message)).toContain(field);
    expect((await moderate(d.a, 'GET', 'bans')).body).toEqual([]);
  });

  it('a ban of an author id stops their posts and closes their streams on every instance, until it ends', async () => {
    const mallory = await authorIdOf(MALLORY);
    expect(mallory).toEqual(expect.any(String));
    const hers = [await streamAs(d.a, MALLORY), await streamAs(d.b, MALLORY)];
    const adas = await streamAs(d.b, ADA);

    const made = await moderate(d.a, 'POST', 'bans', { authorId: mallory, room: 'lobby', seconds: 3, reason: 'spam' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ authorId: mallory, room: 'lobby', reason: 'spam', by: 'system', id: expect.any(String) });

    expect(await Promise.all(hers.map(removed))).toEqual(['removed by a moderator', 'removed by a moderator']);
    expect(adas.ended).toBe(false);
    for (const server of [d.a, d.b]) {
      const refused = await post(server, 'still here', MALLORY);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain(`until ${made.body.until}`);
      expect(refused.body.message).toContain('spam');
      expect(refused.body.bannedUntil).toBe(made.body.until);
      expect(refused.body.banReason).toBe('spam');
      // No ticket either, with the same answer: a refused EventSource could not tell why.
      const ticket = await call(`${server.url}/api/stream-tickets`, {
        method: 'POST',
        body: JSON.stringify({ room: 'lobby' }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${MALLORY}` },
      });
      expect(ticket.status).toBe(403);
      expect(ticket.body.bannedUntil).toBe(made.body.until);
    }
    // Elsewhere, and for others, nothing changed.
    expect((await post(d.b, 'in another room', MALLORY, 'general')).status).toBe(202);
    expect((await post(d.b, 'hello', ADA)).status).toBe(202);
    expect((await moderate(d.b, 'GET', 'bans')).body).toEqual([made.body]);

    await new Promise((resolve) => setTimeout(resolve, Date.parse(made.body.until) - Date.now() + 200));
    expect((await post(d.b, 'back', MALLORY)).status).toBe(202);
    expect((await moderate(d.a, 'GET', 'bans')).body).toEqual([]);
  });

  it('a ban of an address holds every post from it, in every room; a lifted ban ends at once', async () => {
    const url = (server: RunningServer) => `${server.url}/api/rooms/lobby/messages`;
    const asAda = { authorization: `Bearer ${ADA}` };
    const made = await moderate(d.a, 'POST', 'bans', { address: '127.0.0.5', seconds: 600 });
    expect(made.status).toBe(201);
    expect(made.body.room).toBeNull();
    const refused = await postJsonFrom('127.0.0.5', url(d.b), { text: 'hi' }, asAda);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('every room');
    expect((await postJsonFrom('127.0.0.6', url(d.b), { text: 'hi' }, asAda)).status).toBe(202);

    const lifted = await moderate(d.b, 'DELETE', `bans/${made.body.id}`);
    expect(lifted.status).toBe(200);
    expect(lifted.body.id).toBe(made.body.id);
    expect((await moderate(d.b, 'DELETE', `bans/${made.body.id}`)).status).toBe(404);
    await expectEventually(async () => (await postJsonFrom('127.0.0.5', url(d.a), { text: 'hi' }, asAda)).status === 202);
  });

  it('a kick closes the streams on every instance without a ban: the client may come back', async () => {
    const ada = await authorIdOf(ADA);
    const hers = [await streamAs(d.a, ADA, 'general'), await streamAs(d.b, ADA, 'general')];
    const kicked = await moderate(d.b, 'POST', 'kicks', { authorId: ada, room: 'general' });
    expect(kicked.status).toBe(200);
    expect(kicked.body.closedHere).toBeGreaterThanOrEqual(1);
    expect(await Promise.all(hers.map(removed))).toEqual(['removed by a moderator', 'removed by a moderator']);
    expect((await streamAs(d.a, ADA, 'general')).response.statusCode).toBe(200);
    expect((await post(d.a, 'I am back', ADA, 'general')).status).toBe(202);
  });

  it('keeps an audit trail: the log (moderators only, newest first), a log line and a metric for each action', async () => {
    expect((await call(`${d.a.url}/api/moderation/log`, { headers: { authorization: `Bearer ${MALLORY}` } })).status).toBe(403);
    const log = await moderate(d.b, 'GET', 'log');
    expect(log.status).toBe(200);
    expect(log.body.actions.map((a: { action: string }) => a.action)).toEqual(['kick', 'unban', 'ban', 'ban']);
    expect(log.body.actions[3]).toMatchObject({ room: 'lobby', by: 'system', reason: 'spam', authorId: expect.any(String) });
    expect(log.body.actions[1]).toMatchObject({ address: '127.0.0.5', room: null, banId: expect.any(String) });
    expect((await moderate(d.a, 'GET', 'log?limit=1')).body.actions.map((a: { action: string }) => a.action)).toEqual(['kick']);
    expect((await moderate(d.a, 'GET', 'log?limit=0')).status).toBe(400);

    // One structured line per action, on the instance that took it.
    const lines = (d.a.output() + (d.b === d.a ? '' : d.b.output())).split('\n');
    const logged = lines.flatMap((line) => {
      try {
        const entry = JSON.parse(line);
        return entry.moderation ? [entry.moderation] : [];
      } catch {
        return [];
      }
    });
    expect(logged.map((a: { action: string }) => a.action).sort()).toEqual(['ban', 'ban', 'kick', 'unban']);
    expect(logged.find((a: { room: string | null }) => a.room === 'lobby')).toMatchObject({
      action: 'ban',
      authorId: expect.any(String),
      by: 'system',
      until: expect.any(String),
    });
    const metrics = (await scrape(d.a.url)) + (d.b === d.a ? '' : await scrape(d.b.url));
    expect(metrics).toMatch(/^herald_moderation_actions_total\{action="ban"\} [1-9]/m);
  });

  if (store.kind === 'sqlite') {
    it('keeps bans and the audit trail across a restart', async () => {
      const made = await moderate(d.a, 'POST', 'bans', { address: '127.0.0.9', seconds: 600 });
      d = await d.restart!();
      expect((await moderate(d.a, 'GET', 'bans')).body).toEqual([made.body]);
      const refused = await postJsonFrom(
        '127.0.0.9',
        `${d.a.url}/api/rooms/lobby/messages`,
        { text: 'hi' },
        { authorization: `Bearer ${ADA}` },
      );
      expect(refused.status).toBe(403);
      expect((await moderate(d.a, 'GET', 'log?limit=1')).body.actions[0]).toMatchObject({ action: 'ban', banId: made.body.id });
    });
  }
});

/** Resolves once `predicate` holds, checking every 50 ms, for at most 5 s (another instance rereads its bans). */
async function expectEventually(predicate: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 5_000;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error('the condition did not hold within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
