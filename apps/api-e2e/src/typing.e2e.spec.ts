import type { RunningServer } from '@herald/testing';
import { call } from './support/http';
import type { SseClient } from './support/sse-client';
import { storeCases } from './support/store-deployments';
import { useStoreSuite } from './support/store-suite';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

const ENV = { AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald' };
const ADA = token({ sub: 'u-ada', name: 'Ada', aud: 'herald', exp: inSeconds(600) });

const typingOf = (stream: SseClient) =>
  stream.events.filter((e) => e.event === 'typing').map((e) => ({ id: e.id, ...JSON.parse(e.data!) }));

describe.each(storeCases())('typing indicators with the $name store', (store) => {
  const suite = useStoreSuite(store, ENV);
  const open = (server: RunningServer, room: string) => suite.follow(server, room);
  const typing = (server: RunningServer, room: string, headers: Record<string, string> = { authorization: `Bearer ${ADA}` }) =>
    call(`${server.url}/api/rooms/${room}/typing`, { method: 'POST', headers });

  it('tells every stream of the room on every instance, without an id, at most once per 2 s per person', async () => {
    const live = [await open(suite.d.a, 'typing-room'), await open(suite.d.b, 'typing-room')];
    const elsewhere = await open(suite.d.a, 'other-room');
    const before = Date.now();
    expect((await typing(suite.d.b, 'typing-room')).status).toBe(204);
    for (const stream of live) await stream.waitFor(() => typingOf(stream).length === 1, 10_000, 'typing');
    const [event] = typingOf(live[0]);
    expect(event).toEqual({ id: undefined, room: 'typing-room', name: 'Ada', authorId: expect.any(String), until: expect.any(String) });
    expect(Date.parse(event.until)).toBeGreaterThanOrEqual(before + 5_000);

    // Calls within the interval are answered and held back.
    expect((await typing(suite.d.a, 'typing-room')).status).toBe(204);
    expect((await typing(suite.d.b, 'typing-room')).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(live.map((stream) => typingOf(stream).length).every((n) => n <= 2)).toBe(true);
    expect((await typing(suite.d.b, 'typing-room')).status).toBe(204);
    for (const stream of live) await stream.waitFor(() => typingOf(stream).length >= 2, 10_000, 'typing again');
    expect(typingOf(elsewhere)).toEqual([]);
    // Nothing of it is stored.
    expect((await call(`${suite.d.a.url}/api/rooms/typing-room/messages`)).body.messages).toEqual([]);
  });

  it('needs credentials, and for a private room ones that allow it', async () => {
    expect((await typing(suite.d.a, 'typing-room', {})).status).toBe(401);
    expect((await typing(suite.d.a, 'private-board')).status).toBe(403);
    expect((await typing(suite.d.a, 'Not A Room')).status).toBe(400);
  });
});
