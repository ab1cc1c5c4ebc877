import { RunningServer, startServer } from '@herald/testing';
import { scrape } from './support/metrics';

describe('runtime', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  it('runs the server on Node.js 22.13 or newer (the pinned 24 when started through npm)', async () => {
    // Operators see the same figure: Node's process metrics name the runtime.
    const metrics = await scrape(server.url);
    const match = /^nodejs_version_info\{version="v(\d+)\.(\d+)\.(\d+)"/m.exec(metrics);
    expect(match).not.toBeNull();
    // 22.13 reads 22013: major and minor as one comparable number.
    expect(Number(match![1]) * 1000 + Number(match![2])).toBeGreaterThanOrEqual(22_013);
  });
});
