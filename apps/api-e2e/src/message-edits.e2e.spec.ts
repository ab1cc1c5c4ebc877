import { TEST_REDIS_URL, type RunningServer } from '@herald/testing';
import Redis from 'ioredis';
import { call } from './support/http';
import { SseClient, type SseEvent } from './support/sse-client';
import { type Deployment, storeCases } from './support/store-deployments';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

/** Authors may edit their messages for 3 s here, so the test can see the window close. */
const WINDOW_S = 3;
const ENV = { AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald', MESSAGE_EDIT_WINDOW_S: String(WINDOW_S) };

const person = (sub: string, name: string, roles: string[] = []) => token({ sub, name, aud: 'herald', exp: inSeconds(600), roles });
const ADA = person('u-ada', 'Ada');
const GRACE = person('u-grace', 'Grace', ['moderator']);

const editedEvents = (stream: SseClient) => stream.events.filter((e) => e.event === 'edited');
const dataOf = (event: SseEvent) => JSON.parse(event.data!);

describe.each(storeCases())('editing a message with the $name store', (store) => {
  let d: Deployment;
  const streams: SseClient[] = [];

  const post = async (server: RunningServer, room: string, text: string, bearer = ADA): Promise<string> => {
    const answer = await call(`${server.url}/api/rooms/${room}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    });
    expect(answer.status).toBe(202);
    return answer.body.id;
  };
  const patch = (
    server: RunningServer,
    room: string,
    id: string,
    body: unknown,
    headers: Record<string, string> = { authorization: `Bearer ${ADA}` },
  ) =>
    call(`${server.url}/api/rooms/${room}/messages/${id}`, {
      method: 'PATCH',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  const history = async (server: RunningServer, room: string, query = '') =>
    (await call(`${server.url}/api/rooms/${room}/messages${query}`)).body;
  const open = async (server: RunningServer, room: string, lastEventId?: string) => {
    const stream = await SseClient.open(`${server.url}/api/rooms/${room}/events`, lastEventId ? { 'last-event-id': lastEventId } : {});
    streams.push(stream);
    await stream.caughtUp();
    return stream;
  };

  beforeAll(async () => {
    d = await store.start(ENV);
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await d.close();
  });

  it('an edit reaches every live stream once, with an id of its own, and history holds the new text in place', async () => {
    const room = 'edited';
    const live = [await open(d.a, room), await open(d.b, room)];
    const typo = await post(d.a, room, 'teh release is out');
    const next = await post(d.b, room, 'notes to follow');
    await Promise.all(live.map((s) => s.waitForMessages(2)));

    const answer = await patch(d.b, room, typo, { text: '  the release is out  ' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: typo, room, author: 'Ada', text: 'the release is out', editedAt: expect.any(String) });
    expect(answer.body.sentAt).toBe((await history(d.a, room)).messages[0].sentAt);

    for (const stream of live) {
      await stream.waitFor(() => editedEvents(stream).length > 0, 10_000, 'the edit');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(editedEvents(stream).map(dataOf)).toEqual([answer.body]);
      expect(stream.events.filter((e) => e.id !== undefined).at(-1)).toBe(editedEvents(stream)[0]);
    }
    const page = await history(d.a, room);
    expect(page.messages.map((m: { id: string; text: string }) => [m.id, m.text])).toEqual([
      [typo, 'the release is out'],
      [next, 'notes to follow'],
    ]);
    expect(page.messages[0].editedAt).toBe(answer.body.editedAt);
    expect(page.messages[1]).not.toHaveProperty('editedAt');
    expect((await history(d.b, room, '?limit=1')).messages.map((m: { text: string }) => m.text)).toEqual(['notes to follow']);
  });

  it('a client resuming from before an edit gets the new text, never the old, and the edit', async () => {
    const room = 'resumed-edit';
    const before = await post(d.a, room, 'before');
    const typo = await post(d.a, room, 'a mispelled word');
    expect((await patch(d.a, room, typo, { text: 'a misspelled word, fixed' })).status).toBe(200);
    const resumed = await open(d.b, room, before);
    await resumed.waitFor(() => editedEvents(resumed).length > 0, 10_000, 'the edit');
    expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
    expect(resumed.messages().map((m) => m.text)).toEqual(['a misspelled word, fixed']);
    expect(resumed.raw).not.toContain('a mispelled word');
    // From the edit itself, nothing is left to replay.
    const fromEdit = await open(d.a, room, editedEvents(resumed)[0].id);
    expect(fromEdit.events.filter((e) => e.id !== undefined)).toEqual([]);
    expect(fromEdit.events.some((e) => e.event === 'reset')).toBe(false);
  });

  it('lets only the author edit, within MESSAGE_EDIT_WINDOW_S, with a valid text', async () => {
    const room = 'rules';
    const mine = await post(d.a, room, 'original');
    expect((await patch(d.a, room, mine, { text: 'x' }, {})).status).toBe(401);
    const moderator = await patch(d.b, room, mine, { text: 'words in her mouth' }, { authorization: `Bearer ${GRACE}` });
    expect(moderator.status).toBe(403);
    expect(moderator.body.message).toContain('only its author');
    expect((await patch(d.a, room, mine, { text: '   ' })).status).toBe(400);
    expect((await patch(d.a, room, mine, { text: 'x', extra: 1 })).status).toBe(400);
    expect((await patch(d.a, room, '1-0', { text: 'x' })).status).toBe(404);
    expect((await history(d.a, room)).messages.map((m: { text: string }) => m.text)).toEqual(['original']);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_S * 1000 + 300));
    const late = await patch(d.a, room, mine, { text: 'too late' });
    expect(late.status).toBe(403);
    expect(late.body.message).toContain(`${WINDOW_S} seconds after posting`);
  });

  it('deleting an edited message takes the texts of its edits out too', async () => {
    const room = 'edited-then-deleted';
    const first = await post(d.a, room, 'first');
    const doomed = await post(d.a, room, 'draft one');
    expect((await patch(d.a, room, doomed, { text: 'draft two' })).status).toBe(200);
    const watcher = await open(d.a, room, first);
    await watcher.waitFor(() => editedEvents(watcher).length > 0, 10_000, 'the edit');
    const editId = editedEvents(watcher)[0].id!;
    expect(
      (await call(`${d.a.url}/api/rooms/${room}/messages/${doomed}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADA}` } }))
        .status,
    ).toBe(200);
    expect((await history(d.b, room)).messages.map((m: { text: string }) => m.text)).toEqual(['first']);
    for (const from of [first, doomed, editId]) {
      const resumed = await open(d.b, room, from);
      await resumed.waitFor((events) => events.some((e) => e.event === 'deleted'), 10_000, 'the tombstone');
      expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
      expect(resumed.raw).not.toContain('draft');
    }
    if (store.kind === 'redis') {
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const entries = await redis.xrange(`${d.redisPrefix}room:${room}`, '-', '+');
        expect(JSON.stringify(entries)).not.toContain('draft');
        expect(await redis.hgetall(`${d.redisPrefix}edits:${room}`)).toEqual({});
      } finally {
        redis.disconnect();
      }
    }
  });

  if (store.kind === 'sqlite') {
    it('keeps the edit across a restart', async () => {
      const room = 'restarted-edit';
      const id = await post(d.a, room, 'before the restart');
      expect((await patch(d.a, room, id, { text: 'edited before the restart' })).status).toBe(200);
      d = await d.restart!();
      expect((await history(d.a, room)).messages.map((m: { text: string }) => m.text)).toEqual(['edited before the restart']);
    });
  }
});
