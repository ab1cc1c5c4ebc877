import { TEST_REDIS_URL, startServer, type RunningServer } from '@herald/testing';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { call } from './support/http';
import { newSession } from './support/guest-sessions';
import { SseClient, type SseEvent } from './support/sse-client';
import { storeCases } from './support/store-deployments';
import { useStoreSuite } from './support/store-suite';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

const MODERATOR_KEY = 'moderator-console-key-0123456789';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const API_KEYS = JSON.stringify([{ name: 'mod-console', sha256: sha256(MODERATOR_KEY), rooms: '*', as: 'system', roles: ['moderator'] }]);
/** Authors may delete their own messages for 3 s here, so the test can see the window close. */
const WINDOW_S = 3;
const ENV = { API_KEYS, AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald', MESSAGE_DELETE_WINDOW_S: String(WINDOW_S) };

const person = (sub: string, name: string, roles: string[] = []) => token({ sub, name, aud: 'herald', exp: inSeconds(600), roles });
const GRACE = person('u-grace', 'Grace', ['moderator']);
const ADA = person('u-ada', 'Ada');
const MALLORY = person('u-mallory', 'Mallory');

const deletedEvents = (stream: SseClient) => stream.events.filter((e) => e.event === 'deleted');
const dataOf = (event: SseEvent) => JSON.parse(event.data!);

describe.each(storeCases())('deleting a message with the $name store', (store) => {
  const suite = useStoreSuite(store, ENV);
  const { post, follow: open, history } = suite;
  const remove = (server: RunningServer, id: string, headers: Record<string, string>, room = 'lobby') =>
    call(`${server.url}/api/rooms/${room}/messages/${id}`, { method: 'DELETE', headers });
  const asBearer = (bearer: string) => ({ authorization: `Bearer ${bearer}` });

  it("a moderator's deletion reaches every live stream once, on every instance, with an id of its own", async () => {
    const room = 'moderated';
    const live = [await open(suite.d.a, room), await open(suite.d.b, room)];
    const first = await post(suite.d.a, room, 'first', ADA);
    const spam = await post(suite.d.b, room, 'buy cheap watches', MALLORY);
    const third = await post(suite.d.a, room, 'third', ADA);
    await Promise.all(live.map((s) => s.waitForMessages(3)));

    const answer = await remove(suite.d.b, spam, { 'x-api-key': MODERATOR_KEY }, room);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: spam, room, deletedBy: 'moderator', deletedAt: expect.any(String) });

    for (const stream of live) {
      await stream.waitFor(() => deletedEvents(stream).length > 0, 10_000, 'the tombstone');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const tombstones = deletedEvents(stream);
      expect(tombstones.map(dataOf)).toEqual([answer.body]);
      // The tombstone comes after every message, with an id that moves Last-Event-ID on.
      expect(tombstones[0].id).toEqual(expect.stringMatching(/^\d+-\d+$/));
      expect(stream.events.filter((e) => e.id !== undefined).at(-1)).toBe(tombstones[0]);
    }
    // History pages no longer hold it, and a page's limit counts messages, not the tombstone.
    expect((await history(suite.d.a, room)).messages.map((m: { id: string }) => m.id)).toEqual([first, third]);
    expect((await history(suite.d.b, room, '?limit=1')).messages.map((m: { text: string }) => m.text)).toEqual(['third']);
    expect((await history(suite.d.b, room, `?limit=1&before=${third}`)).messages.map((m: { text: string }) => m.text)).toEqual(['first']);
    // Deleting it again finds nothing.
    expect((await remove(suite.d.a, spam, { 'x-api-key': MODERATOR_KEY }, room)).status).toBe(404);
  });

  it('a client resuming from before the deletion, or from the deleted message itself, never sees its text', async () => {
    const room = 'resumed';
    const before = await post(suite.d.a, room, 'before', ADA);
    const doomed = await post(suite.d.a, room, 'a secret posted by mistake', ADA);
    const after = await post(suite.d.a, room, 'after', ADA);
    expect((await remove(suite.d.a, doomed, asBearer(GRACE), room)).status).toBe(200);

    for (const [from, expected] of [
      [before, ['after']],
      [doomed, ['after']],
    ] as const) {
      const resumed = await open(suite.d.b, room, from);
      await resumed.waitFor(() => deletedEvents(resumed).length > 0, 10_000, 'the tombstone');
      expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
      expect(resumed.messages().map((m) => m.text)).toEqual(expected);
      expect(resumed.raw).not.toContain('a secret posted by mistake');
      expect(deletedEvents(resumed).map((e) => dataOf(e).id)).toEqual([doomed]);
    }
    // A client that saw everything, tombstone included, resumes with nothing to replay.
    const caughtUp = await open(suite.d.b, room, before);
    const tombstoneId = deletedEvents(caughtUp)[0].id!;
    const fromEnd = await open(suite.d.a, room, tombstoneId);
    expect(fromEnd.events.filter((e) => e.id !== undefined)).toEqual([]);
    expect(fromEnd.events.some((e) => e.event === 'reset')).toBe(false);
    expect(after).toEqual(expect.any(String));

    if (store.kind === 'redis') {
      // Removed from the stream itself, not only hidden.
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const entries = await redis.xrange(`${suite.d.redisPrefix}room:${room}`, '-', '+');
        expect(JSON.stringify(entries)).not.toContain('a secret posted by mistake');
      } finally {
        redis.disconnect();
      }
    }
  });

  it('lets the author delete their own message within MESSAGE_DELETE_WINDOW_S, and nobody else but moderators', async () => {
    const room = 'own';
    const mine = await post(suite.d.a, room, 'oops, wrong room', ADA);
    expect((await remove(suite.d.a, mine, {}, room)).status).toBe(401);
    expect((await remove(suite.d.a, mine, asBearer('not-a-token'), room)).status).toBe(401);
    const refused = await remove(suite.d.b, mine, asBearer(MALLORY), room);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('only its author or a moderator');
    expect((await remove(suite.d.a, 'not-an-id', asBearer(ADA), room)).status).toBe(400);
    expect((await remove(suite.d.a, '1-0', asBearer(ADA), room)).status).toBe(404);
    expect((await history(suite.d.a, room)).messages.map((m: { id: string }) => m.id)).toEqual([mine]);

    const own = await remove(suite.d.b, mine, asBearer(ADA), room);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: mine, deletedBy: 'author' });
    expect((await history(suite.d.a, room)).messages).toEqual([]);

    const late = await post(suite.d.a, room, 'said a while ago', ADA);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_S * 1000 + 300));
    const tooLate = await remove(suite.d.a, late, asBearer(ADA), room);
    expect(tooLate.status).toBe(403);
    expect(tooLate.body.message).toContain(`${WINDOW_S} seconds after posting`);
    // A moderator still may.
    expect((await remove(suite.d.a, late, asBearer(GRACE), room)).status).toBe(200);
  });

  it("puts a moderator's deletions in the audit trail, not an author's own", async () => {
    const log = await call(`${suite.d.b.url}/api/moderation/log`, { headers: { 'x-api-key': MODERATOR_KEY } });
    const deletions = log.body.actions.filter((a: { action: string }) => a.action === 'delete');
    expect(deletions).toHaveLength(3);
    expect(deletions.map((a: { by: string }) => a.by).sort()).toEqual(['Grace', 'Grace', 'system']);
    expect(deletions[0]).toMatchObject({ room: 'own', messageId: expect.any(String), authorId: expect.any(String) });
  });

  if (store.kind === 'sqlite') {
    it('stays deleted across a restart, and resumes across it without a reset', async () => {
      const room = 'restarted';
      const kept = await post(suite.d.a, room, 'kept', ADA);
      const gone = await post(suite.d.a, room, 'gone for good', ADA);
      expect((await remove(suite.d.a, gone, asBearer(ADA), room)).status).toBe(200);
      await suite.restart();
      expect((await history(suite.d.a, room)).messages.map((m: { text: string }) => m.text)).toEqual(['kept']);
      const resumed = await open(suite.d.a, room, kept);
      await resumed.waitFor(() => deletedEvents(resumed).length > 0, 10_000, 'the tombstone');
      expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
      expect(resumed.messages()).toEqual([]);
    });
  }
});

