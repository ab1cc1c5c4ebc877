import { RunningServer, startServer } from '@herald/testing';
import { call } from './support/http';

describe('the web app on the same port', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ WEB_ROOT: 'dist/apps/web/browser' });
  });
  afterAll(() => server.stop());

  it('serves the Angular app at /', async () => {
    const { status, headers, body } = await call(`${server.url}/`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(body).toContain('<herald-root');
  });

  it('answers a client-side route with the app, so links into it work', async () => {
    const { status, body } = await call(`${server.url}/r/lobby`);
    expect(status).toBe(200);
    expect(body).toContain('<herald-root');
  });

  it('keeps /api to the API: an unknown API path is a JSON 404, not the app', async () => {
    const { status, body } = await call(`${server.url}/api/no-such-thing`);
    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });
});
