import { RunningServer, startServer } from '@herald/testing';
import { newSession, postAs } from './support/guest-sessions';
import { call, postJson, postJsonFrom } from './support/http';
import { SseClient } from './support/sse-client';

describe('limits that keep one client from hurting the others', () => {
  describe('post rate limits', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ RATE_LIMIT_POSTS: '5', RATE_LIMIT_WINDOW_MS: '60000' });
    });
    afterAll(() => server.stop());

    it('answers a flood from one address with 429 and Retry-After, and keeps serving everyone else', async () => {
      const watcher = await SseClient.open(`${server.url}/api/rooms/flood/events`, {}, '127.0.0.3');
      await watcher.caughtUp();
      const answers = [];
      for (let i = 0; i < 12; i++)
        answers.push(
          await postJsonFrom('127.0.0.2', `${server.url}/api/rooms/flood/messages`, { author: `Flooder${i}`, text: `flood ${i}` }),
        );
      expect(answers.slice(0, 5).map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
      const refused = answers.slice(5);
      expect(refused.every((a) => a.status === 429)).toBe(true);
      expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
      expect(refused[0].body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringContaining('Too many posts from your address'),
      });
      // Invalid posts count too: a flood of bad bodies is refused before it is even validated.
      expect((await postJsonFrom('127.0.0.2', `${server.url}/api/rooms/flood/messages`, { nonsense: true })).status).toBe(429);

      // Another address still posts, and the stream got exactly the accepted messages.
      expect(
        (await postJsonFrom('127.0.0.4', `${server.url}/api/rooms/flood/messages`, { author: 'Calm', text: 'still here' })).status,
      ).toBe(202);
      await watcher.waitForMessages(6);
      expect(watcher.messages().map((m) => m.text)).toEqual(['flood 0', 'flood 1', 'flood 2', 'flood 3', 'flood 4', 'still here']);
      watcher.close();
    });

    it('limits one verified author across addresses, and never a name that anyone may type', async () => {
      const chatty = await newSession(server.url, 'Chatty');
      const statuses = [];
      for (let i = 0; i < 7; i++)
        statuses.push((await postAs(server.url, 'author', { text: `m${i}` }, chatty.token, `127.0.1.${i + 1}`)).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
      // Without a session, "Chatty" is only a name: its posts count against their addresses alone.
      const unverified = [];
      for (let i = 0; i < 7; i++) {
        unverified.push(
          (await postJsonFrom(`127.0.2.${i + 1}`, `${server.url}/api/rooms/author/messages`, { author: 'Chatty', text: `u${i}` })).status,
        );
      }
      expect(unverified).toEqual([202, 202, 202, 202, 202, 202, 202]);
    });
  });

  describe('connection caps', () => {
    let server: RunningServer;
    const clients: SseClient[] = [];
    beforeAll(async () => {
      server = await startServer({ MAX_CONNECTIONS_PER_IP: '2', MAX_CONNECTIONS: '3' });
    });
    afterAll(async () => {
      clients.forEach((c) => c.close());
      await server.stop();
    });

    const open = async (from: string) => {
      const client = await SseClient.open(`${server.url}/api/rooms/caps/events`, {}, from);
      clients.push(client);
      return client;
    };

    it('refuses streams past the per-address cap (429) and the total cap (503), leaving open ones untouched', async () => {
      const first = await open('127.0.0.2');
      const second = await open('127.0.0.2');
      const third = await open('127.0.0.2');
      expect([first, second, third].map((c) => c.response.statusCode)).toEqual([200, 200, 429]);
      expect(third.response.headers['retry-after']).toBeDefined();

      const other = await open('127.0.0.3');
      expect(other.response.statusCode).toBe(200);
      const overTotal = await open('127.0.0.4');
      expect(overTotal.response.statusCode).toBe(503);
      expect(overTotal.response.headers['retry-after']).toBeDefined();

      // The streams let in still work.
      await postJson(`${server.url}/api/rooms/caps/messages`, { author: 'Ada', text: 'for the ones inside' });
      for (const client of [first, second, other]) await client.waitForMessages(1);

      // A closed stream frees its place.
      first.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await open('127.0.0.4')).response.statusCode).toBe(200);
    });
  });

  describe('browser-facing headers', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ CORS_ORIGINS: 'https://app.example' });
    });
    afterAll(() => server.stop());

    it('sends a Content-Security-Policy and no X-Powered-By', async () => {
      const { headers } = await call(`${server.url}/api/rooms`);
      expect(headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-powered-by')).toBeNull();
    });

    it('allows the configured origin and no other', async () => {
      const preflight = (origin: string) =>
        fetch(`${server.url}/api/messages`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
        });
      const allowed = await preflight('https://app.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