describe('deleting in the open chat', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ HERALD_STORE: 'memory:' });
  });
  afterAll(() => server.stop());

  it("lets a guest session delete its own messages, not another session's, and says how long it may", async () => {
    expect((await call(`${server.url}/api/settings`)).body).toEqual({ messageDeleteWindowS: 900, messageEditWindowS: 900 });
    const ada = await newSession(server.url, 'Ada');
    const namesake = await newSession(server.url, 'Ada');
    const posted = await call(`${server.url}/api/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: 'mine' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.token}` },
    });
    const unverified = await call(`${server.url}/api/messages`, {
      method: 'POST',
      body: JSON.stringify({ author: 'Ada', text: 'anyone could have typed this' }),
      headers: { 'content-type': 'application/json' },
    });
    const del = (id: string, bearer: string) =>
      call(`${server.url}/api/messages/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${bearer}` } });
    expect((await del(posted.body.id, namesake.token)).status).toBe(403);
    // A message without an author id is nobody's to delete but a moderator's.
    expect((await del(unverified.body.id, ada.token)).status).toBe(403);
    expect((await del(posted.body.id, ada.token)).body).toMatchObject({ id: posted.body.id, room: 'lobby', deletedBy: 'author' });
    expect((await call(`${server.url}/api/messages`)).body.messages.map((m: { text: string }) => m.text)).toEqual([
      'anyone could have typed this',
    ]);
  });
});
