import { RunningServer, startServer } from '@herald/testing';
import { call } from './support/http';
import { SseClient } from './support/sse-client';

describe('presence and the room list', () => {
  let server: RunningServer;
  const clients: SseClient[] = [];
  const open = async (path: string) => {
    const client = await SseClient.open(`${server.url}${path}`);
    clients.push(client);
    await client.caughtUp();
    return client;
  };
  const presence = (client: SseClient) => client.events.filter((e) => e.event === 'presence').map((e) => JSON.parse(e.data!));

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => server.stop());

  it('tells each stream who is online, announces joins and leaves, and counts them in GET /api/rooms', async () => {
    const ada = await open('/api/rooms/team/events?name=Ada');
    expect(presence(ada)[0]).toEqual({ room: 'team', online: ['Ada'], people: [{ name: 'Ada' }], connections: 1 });

    const bob = await open('/api/rooms/team/events?name=%20Bob%20');
    expect(presence(bob)[0]).toEqual({ room: 'team', online: ['Ada', 'Bob'], people: [{ name: 'Ada' }, { name: 'Bob' }], connections: 2 });
    await ada.waitFor(() => presence(ada).some((p) => p.joined === 'Bob'), 5000, 'Bob joining');

    await open('/api/rooms/team/events');
    expect((await call(`${server.url}/api/rooms`)).body).toEqual([
      { name: 'lobby', connections: 0, online: 0, people: 0 },
      { name: 'team', connections: 3, online: 2, people: 2 },
    ]);

    bob.close();
    await ada.waitFor(() => presence(ada).some((p) => p.left === 'Bob'), 5000, 'Bob leaving');
    expect(presence(ada).at(-1)).toEqual({ room: 'team', online: ['Ada'], people: [{ name: 'Ada' }], connections: 2, left: 'Bob' });
    expect((await call(`${server.url}/api/rooms`)).body).toEqual([
      { name: 'lobby', connections: 0, online: 0, people: 0 },
      { name: 'team', connections: 2, online: 1, people: 1 },
    ]);
  });

  it('refuses a display name it would refuse as an author', async () => {
    for (const [name, problem] of [
      ['x'.repeat(41), 'name must be 1 to 40'],
      ['Ada%0Aevent:%20reset', 'name must not contain control'],
    ]) {
      const response = await call(`${server.url}/api/rooms/team/events?name=${name}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(problem);
    }
  });
});
