import { RunningServer, startServer } from '@herald/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from './support/http';
import { bearer, newSession, postAs, requestFrom, session, ticketFor } from './support/guest-sessions';
import { SseClient } from './support/sse-client';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
const presenceOf = (client: SseClient) => client.events.filter((e) => e.event === 'presence').map((e) => JSON.parse(e.data!));

describe('guest sessions in the open chat', () => {
  let server: RunningServer;
  const clients: SseClient[] = [];
  const open = async (path: string, headers?: Record<string, string>) => {
    const client = await SseClient.open(`${server.url}${path}`, headers);
    clients.push(client);
    await client.caughtUp();
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => server.stop());

  it('starts a session with a random subject, the name, when it began and when it expires', async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await session(server.url, '  Rene\u0301 ');
    expect(answer.status).toBe(201);
    const { token: jwt, authorId, name, expiresAt } = answer.body;
    expect(name).toBe('Ren\u00e9');
    expect(authorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const claims = claimsOf(jwt);
    expect(claims).toEqual({
      iss: 'herald:guest',
      sub: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      name: 'Ren\u00e9',
      auth_time: expect.any(Number),
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
    expect(claims.auth_time).toBeGreaterThanOrEqual(before);
    expect(claims.exp - claims.iat).toBe(3600);
    expect(Date.parse(expiresAt)).toBe(claims.exp * 1000);
    // The author id is a hash, not the subject: it can be shown to everyone.
    expect(authorId).not.toBe(claims.sub);

    const other = await newSession(server.url, 'Ren\u00e9');
    expect(other.authorId).not.toBe(authorId);
    expect(claimsOf(other.token).sub).not.toBe(claims.sub);
  });

  it('renews a session with the same author id, also under a new name', async () => {
    const first = await newSession(server.url, 'Ada');
    const renewed = await session(server.url, 'Ada', first.token);
    expect(renewed.status).toBe(201);
    expect(renewed.body.authorId).toBe(first.authorId);
    expect(claimsOf(renewed.body.token).sub).toBe(claimsOf(first.token).sub);
    expect(claimsOf(renewed.body.token).auth_time).toBe(claimsOf(first.token).auth_time);

    const renamed = await session(server.url, 'Ada Lovelace', renewed.body.token);
    expect(renamed.body).toMatchObject({ name: 'Ada Lovelace', authorId: first.authorId });
    const post = await postAs(server.url, 'renames', { text: 'new name, same person' }, renamed.body.token);
    expect(post.status).toBe(202);
    const history = await call(`${server.url}/api/rooms/renames/messages`);
    expect(history.body.messages[0]).toMatchObject({ author: 'Ada Lovelace', authorId: first.authorId });
  });

  it('refuses a token it did not sign, or not a token at all, with 401 and changes nothing', async () => {
    const forged = token({ iss: 'herald:guest', sub: 'A'.repeat(22), name: 'Ada', auth_time: inSeconds(0), exp: inSeconds(600) });
    for (const authorization of [`Bearer ${forged}`, 'Bearer not-a-jwt', 'Basic QWRhOg==']) {
      const answer = await requestFrom('127.0.0.1', `${server.url}/api/session`, { body: { name: 'Ada' }, headers: { authorization } });
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer realm="herald"/);
      expect(answer.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
    const forgedPost = await postAs(server.url, 'forged', { text: 'as someone' }, forged);
    expect(forgedPost.status).toBe(401);
    expect(forgedPost.body.message).toContain('signature does not match');
    expect((await call(`${server.url}/api/rooms/forged/messages`)).body.messages).toEqual([]);
  });

  it('refuses a bad name for a session with 400', async () => {
    for (const body of [{ name: '' }, { name: 'Ada\u202Eevil' }, { name: 'Ada', extra: 1 }, {}]) {
      const answer = await requestFrom('127.0.0.1', `${server.url}/api/session`, { body });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/name|should not exist/);
    }
  });

  it("posts as the session's name; a different author is 403, a bad token 401 whatever the body", async () => {
    const ada = await newSession(server.url, 'Ada');
    const accepted = await postAs(server.url, 'posting', { text: 'no author needed' }, ada.token);
    expect(accepted.status).toBe(202);
    expect((await postAs(server.url, 'posting', { author: 'Ada', text: 'same name is fine' }, ada.token)).status).toBe(202);
    const other = await postAs(server.url, 'posting', { author: 'Bob', text: 'as Bob' }, ada.token);
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('author must be your session "Ada"');
    // Authentication runs before validation: an invalid body with a bad token is a 401, not a 400.
    const bad = await postAs(server.url, 'posting', { text: '', unknown: true }, `${ada.token}x`);
    expect(bad.status).toBe(401);
    const history = await call(`${server.url}/api/rooms/posting/messages`);
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(['no author needed', 'same name is fine']);
  });

  it('still takes posts without a session, as the curl examples send them, marked by the absence of an author id', async () => {
    const response = await call(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ author: 'Ada', text: 'Hello' }),
    });
    expect(response.status).toBe(202);
    const history = await call(`${server.url}/api/messages`);
    expect(history.body.messages.at(-1)).toEqual({
      id: response.body.id,
      room: 'lobby',
      author: 'Ada',
      text: 'Hello',
      sentAt: response.body.sentAt,
    });
  });

  it('carries the author id in live events, history and replay', async () => {
    const ada = await newSession(server.url, 'Ada');
    const live = await open('/api/rooms/ids/events');
    const first = (await postAs(server.url, 'ids', { text: 'verified' }, ada.token)).body.id;
    await postAs(server.url, 'ids', { author: 'Ada', text: 'unverified' });
    await postAs(server.url, 'ids', { text: 'verified again' }, ada.token);
    await live.waitForMessages(3);
    const shape = (m: { text: string; authorId?: string }) => [m.text, m.authorId ?? null];
    const expected = [
      ['verified', ada.authorId],
      ['unverified', null],
      ['verified again', ada.authorId],
    ];
    expect(live.messages().map(shape)).toEqual(expected);
    expect((await call(`${server.url}/api/rooms/ids/messages`)).body.messages.map(shape)).toEqual(expected);
    const replay = await open('/api/rooms/ids/events', { 'last-event-id': first });
    expect(replay.messages().map(shape)).toEqual(expected.slice(1));
  });

  it('counts two people called Ada as two, through tickets asked for with their sessions; a bare ?name= is unverified', async () => {
    const first = await newSession(server.url, 'Ada');
    const second = await newSession(server.url, 'Ada');
    const watcher = await open('/api/rooms/namesakes/events?name=Watcher');
    await open(`/api/rooms/namesakes/events?ticket=${await ticketFor(server.url, 'namesakes', first.token)}`);
    await open(`/api/rooms/namesakes/events?ticket=${await ticketFor(server.url, 'namesakes', second.token)}`);
    await open('/api/rooms/namesakes/events?name=Ada');
    await watcher.waitFor(() => presenceOf(watcher).filter((p) => p.joined === 'Ada').length === 3, 5000, 'three Adas');

    const latest = presenceOf(watcher).at(-1);
    expect(latest.online).toEqual(['Ada', 'Watcher']);
    const ids = [first.authorId, second.authorId].sort();
    expect(latest.people).toEqual([
      { name: 'Ada' },
      { name: 'Ada', authorId: ids[0] },
      { name: 'Ada', authorId: ids[1] },
      { name: 'Watcher' },
    ]);
    const rooms = (await call(`${server.url}/api/rooms`)).body;
    expect(rooms.find((r: { name: string }) => r.name === 'namesakes')).toEqual({
      name: 'namesakes',
      connections: 4,
      online: 2,
      people: 4,
    });
  });

  it('gives stream tickets of public rooms to sessions only, and none of private rooms in the open chat', async () => {
    const ada = await newSession(server.url, 'Ada');
    const without = await requestFrom('127.0.0.1', `${server.url}/api/stream-tickets`, { body: { room: 'lobby' } });
    expect(without.status).toBe(401);
    expect(without.body.message).toContain('POST /api/session');
    const privateRoom = await requestFrom('127.0.0.1', `${server.url}/api/stream-tickets`, {
      body: { room: 'private-board' },
      headers: bearer(ada.token),
    });
    expect(privateRoom.status).toBe(401);
  });
});

