import { TEST_REDIS_URL, type RunningServer } from '@herald/testing';
import Redis from 'ioredis';
import { call } from './support/http';
import { SseClient, type SseEvent } from './support/sse-client';
import { storeCases } from './support/store-deployments';
import { useStoreSuite } from './support/store-suite';
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
  const suite = useStoreSuite(store, ENV);
  const { follow: open, history } = suite;
  const post = (server: RunningServer, room: string, text: string) => suite.post(server, room, text, ADA);
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

  it('an edit reaches every live stream once, with an id of its own, and history holds the new text in place', async () => {
    const room = 'edited';
    const live = [await open(suite.d.a, room), await open(suite.d.b, room)];
    const typo = await post(suite.d.a, room, 'teh release is out');
    const next = await post(suite.d.b, room, 'notes to follow');
    await Promise.all(live.map((s) => s.waitForMessages(2)));

    const answer = await patch(suite.d.b, room, typo, { text: '  the release is out  ' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: typo, room, author: 'Ada', text: 'the release is out', editedAt: expect.any(String) });
    expect(answer.body.sentAt).toBe((await history(suite.d.a, room)).messages[0].sentAt);

    for (const stream of live) {
      await stream.waitFor(() => editedEvents(stream).length > 0, 10_000, 'the edit');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(editedEvents(stream).map(dataOf)).toEqual([answer.body]);
      expect(stream.events.filter((e) => e.id !== undefined).at(-1)).toBe(editedEvents(stream)[0]);
    }
    const page = await history(suite.d.a, room);
    expect(page.messages.map((m: { id: string; text: string }) => [m.id, m.text])).toEqual([
      [typo, 'the release is out'],
      [next, 'notes to follow'],
    ]);
    expect(page.messages[0].editedAt).toBe(answer.body.editedAt);
    expect(page.messages[1]).not.toHaveProperty('editedAt');
    expect((await history(suite.d.b, room, '?limit=1')).messages.map((m: { text: string }) => m.text)).toEqual(['notes to follow']);
  });

  it('a client resuming from before an edit gets the new text, never the old, and the edit', async () => {
    const room = 'resumed-edit';
    const before = await post(suite.d.a, room, 'before');
    const typo = await post(suite.d.a, room, 'a mispelled word');
    expect((await patch(suite.d.a, room, typo, { text: 'a misspelled word, fixed' })).status).toBe(200);
    const resumed = await open(suite.d.b, room, before);
    await resumed.waitFor(() => editedEvents(resumed).length > 0, 10_000, 'the edit');
    expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
    expect(resumed.messages().map((m) => m.text)).toEqual(['a misspelled word, fixed']);
    expect(resumed.raw).not.toContain('a mispelled word');
    // From the edit itself, nothing is left to replay.
    const fromEdit = await open(suite.d.a, room, editedEvents(resumed)[0].id);
    expect(fromEdit.events.filter((e) => e.id !== undefined)).toEqual([]);
    expect(fromEdit.events.some((e) => e.event === 'reset')).toBe(false);
  });

  it('lets only the author edit, within MESSAGE_EDIT_WINDOW_S, with a valid text', async () => {
    const room = 'rules';
    const mine = await post(suite.d.a, room, 'original');
    expect((await patch(suite.d.a, room, mine, { text: 'x' }, {})).status).toBe(401);
    const moderator = await patch(suite.d.b, room, mine, { text: 'words in her mouth' }, { authorization: `Bearer ${GRACE}` });
    expect(moderator.status).toBe(403);
    expect(moderator.body.message).toContain('only its author');
    expect((await patch(suite.d.a, room, mine, { text: '   ' })).status).toBe(400);
    expect((await patch(suite.d.a, room, mine, { text: 'x', extra: 1 })).status).toBe(400);
    expect((await patch(suite.d.a, room, '1-0', { text: 'x' })).status).toBe(404);
    expect((await history(suite.d.a, room)).messages.map((m: { text: string }) => m.text)).toEqual(['original']);
    await new Promise((resolve) => setTimeout(resolve, WINDOW_S * 1000 + 300));
    const late = await patch(suite.d.a, room, mine, { text: 'too late' });
    expect(late.status).toBe(403);
    expect(late.body.message).toContain(`${WINDOW_S} seconds after posting`);
  });

  it('deleting an edited message takes the texts of its edits out too', async () => {
    const room = 'edited-then-deleted';
    const first = await post(suite.d.a, room, 'first');
    const doomed = await post(suite.d.a, room, 'draft one');
    expect((await patch(suite.d.a, room, doomed, { text: 'draft two' })).status).toBe(200);
    const watcher = await open(suite.d.a, room, first);
    await watcher.waitFor(() => editedEvents(watcher).length > 0, 10_000, 'the edit');
    const editId = editedEvents(watcher)[0].id!;
    expect(
      (
        await call(`${suite.d.a.url}/api/rooms/${room}/messages/${doomed}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${ADA}` },
        })
      ).status,
    ).toBe(200);
    expect((await history(suite.d.b, room)).messages.map((m: { text: string }) => m.text)).toEqual(['first']);
    for (const from of [first, doomed, editId]) {
      const resumed = await open(suite.d.b, room, from);
      await resumed.waitFor((events) => events.some((e) => e.event === 'deleted'), 10_000, 'the tombstone');
      expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
      expect(resumed.raw).not.toContain('draft');
    }
    if (store.kind === 'redis') {
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const entries = await redis.xrange(`${suite.d.redisPrefix}room:${room}`, '-', '+');
        expect(JSON.stringify(entries)).not.toContain('draft');
        expect(await redis.hgetall(`${suite.d.redisPrefix}edits:${room}`)).toEqual({});
      } finally {
        redis.disconnect();
      }
    }
  });

  if (store.kind === 'sqlite') {
    it('keeps the edit across a restart', async () => {
      const room = 'restarted-edit';
      const id = await post(suite.d.a, room, 'before the restart');
      expect((await patch(suite.d.a, room, id, { text: 'edited before the restart' })).status).toBe(200);
      await suite.restart();
      expect((await history(suite.d.a, room)).messages.map((m: { text: string }) => m.text)).toEqual(['edited before the restart']);
    });
  }
});
