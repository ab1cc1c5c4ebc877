import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    expect(loadConfig({}, false)).toEqual({
      port: 3000,
      host: '0.0.0.0',
      heartbeatIntervalMs: 15000,
      sseRetryMs: 3000,
      historyLimit: 1000,
      historyMaxAgeMs: 0,
      store: { kind: 'sqlite', file: './data/herald.db' },
      storeSync: 'full',
      redisPrefix: 'herald:',
      presenceTtlMs: 15000,
      redisCommandTimeoutMs: 2000,
      maxRooms: 1000,
      rooms: [],
      alwaysOpenRooms: ['lobby'],
      roomSweepIntervalMs: 60000,
      rateLimitNewRooms: 10,
      rateLimitNewRoomsWindowMs: 3600000,
      maxPendingBytes: 1048576,
      authJwtSecret: '',
      authJwtPublicKey: '',
      authJwksUrl: '',
      authJwtClockToleranceS: 30,
      authJwtMaxLifetimeS: 86400,
      apiKeys: [],
      authJwtRolesClaim: 'roles',
      authJwtAudience: '',
      authJwtIssuer: '',
      streamTicketTtlMs: 30000,
      guestSessionSecret: '',
      guestSessionTtlS: 3600,
      guestSessionMaxAgeS: 2592000,
      privateRooms: [],
      rateLimitPosts: 30,
      rateLimitWindowMs: 10000,
      maxConnections: 20000,
      maxConnectionsPerIp: 100,
      corsOrigins: [],
      trustProxy: '',
      shutdownTimeoutMs: 10000,
      idempotencyWindowMs: 3600000,
      messageDeleteWindowS: 900,
      messageEditWindowS: 900,
      metricsToken: '',
      requestTimeoutMs: 10000,
      maxRequestsPerIp: 32,
      logLevel: 'log',
      logFormat: 'json',
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
      REDIS_COMMAND_TIMEOUT_MS: '500',
      MAX_ROOMS: '5',
      ROOMS: 'general, help',
      ROOM_SWEEP_INTERVAL_MS: '5000',
      RATE_LIMIT_NEW_ROOMS: '3',
      RATE_LIMIT_NEW_ROOMS_WINDOW_MS: '600000',
      MAX_PENDING_BYTES: '65536',
      AUTH_JWT_SECRET: 'x'.repeat(32),
      API_KEYS: JSON.stringify([{ name: 'deploy-bot', sha256: 'A'.repeat(64), rooms: ['alerts'] }]),
      AUTH_JWT_AUDIENCE: 'herald',
      AUTH_JWT_ISSUER: 'https://id.example',
      AUTH_JWT_CLOCK_TOLERANCE_S: '10',
      AUTH_JWT_MAX_LIFETIME_S: '3600',
      STREAM_TICKET_TTL_MS: '5000',
      GUEST_SESSION_SECRET: 'g'.repeat(32),
      GUEST_SESSION_TTL_S: '600',
      GUEST_SESSION_MAX_AGE_S: '86400',
      PRIVATE_ROOMS: 'board, ops-team',
      RATE_LIMIT_POSTS: '0',
      RATE_LIMIT_WINDOW_MS: '60000',
      MAX_CONNECTIONS: '0',
      MAX_CONNECTIONS_PER_IP: '5',
      CORS_ORIGINS: 'https://app.example, http://localhost:4200',
      TRUST_PROXY: 'loopback',
      SHUTDOWN_TIMEOUT_MS: '2500',
      METRICS_TOKEN: 'scrape-me-0123456789',
      IDEMPOTENCY_WINDOW_MS: '60000',
      MESSAGE_DELETE_WINDOW_S: '0',
      MESSAGE_EDIT_WINDOW_S: '60',
      REQUEST_TIMEOUT_MS: '5000',
      MAX_REQUESTS_PER_IP: '8',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'pretty',
      SQLITE_SYNC: 'normal',
      WEB_ROOT: '',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      heartbeatIntervalMs: 500,
      sseRetryMs: 1000,
      historyLimit: 10,
      historyMaxAgeMs: 86400000,
      store: { kind: 'redis', url: 'redis://127.0.0.1:6380/2' },
      storeSync: 'normal',
      redisPrefix: 'team-a:',
      presenceTtlMs: 3000,
      redisCommandTimeoutMs: 500,
      maxRooms: 5,
      rooms: ['general', 'help'],
      alwaysOpenRooms: ['lobby', 'general', 'help', 'board', 'ops-team'],
      roomSweepIntervalMs: 5000,
      rateLimitNewRooms: 3,
      rateLimitNewRoomsWindowMs: 600000,
      maxPendingBytes: 65536,
      authJwtSecret: 'x'.repeat(32),
      authJwtPublicKey: '',
      authJwksUrl: '',
      authJwtClockToleranceS: 10,
      authJwtMaxLifetimeS: 3600,
      apiKeys: [{ name: 'deploy-bot', sha256: 'a'.repeat(64), rooms: ['alerts'], as: 'bot', roles: [] }],
      authJwtRolesClaim: 'roles',
      authJwtAudience: 'herald',
      authJwtIssuer: 'https://id.example',
      streamTicketTtlMs: 5000,
      guestSessionSecret: 'g'.repeat(32),
      guestSessionTtlS: 600,
      guestSessionMaxAgeS: 86400,
      privateRooms: ['board', 'ops-team'],
      rateLimitPosts: 0,
      rateLimitWindowMs: 60000,
      maxConnections: 0,
      maxConnectionsPerIp: 5,
      corsOrigins: ['https://app.example', 'http://localhost:4200'],
      trustProxy: 'loopback',
      shutdownTimeoutMs: 2500,
      idempotencyWindowMs: 60000,
      messageDeleteWindowS: 0,
      messageEditWindowS: 60,
      metricsToken: 'scrape-me-0123456789',
      requestTimeoutMs: 5000,
      maxRequestsPerIp: 8,
      logLevel: 'warn',
      logFormat: 'pretty',
      webRoot: '',
    });
  });

  it('takes the store from HERALD_STORE, or from REDIS_URL alone, and refuses two different ones', () => {
    expect(loadConfig({ HERALD_STORE: 'sqlite:/var/lib/herald/chat.db' }).store).toEqual({
      kind: 'sqlite',
      file: '/var/lib/herald/chat.db',
    });
    expect(loadConfig({ HERALD_STORE: 'memory:' }).store).toEqual({ kind: 'memory' });
    expect(loadConfig({ HERALD_STORE: 'rediss://cache:6380/1' }).store).toEqual({ kind: 'redis', url: 'rediss://cache:6380/1' });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' }).store).toEqual({ kind: 'redis', url: 'redis://cache:6379' });
    expect(() => loadConfig({ HERALD_STORE: 'postgres://db' })).toThrow('HERALD_STORE must be sqlite:<file>, memory: or a redis://');
    expect(() => loadConfig({ HERALD_STORE: 'sqlite:' })).toThrow('HERALD_STORE must be sqlite:<file>');
    expect(() => loadConfig({ SQLITE_SYNC: 'off' })).toThrow('SQLITE_SYNC must be full or normal (got "off")');
    expect(() => loadConfig({ HERALD_STORE: 'memory:', REDIS_URL: 'redis://cache:6379' })).toThrow('name different stores');
  });

  it('refuses a configured room that is not a room name, or that is both public and private', () => {
    expect(() => loadConfig({ ROOMS: 'general, My_Room' })).toThrow('ROOMS holds "My_Room", which is not a room name');
    expect(() => loadConfig({ ROOMS: 'board', PRIVATE_ROOMS: 'board' })).toThrow('"board" is in ROOMS and in PRIVATE_ROOMS');
  });

  it('takes one source of token keys, and refuses short RSA keys', () => {
    expect(loadConfig({ AUTH_JWKS_URL: 'https://id.example/.well-known/jwks.json' }).authJwksUrl).toBe(
      'https://id.example/.well-known/jwks.json',
    );
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://id.example/jwks', AUTH_JWT_SECRET: 'x'.repeat(32) })).toThrow('exclude each other');
    expect(() => loadConfig({ AUTH_JWKS_URL: 'file:///etc/keys' })).toThrow('AUTH_JWKS_URL must be an https://');
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => loadConfig({ AUTH_JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() })).toThrow(
      'shorter than 2048 bits',
    );
  });

  it('refuses API_KEYS it could not use, naming the entry and never the key', () => {
    expect(() => loadConfig({ API_KEYS: 'deploy-bot:secret' })).toThrow('API_KEYS must be a JSON array');
    const bad = JSON.stringify([{ name: '', sha256: 'not-hex', rooms: ['Bad Room'], as: 'admin' }]);
    for (const problem of ['entry 1: name must be', 'entry 1: sha256 must be', 'entry 1: rooms must be', 'entry 1: as must be']) {
      expect(() => loadConfig({ API_KEYS: bad })).toThrow(problem);
    }
  });

  it('refuses a guest session key short enough to guess, and sessions that could not be renewed once', () => {
    expect(() => loadConfig({ GUEST_SESSION_SECRET: 'x'.repeat(31) })).toThrow('GUEST_SESSION_SECRET must be at least 32 bytes');
    // Bytes, not characters: 16 two-byte characters are a 32-byte key.
    expect(loadConfig({ GUEST_SESSION_SECRET: '\u00e9'.repeat(16) }).guestSessionSecret).toBe('\u00e9'.repeat(16));
    expect(() => loadConfig({ GUEST_SESSION_TTL_S: '7200', GUEST_SESSION_MAX_AGE_S: '3600' })).toThrow(
      'GUEST_SESSION_MAX_AGE_S must be at least GUEST_SESSION_TTL_S',
    );
    expect(() => loadConfig({ GUEST_SESSION_TTL_S: '0' })).toThrow('GUEST_SESSION_TTL_S must be a whole number from 1 to 86400');
  });

  it('refuses a METRICS_TOKEN short enough to guess', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN must be at least 16 characters');
  });

  it('bounds the Redis command timeout: long enough for a busy Redis, short enough to fail fast', () => {
    expect(loadConfig({ REDIS_COMMAND_TIMEOUT_MS: '50' }).redisCommandTimeoutMs).toBe(50);
    expect(loadConfig({ REDIS_COMMAND_TIMEOUT_MS: '60000' }).redisCommandTimeoutMs).toBe(60000);
    for (const raw of ['49', '60001', '0', '2s']) {
      expect(() => loadConfig({ REDIS_COMMAND_TIMEOUT_MS: raw })).toThrow(
        `REDIS_COMMAND_TIMEOUT_MS must be a whole number from 50 to 60000 (got "${raw}")`,
      );
    }
  });

  it('logs for a person at a terminal and JSON elsewhere unless LOG_FORMAT says', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT must be auto, json or pretty (got "xml")');
  });

  it('names the auth and list settings it cannot use', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow('AUTH_JWT_SECRET must be at least 32 characters');
    expect(() => loadConfig({ AUTH_JWT_PUBLIC_KEY: 'not a key' })).toThrow('AUTH_JWT_PUBLIC_KEY must be a PEM public key');
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWT_PUBLIC_KEY: 'k' })).toThrow('exclude each other');
    expect(() => loadConfig({ PRIVATE_ROOMS: 'Board' })).toThrow('PRIVATE_ROOMS holds "Board"');
    expect(() => loadConfig({ CORS_ORIGINS: 'app.example' })).toThrow('CORS_ORIGINS holds "app.example"');
  });

  it('refuses to start with every bad key named at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        HISTORY_LIMIT: '0',
        LOG_LEVEL: 'loud',
        HEARTBEAT_INTERVAL_MS: '1.5',
        REDIS_URL: 'localhost:6379',
        SHUTDOWN_TIMEOUT_MS: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const key of ['PORT', 'HISTORY_LIMIT', 'LOG_LEVEL', 'HEARTBEAT_INTERVAL_MS', 'REDIS_URL', 'SHUTDOWN_TIMEOUT_MS']) {
      expect(message).toContain(key);
    }
    expect((error as ConfigError).problems).toHaveLength(6);
  });
});
