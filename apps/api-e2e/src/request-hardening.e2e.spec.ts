import { RunningServer, startServer } from '@herald/testing';
import { connect } from 'node:net';
import { call, postJson, postJsonFrom } from './support/http';
import { SseClient } from './support/sse-client';

/** Sends `head` and then nothing more; resolves with what the server answered and how long it took to close. */
function holdOpen(url: string, head: string): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(head));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
  });
}

describe('requests that try to hurt the server', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ REQUEST_TIMEOUT_MS: '1000', MAX_REQUESTS_PER_IP: '4', RATE_LIMIT_POSTS: '5' });
  });
  afterAll(() => server.stop());

  it('answers deeply nested JSON with 400, on posts and on stream tickets, and keeps serving', async () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    for (const path of ['/api/rooms/deep/messages', '/api/stream-tickets']) {
      const answer = await call(`${server.url}${path}`, {
        method: 'POST',
        body: `{"author":"Ada","text":"x","room":${deep}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('nests deeper than') });
    }
    expect((await postJson(`${server.url}/api/rooms/deep/messages`, { author: 'Ada', text: 'still fine' })).status).toBe(202);
  });

  it('rate-limits stream tickets per address, signed in or not', async () => {
    const ask = () => postJsonFrom('127.0.0.7', `${server.url}/api/stream-tickets`, { room: 'private-x' });
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await ask());
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[5].status).toBe(429);
    expect(answers[5].body.message).toContain('Too many stream tickets from your address');
    expect(Number(answers[5].headers['retry-after'])).toBeGreaterThan(0);
  });

  it('marks API answers as never to be cached, and frames as refused in both headers browsers read', async () => {
    const history = await call(`${server.url}/api/rooms/deep/messages`);
    expect(history.headers.get('cache-control')).toBe('no-store');
    expect(history.headers.get('x-frame-options')).toBe('DENY');
    expect(history.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('gives an event stream the headers of an API answer, not those only an HTML document acts on', async () => {
    for (const path of ['/api/rooms/headers/events', '/api/events']) {
      const stream = await SseClient.open(`${server.url}${path}`);
      const headers = stream.response.headers;
      stream.close();
      expect(headers['content-type']).toBe('text/event-stream');
      expect(headers['cache-control']).toContain('no-store');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['cross-origin-resource-policy']).toBe('same-origin');
      for (const documentOnly of ['cross-origin-opener-policy', 'origin-agent-cluster', 'referrer-policy', 'x-xss-protection']) {
        expect(headers[documentOnly]).toBeUndefined();
      }
    }
    // Every other answer keeps all of Helmet's.
    const history = await call(`${server.url}/api/rooms/headers/messages`);
    expect(history.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(history.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers a body that trickles in with 408 once REQUEST_TIMEOUT_MS is up, instead of holding it for minutes', async () => {
    const { answer, ms } = await holdOpen(
      server.url,
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"author":',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toContain('REQUEST_TIMEOUT_MS');
    expect(ms).toBeLessThan(5_000);
  });

  it('lets one address hold only MAX_REQUESTS_PER_IP requests at once; others, and streams, are not affected', async () => {
    const { hostname, port } = new URL(server.url);
    const head = 'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{';
    // Four slow bodies from 127.0.0.9 take its whole allowance until the timeout cuts them off.
    const sockets = Array.from({ length: 4 }, () => {
      const socket = connect({ host: hostname, port: Number(port), localAddress: '127.0.0.9' }, () => socket.write(head));
      return socket;
    });
    await new Promise((r) => setTimeout(r, 200));
    try {
      const refused = await postJsonFrom('127.0.0.9', `${server.url}/api/messages`, { author: 'Ada', text: 'fifth' });
      expect(refused.status).toBe(429);
      expect(refused.body.message).toContain('Too many requests at once from your address');
      const stream = await SseClient.open(`${server.url}/api/events`, {}, '127.0.0.9');
      expect(stream.response.statusCode).toBe(200);
      stream.close();
      const other = await postJsonFrom('127.0.0.10', `${server.url}/api/messages`, { author: 'Bob', text: 'from elsewhere' });
      expect(other.status).toBe(202);
    } finally {
      sockets.forEach((socket) => socket.destroy());
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await postJsonFrom('127.0.0.9', `${server.url}/api/messages`, { author: 'Ada', text: 'again' })).status).toBe(202);
  });
});
