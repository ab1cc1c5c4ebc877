import { RunningServer, startServer } from '@herald/testing';
import { call } from './support/http';
import { scrape } from './support/metrics';
import { SseClient } from './support/sse-client';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

describe('sign-in with JWT, private rooms and stream tickets', () => {
  let server: RunningServer;
  const ada = token({ sub: 'u-ada', name: 'Ada', aud: 'herald', iss: 'https://id.example', exp: inSeconds(600), rooms: ['private-board'] });
  const bob = token({ sub: 'Bob', aud: 'herald', iss: 'https://id.example', exp: inSeconds(600) });

  const post = (room: string, body: unknown, bearer?: string) =>
    call(`${server.url}/api/rooms/${room}/messages`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    });

  const ticketFor = (room: string, bearer: string) =>
    call(`${server.url}/api/stream-tickets`, {
      method: 'POST',
      body: JSON.stringify({ room }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    });

  beforeAll(async () => {
    server = await startServer({
      AUTH_JWT_SECRET: TEST_SECRET,
      AUTH_JWT_AUDIENCE: 'herald',
      AUTH_JWT_ISSUER: 'https://id.example',
      STREAM_TICKET_TTL_MS: '1000',
    });
  });
  afterAll(() => server.stop());

  it('accepts a post whose author is the token name (or sub), or that leaves the author out', async () => {
    expect((await post('lobby', { author: 'Ada', text: 'signed in' }, ada)).status).toBe(202);
    expect((await post('lobby', { author: 'Bob', text: 'by sub' }, bob)).status).toBe(202);
    const unnamed = await post('lobby', { text: 'the token says who' }, ada);
    expect(unnamed.status).toBe(202);
    const history = await call(`${server.url}/api/rooms/lobby/messages`);
    const stored = history.body.messages.find((m: { id: string }) => m.id === unnamed.body.id);
    expect(stored).toMatchObject({ author: 'Ada', text: 'the token says who' });
  });

  it.each([
    ['an invalid body', { author: 'Ada' }],
    ['unknown fields', { text: 'hi', admin: true }],
    // (A body that is not JSON at all is refused before any route, like one over 16 KiB.)
  ])('checks the token before the body: no token with %s is a 401, not a 400', async (_case, body) => {
    expect((await post('lobby', body)).status).toBe(401);
    expect(
      (
        await post(
          'lobby',
          body,
          token({ name: 'Ada', aud: 'herald', iss: 'https://id.example', exp: inSeconds(60) }, 'forged-forged-forged-forged-forged'),
        )
      ).status,
    ).toBe(401);
  });

  it('refuses a token that does not expire, or that lives longer than AUTH_JWT_MAX_LIFETIME_S', async () => {
    const forever = await post('lobby', { text: 'hi' }, token({ name: 'Ada', aud: 'herald', iss: 'https://id.example' }));
    expect(forever.status).toBe(401);
    expect(forever.body.message).toContain('no expiry');
    const year = await post(
      'lobby',
      { text: 'hi' },
      token({ name: 'Ada', aud: 'herald', iss: 'https://id.example', exp: inSeconds(365 * 86_400) }),
    );
    expect(year.status).toBe(401);
    expect(year.body.message).toContain('lives longer than this server allows');
  });

  it.each([
    ['no token', undefined, 401, 'Authorization: Bearer'],
    [
      'a forged token',
      token({ name: 'Ada', aud: 'herald', iss: 'https://id.example', exp: inSeconds(60) }, 'not-the-secret-not-the-secret-!!'),
      401,
      'signature does not match',
    ],
    ['an expired token', token({ name: 'Ada', aud: 'herald', iss: 'https://id.example', exp: inSeconds(-60) }), 401, 'expired'],
    [
      'a token for another audience',
      token({ name: 'Ada', aud: 'other-app', iss: 'https://id.example', exp: inSeconds(60) }),
      401,
      'audience',
    ],
    ['a token from another issuer', token({ name: 'Ada', aud: 'herald', iss: 'https://evil.example', exp: inSeconds(60) }), 401, 'issuer'],
    [
      'a token not valid yet',
      token({ name: 'Ada', aud: 'herald', iss: 'https://id.example', nbf: inSeconds(600), exp: inSeconds(900) }),
      401,
      'not valid yet',
    ],
  ])('refuses a post with %s (%i)', async (_case, bearer, status, message) => {
    const response = await post('lobby', { author: 'Ada', text: 'hi' }, bearer);
    expect(response.status).toBe(status);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="herald"/);
    expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining(message) });
  });

  it('refuses with 403 a post under another name than the token', async () => {
    const response = await post('lobby', { author: 'Bob', text: 'impersonating' }, ada);
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('author must be your signed-in name "Ada"');
  });

  it('keeps a private room to the tokens that allow it: posting and history', async () => {
    expect((await post('private-board', { author: 'Ada', text: 'board only' }, ada)).status).toBe(202);
    const forbidden = await post('private-board', { author: 'Bob', text: 'let me in' }, bob);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toContain('does not allow the private room "private-board"');
    expect((await call(`${server.url}/api/rooms/private-board/messages`)).status).toBe(401);
    expect((await call(`${server.url}/api/rooms/private-board/messages`, { headers: { authorization: `Bearer ${bob}` } })).status).toBe(
      403,
    );
    const history = await call(`${server.url}/api/rooms/private-board/messages`, { headers: { authorization: `Bearer ${ada}` } });
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(['board only']);
  });

  it('opens a private stream with a single-use ticket; a reused or expired ticket gets 401', async () => {
    expect((await call(`${server.url}/api/rooms/private-board/events`)).status).toBe(401);
    expect((await ticketFor('private-board', bob)).status).toBe(403);

    const issued = await ticketFor('private-board', ada);
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String) });
    const stream = await SseClient.open(`${server.url}/api/rooms/private-board/events?ticket=${issued.body.ticket}&lastEventId=0-0`);
    expect(stream.response.statusCode).toBe(200);
    await stream.waitForMessages(1);
    expect(stream.messages().map((m) => m.text)).toEqual(['board only']);
    // The stream counts under the token's name, not a name the client picks.
    const presence = stream.events.find((e) => e.event === 'presence');
    expect(JSON.parse(presence!.data!).online).toEqual(['Ada']);
    stream.close();

    const reused = await call(`${server.url}/api/rooms/private-board/events?ticket=${issued.body.ticket}`);
    expect(reused.status).toBe(401);
    expect(reused.body.message).toContain('used already or expired');

    const late = await ticketFor('private-board', ada);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await call(`${server.url}/api/rooms/private-board/events?ticket=${late.body.ticket}`)).status).toBe(401);

    const elsewhere = await ticketFor('private-board', ada);
    expect((await call(`${server.url}/api/rooms/lobby/events?ticket=${elsewhere.body.ticket}`)).status).toBe(401);
  });

  it('lists a private room, and who is in it, only to a token that allows it; metrics never name it', async () => {
    expect((await post('private-board', { author: 'Ada', text: 'listed?' }, ada)).status).toBe(202);
    const stream = await SseClient.open(`${server.url}/api/rooms/private-board/events`, { authorization: `Bearer ${ada}` });
    await stream.caughtUp();
    const names = async (bearer?: string) =>
      (
        (await call(`${server.url}/api/rooms`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {})).body as Array<{
          name: string;
        }>
      ).map((room) => room.name);
    expect(await names()).not.toContain('private-board');
    expect(await names(bob)).not.toContain('private-board');
    expect(await names('not-a-token')).not.toContain('private-board');
    expect(await names(ada)).toContain('private-board');
    const metrics = await scrape(server.url);
    expect(metrics).not.toContain('private-board');
    expect(metrics).toMatch(/^herald_stream_connections\{room="\(private\)"\} 1$/m);
    stream.close();
  });

  it('never replays a private room into another room, whatever Last-Event-ID says', async () => {
    const secret = await post('private-board', { author: 'Ada', text: 'the secret' }, ada);
    const stream = await SseClient.open(`${server.url}/api/rooms/lobby/events`, { 'last-event-id': secret.body.id });
    await stream.caughtUp();
    expect(stream.events.map((e) => e.data ?? '').join('\n')).not.toContain('the secret');
    expect(stream.messages().every((m) => m.room === 'lobby')).toBe(true);
    stream.close();
  });
});
