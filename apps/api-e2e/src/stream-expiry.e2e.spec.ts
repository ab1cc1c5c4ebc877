import { RunningServer, startServer } from '@herald/testing';
import { call } from './support/http';
import { SseClient } from './support/sse-client';
import { TEST_SECRET, inSeconds, token } from './support/tokens';

/** The leeway a token is accepted with after its exp; its streams last as long. */
const TOLERANCE_S = 1;

describe('streams end with the token that let them in', () => {
  let server: RunningServer;
  const adaFor = (seconds: number) =>
    token({ sub: 'u-ada', name: 'Ada', aud: 'herald', exp: inSeconds(seconds), rooms: ['private-board'] });
  const expOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).exp as number;

  const post = (text: string, bearer: string) =>
    call(`${server.url}/api/rooms/private-board/messages`, {
      method: 'POST',
      body: JSON.stringify({ text }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    });
  const ticketFor = async (bearer: string): Promise<string> => {
    const answer = await call(`${server.url}/api/stream-tickets`, {
      method: 'POST',
      body: JSON.stringify({ room: 'private-board' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    });
    expect(answer.status).toBe(201);
    return answer.body.ticket;
  };
  const ended = (stream: SseClient) => stream.waitFor(() => stream.ended, 15_000, 'the end of the stream').then(() => Date.now());

  beforeAll(async () => {
    server = await startServer({
      AUTH_JWT_SECRET: TEST_SECRET,
      AUTH_JWT_AUDIENCE: 'herald',
      AUTH_JWT_CLOCK_TOLERANCE_S: String(TOLERANCE_S),
    });
  });
  afterAll(() => server.stop());

  it('ends a ticket stream with `expired` once its token is no longer accepted; a fresh ticket resumes it without a gap', async () => {
    const short = adaFor(2);
    const stream = await SseClient.open(`${server.url}/api/rooms/private-board/events?ticket=${await ticketFor(short)}`);
    expect(stream.response.statusCode).toBe(200);
    await stream.caughtUp();
    expect((await post('before the end', short)).status).toBe(202);
    const endedAt = await ended(stream);

    const acceptedUntil = (expOf(short) + TOLERANCE_S) * 1000;
    expect(endedAt).toBeGreaterThanOrEqual(acceptedUntil);
    const last = stream.events.at(-1)!;
    expect(last.event).toBe('expired');
    expect(last.id).toBeUndefined();
    expect(JSON.parse(last.data!)).toEqual({ expiredAt: new Date(acceptedUntil).toISOString() });
    expect(stream.messages().map((m) => m.text)).toEqual(['before the end']);
    // The old token no longer gets a ticket: the client must ask its provider for a fresh one.
    expect((await post('with the old token', short)).status).toBe(401);

    const fresh = adaFor(600);
    expect((await post('while away', fresh)).status).toBe(202);
    const lastId = stream.messages().at(-1)!.id;
    const resumed = await SseClient.open(`${server.url}/api/rooms/private-board/events?ticket=${await ticketFor(fresh)}`, {
      'last-event-id': lastId,
    });
    await resumed.waitForMessages(1);
    expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
    expect(resumed.messages().map((m) => m.text)).toEqual(['while away']);
    resumed.close();
  });

  it('ends a stream opened with the token itself (Authorization header) the same way', async () => {
    const short = adaFor(1);
    const stream = await SseClient.open(`${server.url}/api/rooms/private-board/events`, { authorization: `Bearer ${short}` });
    expect(stream.response.statusCode).toBe(200);
    await stream.caughtUp();
    await ended(stream);
    expect(stream.events.at(-1)!.event).toBe('expired');
  });

  it('leaves a stream without a token open: a public room as anyone', async () => {
    const open = await SseClient.open(`${server.url}/api/rooms/lobby/events`);
    const short = await SseClient.open(`${server.url}/api/rooms/private-board/events?ticket=${await ticketFor(adaFor(1))}`);
    await Promise.all([open.caughtUp(), short.caughtUp()]);
    await ended(short);
    expect(open.ended).toBe(false);
    expect(open.events.some((e) => e.event === 'expired')).toBe(false);
    open.close();
  });
});