describe('guest sessions over time', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Token times are whole seconds, so a token lives between TTL - 1 and TTL s and a session's age reads up to
    // 1 s high: each step below keeps at least a second of margin on a loaded machine.
    server = await startServer({ GUEST_SESSION_TTL_S: '2', GUEST_SESSION_MAX_AGE_S: '5' });
  });
  afterAll(() => server.stop());

  it('refuses an expired token for posting, renews it into the same identity, and refuses a session too old to renew', async () => {
    const ada = await newSession(server.url, 'Ada');
    await sleep(2_500);
    const expired = await postAs(server.url, 'later', { text: 'too late' }, ada.token);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toContain('expired');

    const renewed = await session(server.url, 'Ada', ada.token);
    expect(renewed.status).toBe(201);
    expect(renewed.body.authorId).toBe(ada.authorId);
    expect((await postAs(server.url, 'later', { text: 'renewed' }, renewed.body.token)).status).toBe(202);

    await sleep(3_500);
    const tooOld = await session(server.url, 'Ada', renewed.body.token);
    expect(tooOld.status).toBe(401);
    expect(tooOld.body.message).toContain('can no longer be renewed');
    // Starting over is always possible; it is a new person.
    expect((await newSession(server.url, 'Ada')).authorId).not.toBe(ada.authorId);
  });
});

