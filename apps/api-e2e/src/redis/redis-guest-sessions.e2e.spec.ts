import { redisAvailable } from '@herald/testing';
import { call } from '../support/http';
import { newSession, postAs, session, ticketFor } from '../support/guest-sessions';
import { RedisInstances } from '../support/redis-instances';

// Skipped only where no Redis answers and CI is not set; redisAvailable() says why, or fails under CI.
const describeWithRedis = redisAvailable() ? describe : describe.skip;

describeWithRedis('guest sessions on instances sharing Redis', () => {
  const cluster = new RedisInstances('guest-sessions', { PRESENCE_TTL_MS: '1500' });

  afterEach(() => cluster.stopAll());
  afterAll(() => cluster.close());

  it("accept each other's sessions with the key they agree on in Redis, also after they all restart", async () => {
    const [a, b] = await Promise.all([cluster.start(), cluster.start()]);
    const ada = await newSession(a.url, 'Ada');
    expect((await postAs(b.url, 'shared', { text: 'posted on B' }, ada.token)).status).toBe(202);
    const renewed = await session(b.url, 'Ada', ada.token);
    expect(renewed.body.authorId).toBe(ada.authorId);
    await cluster.stopAll();

    const c = await cluster.start();
    expect((await postAs(c.url, 'shared', { text: 'after a restart' }, renewed.body.token)).status).toBe(202);
    const history = await call(`${c.url}/api/rooms/shared/messages`);
    expect(history.body.messages.map((m: { text: string; authorId?: string }) => [m.text, m.authorId])).toEqual([
      ['posted on B', ada.authorId],
      ['after a restart', ada.authorId],
    ]);
  });

  it('counts two people called Ada on two instances as two, in presence and in the room list', async () => {
    const [a, b] = await Promise.all([cluster.start(), cluster.start()]);
    const first = await newSession(a.url, 'Ada');
    const second = await newSession(b.url, 'Ada');
    const watcher = await cluster.open(a, '/api/rooms/namesakes/events?name=Watcher');
    await cluster.open(a, `/api/rooms/namesakes/events?ticket=${await ticketFor(a.url, 'namesakes', first.token)}`);
    // A ticket made on one instance opens a stream on the other.
    await cluster.open(b, `/api/rooms/namesakes/events?ticket=${await ticketFor(a.url, 'namesakes', second.token)}`);
    const people = () =>
      watcher.events
        .filter((e) => e.event === 'presence')
        .map((e) => JSON.parse(e.data!).people)
        .at(-1);
    await watcher.waitFor(() => people()?.length === 3, 5000, 'two Adas and the watcher');
    const ids = [first.authorId, second.authorId].sort();
    expect(people()).toEqual([{ name: 'Ada', authorId: ids[0] }, { name: 'Ada', authorId: ids[1] }, { name: 'Watcher' }]);
    const rooms = (await call(`${b.url}/api/rooms`)).body;
    expect(rooms.find((r: { name: string }) => r.name === 'namesakes')).toEqual({
      name: 'namesakes',
      connections: 3,
      online: 2,
      people: 3,
    });
  });
});
