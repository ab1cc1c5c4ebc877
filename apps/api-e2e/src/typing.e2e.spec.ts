import type { RunningServer } from '@herald/testing';
import { call } from './support/http';
import { SseClient } from './support/sse-client';
import { type Deployment, storeCases } from './support/store-deployments';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

const ENV = { AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald' };
const ADA = token({ sub: 'u-ada', name: 'Ada', aud: 'herald', exp: inSeconds(600) });

const typingOf = (stream: SseClient) =>
  stream.events.filter((e) => e.event === 'typing').map((e) => ({ id: e.id, ...JSON.parse(e.data!) }));

describe.each(storeCases())('typing indicators with the $name store', (store) => {
  let d: Deployment;
  const streams: SseClient[] = [];
  const typing = (server: RunningServer, room: string, headers: Record<string, string> = { authorization: `Bearer ${ADA}` }) =>
    call(`${server.url}/api/rooms/${room}/typing`, { method: 'POST', headers });
  const open = async (server: RunningServer, room: string) => {
    const stream = await SseClient.open(`${server.url}/api/rooms/${room}/events`);
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

  it('tells every stream of the room on every instance, without an id, at most once per 2 s per person', async () => {
    const live = [await open(d.a, 'typing-room'), await open(d.b, 'typing-room')];
    const elsewhere = await open(d.a, 'other-room');
    const before = Date.now();
    expect((await typing(d.b, 'typing-room')).status).toBe(204);
    for (const stream of live) await stream.waitFor(() => typingOf(stream).length === 1, 10_000, 'typing');
    const [event] = typingOf(live[0]);
    expect(event).toEqual({ id: undefined, room: 'typing-room', name: 'Ada', authorId: expect.any(String), until: expect.any(String) });
    expect(Date.parse(event.until)).toBeGreaterThanOrEqual(before + 5_000);

    // Calls within the interval are answered and held back.
    expect((await typing(d.a, 'typing-room')).status).toBe(204);
    expect((await typing(d.b, 'typing-room')).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(live.map((stream) => typingOf(stream).length).every((n) => n <= 2)).toBe(true);
    expect((await typing(d.b, 'typing-room')).status).toBe(204);
    for (const stream of live) await stream.waitFor(() => typingOf(stream).length >= 2, 10_000, 'typing again');
    expect(typingOf(elsewhere)).toEqual([]);
    // Nothing of it is stored.
    expect((await call(`${d.a.url}/api/rooms/typing-room/messages`)).body.messages).toEqual([]);
  });

  it('needs credentials, and for a private room ones that allow it', async () => {
    expect((await typing(d.a, 'typing-room', {})).status).toBe(401);
    expect((await typing(d.a, 'private-board')).status).toBe(403);
    expect((await typing(d.a, 'Not A Room')).status).toBe(400);
  });
});
