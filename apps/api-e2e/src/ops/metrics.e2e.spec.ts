import { METRICS_AUTHORIZATION, RunningServer, startServer } from '@herald/testing';
import { call, postJson } from '../support/http';
import { metricValue } from '../support/metrics';
import { SseClient } from '../support/sse-client';

describe('Prometheus metrics at /metrics', () => {
  let server: RunningServer;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    server = await startServer();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => server.stop());

  const metric = (name: string, labels?: Record<string, string>) => metricValue(server.url, name, labels);
  const rejected = (reason: string) => metric('herald_messages_rejected_total', { reason });
  const open = async (path: string, headers?: Record<string, string>) => {
    const client = await SseClient.open(`${server.url}${path}`, headers);
    clients.push(client);
    await client.caughtUp();
    return client;
  };
  async function eventually(read: () => Promise<number | undefined>, expected: number | undefined): Promise<void> {
    for (let i = 0; i < 100 && (await read()) !== expected; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await read()).toBe(expected);
  }

  it('is served in the Prometheus text format outside /api, with the process metrics (event-loop lag included)', async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: METRICS_AUTHORIZATION });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE herald_messages_accepted_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect((await call(`${server.url}/api/metrics`)).status).toBe(404);
  });

  it('answers only the scraper that shows METRICS_TOKEN, and nothing at all without one', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: METRICS_AUTHORIZATION.authorization + 'x' },
    ];
    for (const headers of attempts) {
      const refused = await call(`${server.url}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.body.message).toContain('METRICS_TOKEN');
      expect(JSON.stringify(refused.body)).not.toContain('herald_');
    }
    const off = await startServer({ METRICS_TOKEN: '' });
    try {
      const answer = await call(`${off.url}/metrics`, { headers: METRICS_AUTHORIZATION });
      expect(answer.status).toBe(404);
      expect(answer.body.message).toContain('Metrics are off');
    } finally {
      await off.stop();
    }
  });

  it('counts an accepted post, and refused posts by their reason', async () => {
    const before = {
      accepted: (await metric('herald_messages_accepted_total')) ?? NaN,
      validation: (await rejected('validation')) ?? NaN,
      badJson: (await rejected('bad_json')) ?? NaN,
      tooLarge: (await rejected('too_large')) ?? NaN,
      mediaType: (await rejected('unsupported_media_type')) ?? NaN,
    };
    expect((await postJson(`${server.url}/api/rooms/counted/messages`, { author: 'Ada', text: 'counted' })).status).toBe(202);
    expect((await postJson(`${server.url}/api/rooms/counted/messages`, { author: 'Ada' })).status).toBe(400);
    expect((await postJson(`${server.url}/api/rooms/Not-A-Room/messages`, { author: 'Ada', text: 'x' })).status).toBe(400);
    const malformed = await call(`${server.url}/api/messages`, {
      method: 'POST',
      body: '{"author":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await postJson(`${server.url}/api/messages`, { author: 'Ada', text: 'x'.repeat(20_000) })).status).toBe(413);
    expect(
      (await call(`${server.url}/api/messages`, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);

    expect(await metric('herald_messages_accepted_total')).toBe(before.accepted + 1);
    expect(await rejected('validation')).toBe(before.validation + 2);
    expect(await rejected('bad_json')).toBe(before.badJson + 1);
    expect(await rejected('too_large')).toBe(before.tooLarge + 1);
    expect(await rejected('unsupported_media_type')).toBe(before.mediaType + 1);
    // Refusals of other requests are not refused posts.
    const unchanged = await rejected('validation');
    expect((await call(`${server.url}/api/rooms/counted/messages?limit=0`)).status).toBe(400);
    expect(await rejected('validation')).toBe(unchanged);
  });

  it("shows open streams in their room's gauge until they close, and counts a resumed stream as a replay", async () => {
    expect(await metric('herald_stream_connections', { room: 'gauged' })).toBeUndefined();
    const replays = (await metric('herald_stream_replays_total')) ?? NaN;
    await open('/api/rooms/gauged/events');
    const accepted = await postJson(`${server.url}/api/rooms/gauged/messages`, { author: 'Ada', text: 'first' });
    await open('/api/rooms/gauged/events', { 'last-event-id': accepted.body.id });
    expect(await metric('herald_stream_connections', { room: 'gauged' })).toBe(2);
    expect(await metric('herald_stream_replays_total')).toBe(replays + 1);

    clients.splice(0).forEach((c) => c.close());
    await eventually(() => metric('herald_stream_connections', { room: 'gauged' }), undefined);
  });

  it('counts each live event once per subscriber it is delivered to', async () => {
    const [a, b] = [await open('/api/rooms/delivered/events'), await open('/api/rooms/delivered/events')];
    const before = (await metric('herald_events_delivered_total')) ?? NaN;
    await postJson(`${server.url}/api/rooms/delivered/messages`, { author: 'Ada', text: 'to both' });
    await a.waitForMessages(1);
    await b.waitForMessages(1);
    expect(await metric('herald_events_delivered_total')).toBe(before + 2);
  });

  it('reports the slow-consumer disconnects and transport errors counters, at 0 on a healthy memory server', async () => {
    expect(await metric('herald_slow_consumer_disconnects_total')).toBe(0);
    expect(await metric('herald_transport_errors_total')).toBe(0);
  });
});
