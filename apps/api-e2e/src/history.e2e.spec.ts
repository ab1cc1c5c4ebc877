import { call, postJson } from './support/http';
import { RunningServer, startServer } from '@herald/testing';

describe('history pages', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ HISTORY_LIMIT: '5' });
  });
  afterAll(() => server.stop());

  it('pages backwards with before= and limit=, newest last, within HISTORY_LIMIT', async () => {
    const url = `${server.url}/api/rooms/pages/messages`;
    for (let i = 1; i <= 7; i++) await postJson(url, { author: 'Ada', text: `h${i}` });
    const newest = await call(`${url}?limit=2`);
    expect(newest.status).toBe(200);
    expect(newest.body.messages.map((m: { text: string }) => m.text)).toEqual(['h6', 'h7']);
    expect(newest.body.hasMore).toBe(true);
    const older = await call(`${url}?limit=10&before=${newest.body.messages[0].id}`);
    // Only the last five are kept.
    expect(older.body.messages.map((m: { text: string }) => m.text)).toEqual(['h3', 'h4', 'h5']);
    expect(older.body.hasMore).toBe(false);
  });

  it('gives an empty page for a room nobody posted to', async () => {
    const response = await call(`${server.url}/api/rooms/empty/messages`);
    expect(response.body).toEqual({ room: 'empty', messages: [], hasMore: false });
  });
});
