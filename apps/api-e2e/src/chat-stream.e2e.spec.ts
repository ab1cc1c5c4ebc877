import { postJson } from './support/http';
import { SseClient } from './support/sse-client';
import { RunningServer, startServer } from '@herald/testing';

describe('posting and streaming over real sockets', () => {
  let server: RunningServer;
  const clients: SseClient[] = [];
  const open = async (path: string, headers?: Record<string, string>) => {
    const client = await SseClient.open(`${server.url}${path}`, headers);
    clients.push(client);
    // The first bytes (retry:) mean the subscription is in place.
    await client.waitFor((events) => events.some((e) => e.retry !== undefined), 5000, 'retry');
    return client;
  };

  beforeAll(async () => {
    server = await startServer({ HEARTBEAT_INTERVAL_MS: '100', SSE_RETRY_MS: '1500' });
  });

  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => server.stop());

  it('answers the stream with text/event-stream and a retry field first', async () => {
    const client = await open('/api/rooms/alpha/events');
    expect(client.response.statusCode).toBe(200);
    expect(client.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(client.events[0]).toEqual({ retry: '1500' });
  });

  it('delivers a post to each of three open streams exactly once', async () => {
    const streams = await Promise.all([1, 2, 3].map(() => open('/api/rooms/three/events')));
    const accepted = await postJson(`${server.url}/api/rooms/three/messages`, { author: ' Ada ', text: ' hello all ' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.stringMatching(/^\d+-\d+$/), room: 'three', sentAt: expect.any(String) });
    for (const stream of streams) {
      await stream.waitForMessages(1);
      const frames = stream.events.filter((e) => e.event === 'message');
      expect(frames).toEqual([{ id: accepted.body.id, event: 'message', data: expect.any(String) }]);
      expect(JSON.parse(frames[0].data!)).toEqual({
        id: accepted.body.id,
        room: 'three',
        author: 'Ada',
        text: 'hello all',
        sentAt: accepted.body.sentAt,
      });
    }
    // Nothing more arrives: a second post is the first thing after it.
    await postJson(`${server.url}/api/rooms/three/messages`, { author: 'Ada', text: 'second' });
    for (const stream of streams) {
      await stream.waitForMessages(2);
      expect(stream.messages().map((m) => m.text)).toEqual(['hello all', 'second']);
    }
  });

  it('keeps the order of many posts for every subscriber', async () => {
    const streams = await Promise.all([1, 2].map(() => open('/api/rooms/order/events')));
    for (let i = 0; i < 50; i++) {
      const { status } = await postJson(`${server.url}/api/rooms/order/messages`, { author: 'Ada', text: `n${i}` });
      expect(status).toBe(202);
    }
    for (const stream of streams) {
      await stream.waitForMessages(50);
      expect(stream.messages().map((m) => m.text)).toEqual(Array.from({ length: 50 }, (_, i) => `n${i}`));
    }
  });

  it('serves /api/events and /api/messages as the lobby', async () => {
    const lobby = await open('/api/events');
    const viaRoom = await open('/api/rooms/lobby/events');
    await postJson(`${server.url}/api/messages`, { author: 'Ada', text: 'in the lobby' });
    await lobby.waitForMessages(1);
    await viaRoom.waitForMessages(1);
    expect(viaRoom.messages()[0]).toMatchObject({ room: 'lobby', text: 'in the lobby' });
  });

  it('sends a heartbeat comment at the configured interval', async () => {
    const client = await open('/api/rooms/quiet/events');
    await client.waitFor((events) => events.filter((e) => e.comment !== undefined).length >= 2, 5000, 'two heartbeats');
  });

  it('replays after Last-Event-ID without gap or repeat, then continues live', async () => {
    const url = `${server.url}/api/rooms/resume/messages`;
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await postJson(url, { author: 'Ada', text: `r${i}` })).body.id);
    const client = await open('/api/rooms/resume/events', { 'last-event-id': ids[1] });
    await client.waitForMessages(3);
    await postJson(url, { author: 'Ada', text: 'r6' });
    await client.waitForMessages(4);
    expect(client.messages().map((m) => m.text)).toEqual(['r3', 'r4', 'r5', 'r6']);
    expect(client.events.some((e) => e.event === 'reset')).toBe(false);
  });

  it('resumes from ?lastEventId= too, and the header wins over it', async () => {
    const url = `${server.url}/api/rooms/query/messages`;
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await postJson(url, { author: 'Ada', text: `q${i}` })).body.id);
    const byQuery = await open(`/api/rooms/query/events?lastEventId=${ids[0]}`);
    await byQuery.waitForMessages(2);
    expect(byQuery.messages().map((m) => m.text)).toEqual(['q2', 'q3']);
    const both = await open(`/api/rooms/query/events?lastEventId=${ids[0]}`, { 'last-event-id': ids[1] });
    await both.waitForMessages(1);
    expect(both.messages().map((m) => m.text)).toEqual(['q3']);
  });

  it('says so with a reset event when the Last-Event-ID is unknown, then replays what it holds', async () => {
    const url = `${server.url}/api/rooms/unknown/messages`;
    await postJson(url, { author: 'Ada', text: 'u1' });
    const client = await open('/api/rooms/unknown/events', { 'last-event-id': '99999999999999-0' });
    await client.waitForMessages(1);
    const reset = client.events.find((e) => e.event === 'reset');
    expect(reset).toBeDefined();
    expect(JSON.parse(reset!.data!)).toMatchObject({ reason: 'unknown-id', lastEventId: '99999999999999-0' });
    expect(client.events.indexOf(reset!)).toBeLessThan(client.events.findIndex((e) => e.event === 'message'));
    expect(client.messages().map((m) => m.text)).toEqual(['u1']);
  });

  it('answers a bad room name on the stream with a JSON 400 instead of opening a stream', async () => {
    const response = await fetch(`${server.url}/api/rooms/Not_A_Room/events`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('room must be'),
    });
  });
});
