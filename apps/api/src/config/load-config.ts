import { AppConfig, LOG_LEVELS, LogLevel } from './app-config';

/** Thrown when the environment holds bad values; names every bad key at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment once; throws a {@link ConfigError} listing every bad key. */
export function loadConfig(env: Env = process.env): AppConfig {
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

  const redisUrl = text('REDIS_URL', '');
  if (redisUrl !== '' && !/^rediss?:\/\/\S+$/.test(redisUrl)) {
    // Not echoed: the URL may carry a password.
    problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  }
  const logLevel = text('LOG_LEVEL', 'log');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: text('HOST', '0.0.0.0'),
    heartbeatIntervalMs: int('HEARTBEAT_INTERVAL_MS', 15_000, 10, 3_600_000),
    sseRetryMs: int('SSE_RETRY_MS', 3_000, 0, 3_600_000),
    historyLimit: int('HISTORY_LIMIT', 1_000, 1, 1_000_000),
    historyMaxAgeMs: int('HISTORY_MAX_AGE_MS', 0, 0, 31_536_000_000),
    redisUrl,
    redisPrefix: text('REDIS_PREFIX', 'herald:'),
    presenceTtlMs: int('PRESENCE_TTL_MS', 15_000, 300, 3_600_000),
    maxRooms: int('MAX_ROOMS', 1_000, 1, 1_000_000),
    maxPendingBytes: int('MAX_PENDING_BYTES', 1_048_576, 1_024, 1_073_741_824),
    logLevel: logLevel as LogLevel,
    webRoot: env['WEB_ROOT'] === undefined ? 'dist/apps/web/browser' : env['WEB_ROOT'].trim(),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
