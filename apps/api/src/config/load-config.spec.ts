import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      heartbeatIntervalMs: 15000,
      sseRetryMs: 3000,
      historyLimit: 1000,
      historyMaxAgeMs: 0,
      redisUrl: '',
      redisPrefix: 'herald:',
      presenceTtlMs: 15000,
      maxRooms: 1000,
      maxPendingBytes: 1048576,
      logLevel: 'log',
      webRoot: 'dist/apps/web/browser',
    });
  });

  it('reads every key it documents', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      HEARTBEAT_INTERVAL_MS: '500',
      SSE_RETRY_MS: '1000',
      HISTORY_LIMIT: '10',
      HISTORY_MAX_AGE_MS: '86400000',
      REDIS_URL: 'redis://127.0.0.1:6380/2',
      REDIS_PREFIX: 'team-a:',
      PRESENCE_TTL_MS: '3000',
      MAX_ROOMS: '5',
      MAX_PENDING_BYTES: '65536',
      LOG_LEVEL: 'warn',
      WEB_ROOT: '',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      heartbeatIntervalMs: 500,
      sseRetryMs: 1000,
      historyLimit: 10,
      historyMaxAgeMs: 86400000,
      redisUrl: 'redis://127.0.0.1:6380/2',
      redisPrefix: 'team-a:',
      presenceTtlMs: 3000,
      maxRooms: 5,
      maxPendingBytes: 65536,
      logLevel: 'warn',
      webRoot: '',
    });
  });

  it('refuses to start with every bad key named at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', HISTORY_LIMIT: '0', LOG_LEVEL: 'loud', HEARTBEAT_INTERVAL_MS: '1.5', REDIS_URL: 'localhost:6379' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const key of ['PORT', 'HISTORY_LIMIT', 'LOG_LEVEL', 'HEARTBEAT_INTERVAL_MS', 'REDIS_URL']) {
      expect(message).toContain(key);
    }
    expect((error as ConfigError).problems).toHaveLength(5);
  });
});
