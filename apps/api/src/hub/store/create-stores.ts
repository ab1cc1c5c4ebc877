import type { AppConfig } from '../../config/app-config';
import { createMemoryStores } from './memory/memory-stores';
import { createRedisStores } from './redis/redis-stores';
import { createSqliteStores } from './sqlite/sqlite-stores';
import type { StoreLimits } from './store-limits';
import type { Stores } from './stores';

/**
 * The one place that picks the stores, from the HERALD_STORE setting (`sqlite:<file>`, `memory:` or `redis://…`). A new
 * kind of store is one more case here and one more folder beside sqlite/, memory/ and redis/.
 */
export function createStores(config: AppConfig, onStoreError: (err: Error) => void = () => undefined): Stores {
  const { historyLimit, historyMaxAgeMs, maxRooms } = config;
  const limits: StoreLimits = {
    historyLimit,
    historyMaxAgeMs,
    maxRooms,
    alwaysOpen: new Set(config.alwaysOpenRooms),
    idempotencyWindowMs: config.idempotencyWindowMs,
  };
  switch (config.store.kind) {
    case 'sqlite':
      return createSqliteStores(config.store.file, config.storeSync, limits);
    case 'memory':
      return createMemoryStores(limits);
    case 'redis':
      return createRedisStores({
        url: config.store.url,
        prefix: config.redisPrefix,
        ...limits,
        presenceTtlMs: config.presenceTtlMs,
        commandTimeoutMs: config.redisCommandTimeoutMs,
        onError: onStoreError,
      });
  }
}
