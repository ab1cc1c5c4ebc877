import { RunningServer, freePort, startServer } from '@herald/testing';
import { call } from '../support/http';
import { scrape } from '../support/metrics';

describe('health probes', () => {
  const servers: RunningServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.stop())));

  it("answers live and ready with Terminus's result while the message store can be reached", async () => {
    const server = await startServer();
    servers.push(server);
    const live = await call(`${server.url}/api/health/live`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok' });
    const ready = await call(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { messageStore: { status: 'up' } } });
  });

  it("answers ready 503 in the API's error shape, and live 200, while Redis cannot be reached", async () => {
    // Nothing listens on this port: the server starts after its bounded wait for Redis, not ready.
    const server = await startServer({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    servers.push(server);
    const ready = await call(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Not ready: The message store cannot be reached or written (Redis down, or the SQLite writer stopped).',
    });
    expect((await call(`${server.url}/api/health/live`)).status).toBe(200);
    const metrics = await scrape(server.url);
    expect(metrics).toMatch(/^herald_transport_errors_total [1-9]\d*$/m);
  }, 20_000);
});
