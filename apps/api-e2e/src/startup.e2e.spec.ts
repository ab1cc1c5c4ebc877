import { runServerToExit } from '@herald/testing';

describe('start-up configuration', () => {
  it('refuses to start on bad values and names every bad key', async () => {
    const { code, output } = await runServerToExit({ PORT: 'http', HISTORY_LIMIT: '-1', LOG_LEVEL: 'chatty' });
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration');
    for (const key of ['PORT', 'HISTORY_LIMIT', 'LOG_LEVEL']) expect(output).toContain(key);
  });
});
