import { call, postJson } from './support/http';
import { SseClient } from './support/sse-client';
import { RunningServer, startServer } from '@herald/testing';

describe('invalid posts', () => {
  let server: RunningServer;
  let stream: SseClient;
  const url = () => `${server.url}/api/rooms/guarded/messages`;

  beforeAll(async () => {
    server = await startServer();
    stream = await SseClient.open(`${server.url}/api/rooms/guarded/events`);
    await stream.waitFor((events) => events.length > 0);
  });

  afterAll(async () => {
    stream.close();
    await server.stop();
  });

  const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  it.each([
    ['empty text', json({ author: 'Ada', text: '' }), 400, 'text must be 1 to 2000'],
    ['whitespace-only text', json({ author: 'Ada', text: '   ' }), 400, 'text must be 1 to 2000'],
    ['text too long', json({ author: 'Ada', text: 'x'.repeat(2001) }), 400, 'text must be 1 to 2000'],
    ['author too long', json({ author: 'x'.repeat(41), text: 'hi' }), 400, 'author must be 1 to 40'],
    ['a missing author', json({ text: 'hi' }), 400, 'author is required'],
    ['a number as text', json({ author: 'Ada', text: 5 }), 400, 'text must be a string'],
    ['an unknown field', json({ author: 'Ada', text: 'hi', admin: true }), 400, 'property admin should not exist'],
    ['a line break in the author', json({ author: 'Ada\nevent: reset', text: 'hi' }), 400, 'author must not contain control'],
    [
      'malformed JSON',
      { method: 'POST', body: '{"author":', headers: { 'content-type': 'application/json' } },
      400,
      'must be a JSON object',
    ],
    ['a JSON array', json([{ author: 'Ada', text: 'hi' }]), 400, 'must be a JSON object'],
    [
      'a body that is not JSON',
      { method: 'POST', body: 'author=Ada&text=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'Content-Type: application/json',
    ],
    ['a body over 16 KiB', json({ author: 'Ada', text: 'x'.repeat(17 * 1024) }), 413, 'larger than 16384 bytes'],
  ])('answers %s with a JSON %i and broadcasts nothing', async (_case, init, status, message) => {
    const response = await call(url(), init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.stringContaining(message) });
  });

  it('answers an invalid room name with 400', async () => {
    const response = await postJson(`${server.url}/api/rooms/UPPER/messages`, { author: 'Ada', text: 'hi' });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('room must be');
  });

  it('answers bad history queries with 400', async () => {
    for (const query of ['limit=0', 'limit=201', 'limit=abc', 'before=yesterday', 'sort=asc']) {
      const response = await call(`${url()}?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.statusCode).toBe(400);
    }
  });

  // Runs last: the stream must have received nothing but this valid post from all the above.
  it('has broadcast nothing for the rejected posts', async () => {
    const accepted = await postJson(url(), { author: 'Ada', text: 'the only one' });
    expect(accepted.status).toBe(202);
    await stream.waitForMessages(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.messages().map((m) => m.text)).toEqual(['the only one']);
    const history = await call(url());
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(['the only one']);
  });
});
