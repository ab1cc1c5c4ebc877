import { DEFAULT_ROOM, isRoomName } from '@herald/contracts';
import { createPublicKey } from 'node:crypto';
import { parseServiceKeys } from './service-keys';
import { AppConfig, LOG_FORMATS, LOG_LEVELS, LogFormat, LogLevel, StoreLocation, StoreSync } from './app-config';

/** Thrown when the environment holds bad values; names every bad key at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the environment once; throws a {@link ConfigError} listing every bad key.
 * `terminal` says whether stdout is a terminal, where LOG_FORMAT=auto (the default) logs for a person.
 */
export function loadConfig(env: Env = process.env, terminal = process.stdout.isTTY === true): AppConfig {
  const problems: string[] = [];
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const text = (key: string, fallback: string) => env[key]?.trim() || fallback;

  const store = storeLocation(text('HERALD_STORE', ''), text('REDIS_URL', ''), problems);
  const storeSync = text('SQLITE_SYNC', 'full');
  if (storeSync !== 'full' && storeSync !== 'normal') problems.push(`SQLITE_SYNC must be full or normal (got "${storeSync}")`);
  const list = (key: string) =>
    (env[key] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const authJwtSecret = env['AUTH_JWT_SECRET'] ?? '';
  // Environment variables often carry a PEM's line breaks as "\n".
  const authJwtPublicKey = (env['AUTH_JWT_PUBLIC_KEY'] ?? '').replace(/\\n/g, '\n').trim();
  const authJwksUrl = text('AUTH_JWKS_URL', '');
  if ([authJwtSecret, authJwtPublicKey, authJwksUrl].filter((key) => key !== '').length > 1) {
    problems.push('AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY and AUTH_JWKS_URL exclude each other: set one');
  }
  if (authJwksUrl && !/^https?:\/\/\S+$/.test(authJwksUrl)) problems.push('AUTH_JWKS_URL must be an https:// (or http://) URL');
  if (authJwtSecret && authJwtSecret.length < 32) problems.push('AUTH_JWT_SECRET must be at least 32 characters');
  if (authJwtPublicKey) {
    try {
      const key = createPublicKey(authJwtPublicKey);
      const rsa = key.asymmetricKeyType === 'rsa';
      if (!rsa && key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('unsupported key');
      if (rsa && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
        problems.push('AUTH_JWT_PUBLIC_KEY is an RSA key shorter than 2048 bits: use a longer one');
      }
    } catch {
      problems.push('AUTH_JWT_PUBLIC_KEY must be a PEM public key: RSA (RS256, PS256) or P-256 EC (ES256)');
    }
  }
  const roomList = (key: string) => {
    const rooms = list(key);
    for (const room of rooms.filter((room) => !isRoomName(room))) {
      problems.push(`${key} holds "${room}", which is not a room name (a-z, 0-9 and "-", 1 to 32)`);
    }
    return rooms;
  };
  const privateRooms = roomList('PRIVATE_ROOMS');
  const rooms = roomList('ROOMS');
  for (const room of rooms.filter((room) => privateRooms.includes(room))) {
    problems.push(`"${room}" is in ROOMS and in PRIVATE_ROOMS: a room is public or private, name it in one of them`);
  }
  const corsOrigins = list('CORS_ORIGINS');
  for (const origin of corsOrigins.filter((origin) => origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin))) {
    problems.push(`CORS_ORIGINS holds "${origin}"; give origins as scheme://host[:port], comma-separated, or *`);
  }
  const guestSessionSecret = env['GUEST_SESSION_SECRET'] ?? '';
  // Counted in bytes: that is what HS256 keys on.
  if (guestSessionSecret && Buffer.byteLength(guestSessionSecret) < 32) problems.push('GUEST_SESSION_SECRET must be at least 32 bytes');
  const metricsToken = env['METRICS_TOKEN']?.trim() ?? '';
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  const logLevel = text('LOG_LEVEL', 'log');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const logFormat = text('LOG_FORMAT', 'auto');
  if (logFormat !== 'auto' && !(LOG_FORMATS as readonly string[]).includes(logFormat)) {
    problems.push(`LOG_FORMAT must be auto, json or pretty (got "${logFormat}")`);
  }

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: text('HOST', '0.0.0.0'),
    heartbeatIntervalMs: int('HEARTBEAT_INTERVAL_MS', 15_000, 10, 3_600_000),
    sseRetryMs: int('SSE_RETRY_MS', 3_000, 0, 3_600_000),
    historyLimit: int('HISTORY_LIMIT', 1_000, 1, 1_000_000),
    historyMaxAgeMs: int('HISTORY_MAX_AGE_MS', 0, 0, 31_536_000_000),
    store,
    storeSync: storeSync as StoreSync,
    redisPrefix: text('REDIS_PREFIX', 'herald:'),
    presenceTtlMs: int('PRESENCE_TTL_MS', 15_000, 300, 3_600_000),
    redisCommandTimeoutMs: int('REDIS_COMMAND_TIMEOUT_MS', 2_000, 50, 60_000),
    maxRooms: int('MAX_ROOMS', 1_000, 1, 1_000_000),
    rooms,
    alwaysOpenRooms: [...new Set([DEFAULT_ROOM, ...rooms, ...privateRooms])],
    roomSweepIntervalMs: int('ROOM_SWEEP_INTERVAL_MS', 60_000, 100, 86_400_000),
    rateLimitNewRooms: int('RATE_LIMIT_NEW_ROOMS', 10, 0, 1_000_000),
    rateLimitNewRoomsWindowMs: int('RATE_LIMIT_NEW_ROOMS_WINDOW_MS', 3_600_000, 1_000, 86_400_000),
    maxPendingBytes: int('MAX_PENDING_BYTES', 1_048_576, 1_024, 1_073_741_824),
    authJwtSecret,
    authJwtPublicKey,
    authJwksUrl,
    authJwtClockToleranceS: int('AUTH_JWT_CLOCK_TOLERANCE_S', 30, 0, 600),
    authJwtMaxLifetimeS: int('AUTH_JWT_MAX_LIFETIME_S', 86_400, 60, 31_536_000),
    apiKeys: parseServiceKeys(env['API_KEYS'] ?? '', problems),
    authJwtRolesClaim: text('AUTH_JWT_ROLES_CLAIM', 'roles') || 'roles',
    authJwtAudience: text('AUTH_JWT_AUDIENCE', ''),
    authJwtIssuer: text('AUTH_JWT_ISSUER', ''),
    streamTicketTtlMs: int('STREAM_TICKET_TTL_MS', 30_000, 100, 300_000),
    guestSessionSecret,
    guestSessionTtlS: int('GUEST_SESSION_TTL_S', 3_600, 1, 86_400),
    guestSessionMaxAgeS: int('GUEST_SESSION_MAX_AGE_S', 2_592_000, 1, 31_536_000),
    privateRooms,
    rateLimitPosts: int('RATE_LIMIT_POSTS', 30, 0, 1_000_000),
    rateLimitWindowMs: int('RATE_LIMIT_WINDOW_MS', 10_000, 100, 3_600_000),
    maxConnections: int('MAX_CONNECTIONS', 20_000, 0, 10_000_000),
    maxConnectionsPerIp: int('MAX_CONNECTIONS_PER_IP', 100, 0, 10_000_000),
    corsOrigins,
    trustProxy: text('TRUST_PROXY', ''),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    metricsToken,
    idempotencyWindowMs: int('IDEMPOTENCY_WINDOW_MS', 3_600_000, 1_000, 604_800_000),
    messageDeleteWindowS: int('MESSAGE_DELETE_WINDOW_S', 900, 0, 31_536_000),
    messageEditWindowS: int('MESSAGE_EDIT_WINDOW_S', 900, 0, 31_536_000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 10_000, 500, 300_000),
    maxRequestsPerIp: int('MAX_REQUESTS_PER_IP', 32, 0, 1_000_000),
    logLevel: logLevel as LogLevel,
    logFormat:
      logFormat === 'auto' || !(LOG_FORMATS as readonly string[]).includes(logFormat)
        ? terminal
          ? 'pretty'
          : 'json'
        : (logFormat as LogFormat),
    webRoot: env['WEB_ROOT'] === undefined ? 'dist/apps/web/browser' : env['WEB_ROOT'].trim(),
  };
  if (config.guestSessionMaxAgeS < config.guestSessionTtlS) {
    problems.push('GUEST_SESSION_MAX_AGE_S must be at least GUEST_SESSION_TTL_S: a session would end before its first token');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The embedded default: one SQLite file under ./data, next to where the server starts. */
export const DEFAULT_STORE = 'sqlite:./data/herald.db';

/**
 * HERALD_STORE: `sqlite:<file>` (the default, `sqlite:./data/herald.db`), `memory:`, or a `redis://` /
 * `rediss://` URL; REDIS_URL alone still selects Redis, as it did before HERALD_STORE. A URL is never
 * echoed: it may carry a password.
 */
function storeLocation(setting: string, redisUrl: string, problems: string[]): StoreLocation {
  const isRedisUrl = (url: string) => /^rediss?:\/\/\S+$/.test(url);
  if (redisUrl !== '' && !isRedisUrl(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  const location: StoreLocation | null =
    setting === ''
      ? redisUrl !== '' && isRedisUrl(redisUrl)
        ? { kind: 'redis', url: redisUrl }
        : parseStore(DEFAULT_STORE)
      : parseStore(setting);
  if (location === null) {
    problems.push('HERALD_STORE must be sqlite:<file>, memory: or a redis:// or rediss:// URL');
    return { kind: 'memory' };
  }
  if (setting !== '' && redisUrl !== '' && !(location.kind === 'redis' && location.url === redisUrl)) {
    problems.push('HERALD_STORE and REDIS_URL name different stores: set HERALD_STORE alone');
  }
  return location;
}

function parseStore(setting: string): StoreLocation | null {
  if (setting === 'memory:') return { kind: 'memory' };
  if (/^rediss?:\/\/\S+$/.test(setting)) return { kind: 'redis', url: setting };
  const file = /^sqlite:(.+)$/.exec(setting)?.[1]?.trim();
  return file ? { kind: 'sqlite', file } : null;
}
