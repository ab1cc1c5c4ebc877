import { RunningServer, startServer } from '@herald/testing';
import { call, postJson } from './support/http';
import { SseClient } from './support/sse-client';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

const EMOJI = '\u{1F600}';

describe('display names, one rule everywhere', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('lets a 40-emoji name post and subscribe alike, and counts 2000 emoji as a full message', async () => {
    const name = EMOJI.repeat(40);
    expect((await postJson(`${server.url}/api/rooms/names/messages`, { author: name, text: EMOJI.repeat(2000) })).status).toBe(202);
    const stream = await SseClient.open(`${server.url}/api/rooms/names/events?name=${encodeURIComponent(name)}`);
    expect(stream.response.statusCode).toBe(200);
    await stream.caughtUp();
    stream.close();
    const tooLong = await postJson(`${server.url}/api/rooms/names/messages`, { author: EMOJI.repeat(41), text: 'hi' });
    expect(tooLong.status).toBe(400);
    expect((await call(`${server.url}/api/rooms/names/events?name=${encodeURIComponent(EMOJI.repeat(41))}`)).status).toBe(400);
  });

  it.each([
    ['a bidi override', 'Ada\u202Eevil'],
    ['a zero-width joiner', 'A\u200Dda'],
  ])('refuses %s in a name, as author and as stream name', async (_case, name) => {
    const posted = await postJson(`${server.url}/api/rooms/names/messages`, { author: name, text: 'hi' });
    expect(posted.status).toBe(400);
    expect(posted.body.message).toContain('author must not contain');
    const subscribed = await call(`${server.url}/api/rooms/names/events?name=${encodeURIComponent(name)}`);
    expect(subscribed.status).toBe(400);
  });

  it('refuses a lone surrogate in an author and in a text (a URL cannot even carry one)', async () => {
    const author = await postJson(`${server.url}/api/rooms/names/messages`, { author: 'Ada\uD83D', text: 'hi' });
    expect(author.status).toBe(400);
    const text = await postJson(`${server.url}/api/rooms/names/messages`, { author: 'Ada', text: 'broken \uDE00 pair' });
    expect(text.status).toBe(400);
    expect(text.body.message).toContain('nor lone surrogates');
  });

  it('stores a name as NFC, so the two spellings of "René" are one author', async () => {
    const composed = await postJson(`${server.url}/api/rooms/nfc/messages`, { author: 'Ren\u00e9', text: 'one' });
    const decomposed = await postJson(`${server.url}/api/rooms/nfc/messages`, { author: 'Rene\u0301', text: 'two' });
    expect([composed.status, decomposed.status]).toEqual([202, 202]);
    const history = await call(`${server.url}/api/rooms/nfc/messages`);
    expect(history.body.messages.map((m: { author: string }) => m.author)).toEqual(['Ren\u00e9', 'Ren\u00e9']);
  });

  it('holds names from tokens to the same rule', async () => {
    const signedIn = await startServer({ AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald' });
    try {
      const bad = token({ sub: 'u1', name: 'Ada\u202Eevil', aud: 'herald', exp: inSeconds(60) });
      const answer = await call(`${signedIn.url}/api/messages`, {
        method: 'POST',
        body: JSON.stringify({ text: 'hi' }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bad}` },
      });
      expect(answer.status).toBe(401);
      expect(answer.body.message).toContain("the token's name must not contain");
    } finally {
      await signedIn.stop();
    }
  });
});