describe('guest sessions and limits', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_POSTS: '5', RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(() => server.stop());

  it("lets no impostor without a session use up the real Ada's allowance", async () => {
    const ada = await newSession(server.url, 'Ada');
    let impostor = 0;
    while ((await postAs(server.url, 'allowance', { author: 'Ada', text: `fake ${impostor}` }, undefined, '127.0.0.2')).status === 202) {
      impostor++;
    }
    // The impostor is held by the limit of its address, and only that.
    expect(impostor).toBe(5);
    for (let i = 0; i < 5; i++)
      expect((await postAs(server.url, 'allowance', { text: `real ${i}` }, ada.token, '127.0.0.3')).status).toBe(202);
    // The real Ada's own allowance counts her, from whichever address.
    const over = await postAs(server.url, 'allowance', { text: 'one more' }, ada.token, '127.0.0.4');
    expect(over.status).toBe(429);
    expect(over.body.message).toContain('by "Ada"');
    // Another person called Ada has an allowance of her own.
    const namesake = await newSession(server.url, 'Ada');
    expect((await postAs(server.url, 'allowance', { text: 'the other Ada' }, namesake.token, '127.0.0.5')).status).toBe(202);
  });

  it('limits the sessions asked for from one address', async () => {
    let made = 0;
    let answer = await session(server.url, 'Flood', undefined, '127.0.0.6');
    while (answer.status === 201) {
      made++;
      answer = await session(server.url, 'Flood', undefined, '127.0.0.6');
    }
    expect(made).toBe(5);
    expect(answer.status).toBe(429);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    expect((await session(server.url, 'Elsewhere', undefined, '127.0.0.7')).status).toBe(201);
  });
});

describe('guest sessions where sign-in is configured', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald' });
  });
  afterAll(() => server.stop());

  it("are off: POST /api/session is a 404, and bearer tokens are the identity provider's", async () => {
    for (const body of [{ name: 'Ada' }, { bad: true }]) {
      const answer = await requestFrom('127.0.0.1', `${server.url}/api/session`, { body });
      expect(answer.status).toBe(404);
      expect(answer.body.message).toContain('sign-in configured');
    }
    const signedIn = token({ sub: 'u-ada', name: 'Ada', aud: 'herald', exp: inSeconds(300) });
    const post = await postAs(server.url, 'lobby', { text: 'signed in' }, signedIn);
    expect(post.status).toBe(202);
    const message = (await call(`${server.url}/api/messages`)).body.messages.at(-1);
    expect(message).toMatchObject({ author: 'Ada', authorId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
  });
});

describe('the guest session key', () => {
  let dir: string;
  const servers: RunningServer[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-guest-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is kept in the SQLite database: sessions stay valid across a restart, and history keeps their ids', async () => {
    const env = { HERALD_STORE: `sqlite:${join(dir, 'herald.db')}` };
    let server = await startServer(env);
    const ada = await newSession(server.url, 'Ada');
    expect((await postAs(server.url, 'kept', { text: 'before' }, ada.token)).status).toBe(202);
    await server.stop();

    server = await startServer(env);
    servers.push(server);
    expect((await postAs(server.url, 'kept', { text: 'after' }, ada.token)).status).toBe(202);
    expect((await session(server.url, 'Ada', ada.token)).body.authorId).toBe(ada.authorId);
    const history = await call(`${server.url}/api/rooms/kept/messages`);
    expect(history.body.messages.map((m: { authorId?: string }) => m.authorId)).toEqual([ada.authorId, ada.authorId]);
  });

  it('is GUEST_SESSION_SECRET when set, so instances configured alike accept each other’s sessions', async () => {
    const secret = { GUEST_SESSION_SECRET: 'a-guest-session-secret-of-32-bytes!' };
    const [one, two] = await Promise.all([startServer(secret), startServer(secret)]);
    const stranger = await startServer();
    servers.push(one, two, stranger);
    const ada = await newSession(one.url, 'Ada');
    expect((await postAs(two.url, 'lobby', { text: 'on the other instance' }, ada.token)).status).toBe(202);
    expect((await session(two.url, 'Ada', ada.token)).body.authorId).toBe(ada.authorId);
    expect((await postAs(stranger.url, 'lobby', { text: 'another key' }, ada.token)).status).toBe(401);
  });

  it('refuses to start with a GUEST_SESSION_SECRET shorter than 32 bytes', async () => {
    await expect(startServer({ GUEST_SESSION_SECRET: 'short' })).rejects.toThrow('GUEST_SESSION_SECRET must be at least 32 bytes');
  });
});
