import type { RunningServer } from '@herald/testing';
import { call } from './support/http';
import type { SseClient, SseEvent } from './support/sse-client';
import { storeCases } from './support/store-deployments';
import { useStoreSuite } from './support/store-suite';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

const ENV = { AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald', RATE_LIMIT_POSTS: '0' };
const ADA = token({ sub: 'u-ada', name: 'Ada', aud: 'herald', exp: inSeconds(600), rooms: ['private-board'] });

interface Overview {
  name: string;
  lastId: string | null;
  connections: number;
  online: number;
  people: number;
}

const snapshotOf = (stream: SseClient): Overview[] => JSON.parse(stream.events.find((e) => e.event === 'rooms')!.data!).rooms;
const changesOf = (stream: SseClient): Array<{ rooms: Overview[]; removed: string[] }> =>
  stream.events.filter((e: SseEvent) => e.event === 'rooms-changed').map((e) => JSON.parse(e.data!));
/** The room as the overview last said it was. */
const latest = (stream: SseClient, room: string): Overview | undefined =>
  [snapshotOf(stream), ...changesOf(stream).map((c) => c.rooms)]
    .flat()
    .filter((r) => r.name === room)
    .at(-1);

describe.each(storeCases())('the rooms overview stream with the $name store', (store) => {
  const suite = useStoreSuite(store, ENV);
  const overview = async (server: RunningServer, headers: Record<string, string> = {}) => {
    const stream = await suite.open(server, '/api/rooms/events', headers);
    expect(stream.response.statusCode).toBe(200);
    await stream.waitFor((events) => events.some((e) => e.event === 'rooms'), 10_000, 'the snapshot');
    return stream;
  };
  const post = (server: RunningServer, room: string, text: string) => suite.post(server, room, text, ADA);

  it('starts with every room and its newest id, then tells each room change, coalesced, from any instance', async () => {
    const first = await post(suite.d.b, 'alpha', 'before the overview opened');
    const watching = await overview(suite.d.a);
    expect(latest(watching, 'lobby')).toMatchObject({ lastId: null, connections: 0 });
    expect(latest(watching, 'alpha')).toMatchObject({ lastId: first });
    // Events of the overview carry no id: a reconnect starts with a new snapshot.
    expect(watching.events.filter((e) => e.id !== undefined)).toEqual([]);

    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await post(suite.d.b, 'alpha', `burst ${i}`));
    await watching.waitFor(() => latest(watching, 'alpha')?.lastId === ids[9], 10_000, 'the newest id of alpha');
    // Ten posts within a moment are a change or two, not ten.
    expect(changesOf(watching).filter((c) => c.rooms.some((r) => r.name === 'alpha')).length).toBeLessThanOrEqual(3);

    const reader = await suite.follow(suite.d.b, 'alpha');
    await watching.waitFor(() => latest(watching, 'alpha')?.connections === 1, 10_000, 'the stream in alpha');
    reader.close();
    await watching.waitFor(() => latest(watching, 'alpha')?.connections === 0, 10_000, 'the stream leaving alpha');

    // An edit moves nothing; deleting the newest message gives its place back to the one before.
    const edit = await call(`${suite.d.a.url}/api/rooms/alpha/messages/${ids[8]}`, {
      method: 'PATCH',
      body: JSON.stringify({ text: 'burst 8, edited' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADA}` },
    });
    expect(edit.status).toBe(200);
    const removed = await call(`${suite.d.b.url}/api/rooms/alpha/messages/${ids[9]}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADA}` },
    });
    expect(removed.status).toBe(200);
    await watching.waitFor(() => latest(watching, 'alpha')?.lastId === ids[8], 10_000, 'the message before the deleted one');
  });

  it('shows private rooms only to a token that may see them', async () => {
    await post(suite.d.a, 'private-board', 'board only');
    const anonymous = await overview(suite.d.b);
    const ada = await overview(suite.d.b, { authorization: `Bearer ${ADA}` });
    // The snapshot is the rooms as last read, at most a second ago: a room new since then follows as a change.
    await ada.waitFor(() => latest(ada, 'private-board')?.lastId != null, 10_000, 'the private room');
    expect(snapshotOf(anonymous).map((r) => r.name)).not.toContain('private-board');
    await post(suite.d.a, 'private-board', 'more');
    await post(suite.d.a, 'public-news', 'for all');
    await anonymous.waitFor(() => latest(anonymous, 'public-news') !== undefined, 10_000, 'the public room');
    await ada.waitFor(() => latest(ada, 'public-news') !== undefined, 10_000, 'the public room');
    expect(anonymous.raw).not.toContain('private-board');
  });
});
