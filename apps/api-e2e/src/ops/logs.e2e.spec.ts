import { RunningServer, startServer } from '@herald/testing';
import { createHash } from 'node:crypto';
import { call, postJson } from '../support/http';
import { SseClient } from '../support/sse-client';

const MODERATOR_KEY = 'logs-moderator-key-0123456789';
const API_KEYS = JSON.stringify([
  { name: 'mod-console', sha256: createHash('sha256').update(MODERATOR_KEY).digest('hex'), rooms: '*', roles: ['moderator'] },
]);

describe('structured logs', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'log', API_KEYS });
  });
  afterAll(() => server.stop());

  /** Every line the server printed, parsed; the start-up line is the one plain line. */
  function logLines(): Array<Record<string, unknown>> {
    return server
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('Herald listening on '))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
  async function lineOf(requestId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 100 && !logLines().some((l) => l['requestId'] === requestId); i++) await new Promise((r) => setTimeout(r, 20));
    const lines = logLines().filter((l) => l['requestId'] === requestId);
    expect(lines).toHaveLength(1);
    return lines[0];
  }

  it('writes one JSON line per request with its id, echoing a sane X-Request-Id, and never the text of a post', async () => {
    const text = `confidential-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const accepted = await call(`${server.url}/api/rooms/logged/messages`, {
      method: 'POST',
      body: JSON.stringify({ author: 'Ada', text }),
      headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-post-1' },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('x-request-id')).toBe('e2e-post-1');
    const refused = await call(`${server.url}/api/rooms/logged/messages`, {
      method: 'POST',
      body: JSON.stringify({ author: 'Ada', text, extra: text }),
      headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-post-2' },
    });
    expect(refused.status).toBe(400);

    expect(await lineOf('e2e-post-1')).toMatchObject({
      level: 30,
      req: { method: 'POST', path: '/api/rooms/logged/messages' },
      res: { statusCode: 202 },
    });
    expect(await lineOf('e2e-post-2')).toMatchObject({ res: { statusCode: 400 } });
    expect(server.output()).not.toContain(text);
    expect(server.output()).toContain('Herald listening on http://127.0.0.1:');
  });

  it('gives a request without a usable X-Request-Id a new one', async () => {
    const forged = await call(`${server.url}/api/rooms`, { headers: { 'x-request-id': 'two words' } });
    const id = forged.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lineOf(id)).toMatchObject({ req: { method: 'GET', path: '/api/rooms' }, res: { statusCode: 200 } });
    const none = await call(`${server.url}/api/rooms`);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers.get('x-request-id')).not.toBe(id);
  });

  it('logs an event stream once, when it ends, with its duration and without its query string', async () => {
    const stream = await SseClient.open(`${server.url}/api/rooms/logged/events?name=Ada&lastEventId=0-0`, {
      'x-request-id': 'e2e-stream-1',
    });
    await stream.waitFor((events) => events.some((e) => e.event === 'presence'));
    await postJson(`${server.url}/api/rooms/logged/messages`, { author: 'Ada', text: 'while streaming' });
    await stream.waitForMessages(1);
    expect(logLines().some((l) => l['requestId'] === 'e2e-stream-1')).toBe(false);
    stream.close();
    const line = await lineOf('e2e-stream-1');
    expect(line).toMatchObject({ msg: 'stream ended', req: { method: 'GET', path: '/api/rooms/logged/events' }, res: { statusCode: 200 } });
    expect(line['durationMs']).toEqual(expect.any(Number));
    expect(JSON.stringify(line)).not.toContain('name=Ada');
  });

  it("gives what a route logs the request's id, also after reading the request's body", async () => {
    const kick = await call(`${server.url}/api/moderation/kicks`, {
      method: 'POST',
      body: JSON.stringify({ address: '127.0.0.9', room: 'logged' }),
      headers: { 'content-type': 'application/json', 'x-api-key': MODERATOR_KEY, 'x-request-id': 'e2e-kick-1' },
    });
    expect(kick.status).toBe(200);
    for (let i = 0; i < 100 && logLines().filter((l) => l['requestId'] === 'e2e-kick-1').length < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const lines = logLines().filter((l) => l['requestId'] === 'e2e-kick-1');
    expect(lines.map((l) => l['context'] ?? l['msg'])).toEqual(['Moderation', 'request completed']);
    expect(lines[0]).toMatchObject({ level: 30, moderation: { action: 'kick', address: '127.0.0.9', room: 'logged' } });
  });
});
