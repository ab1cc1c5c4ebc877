import { RunningServer, TEST_REDIS_URL, deleteKeysWithPrefix, redisAvailable, startServer, uniquePrefix } from '@herald/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A deployment under test: `a` and `b` are two instances of it (the same one but for Redis). */
export interface Deployment {
  a: RunningServer;
  b: RunningServer;
  /** Redis only: the key prefix its instances share. */
  redisPrefix?: string;
  /** SQLite only: stops the server and starts it again on the same file. */
  restart?(): Promise<Deployment>;
  close(): Promise<void>;
}

/** One store, and how to start a deployment on it with `env`. */
export interface StoreCase {
  name: string;
  kind: 'memory' | 'sqlite' | 'redis';
  start(env: Record<string, string>): Promise<Deployment>;
}

const memoryCase: StoreCase = {
  name: 'memory',
  kind: 'memory',
  async start(env) {
    const server = await startServer({ ...env, HERALD_STORE: 'memory:' });
    return { a: server, b: server, close: () => server.stop() };
  },
};

const sqliteCase: StoreCase = {
  name: 'SQLite',
  kind: 'sqlite',
  async start(env) {
    const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
    const withFile = { ...env, HERALD_STORE: `sqlite:${join(dir, 'herald.db')}` };
    const open = async (): Promise<Deployment> => {
      const server = await startServer(withFile);
      return {
        a: server,
        b: server,
        restart: async () => {
          await server.stop();
          return open();
        },
        close: async () => {
          await server.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    };
    return open();
  },
};

const redisCase: StoreCase = {
  name: 'Redis (two instances)',
  kind: 'redis',
  async start(env) {
    const prefix = uniquePrefix('stores');
    const shared = { ...env, HERALD_STORE: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    const [a, b] = await Promise.all([startServer(shared), startServer(shared)]);
    return {
      a,
      b,
      redisPrefix: prefix,
      close: async () => {
        await Promise.all([a.stop(), b.stop()]);
        await deleteKeysWithPrefix(prefix);
      },
    };
  },
};

/**
 * Every store a behaviour must hold in: memory, SQLite, and Redis with two instances. Redis is needed for its
 * case: skipped with a message where it is missing, failing under CI=true.
 */
export function storeCases(): StoreCase[] {
  return [memoryCase, sqliteCase, ...(redisAvailable() ? [redisCase] : [])];
}
