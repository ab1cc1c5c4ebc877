'use strict';
/**
 * The servers the bench can drive. Each target is
 *   { name, description, prepare?(ctx): Promise<void>, start(ctx): Promise<{ urls, pids, stop() }> }
 * - urls: base URLs (`http://host:port`); the generator splits its subscribers across them and posts to
 *   them round-robin (a scaled-out target such as a future `herald-redis` returns one per instance);
 * - pids: the processes whose CPU and RSS are the server's cost (summed);
 * - stop(): ends every process the target started.
 * ctx: { root, cpu (the server core, e.g. '0'), fds (fd limit for the children), env (extra env from --env, for
 * every server), scenarioEnv (the scenario's `env`: Herald settings, applied by the Herald targets only, over
 * HERALD_ENV; --env still wins), log, nodeArgs? (flags before the script, e.g. the profiler's preload), wrapper?
 * (a command node runs under, e.g. callgrind), startTimeoutMs? (default 60 s) }.
 */
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { spawnNode, pinProcess, hasTaskset } = require('./proc');

/**
 * Herald's environment for the bench: no web app, quiet logs, no heartbeat noise, bounds out of the way.
 * A scenario may override some for the Herald targets (`env` in src/scenarios.js): S puts MAX_PENDING_BYTES
 * back to the product default.
 */
const HERALD_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  WEB_ROOT: '',
  LOG_LEVEL: 'warn',
  HEARTBEAT_INTERVAL_MS: '600000',
  HISTORY_LIMIT: '1000',
  MAX_PENDING_BYTES: '67108864',
};

/**
 * Limits that would stop the bench's own load (all clients come from 127.0.0.1 and one author posts in
 * bursts): each set to '0' (= off). Add new ones here as Herald gets them; `--env KEY=VALUE` adds more for
 * one run. Features the bench does not exercise are switched off explicitly, whatever the caller's shell holds.
 */
const HERALD_LIMITS_OFF = {
  RATE_LIMIT_POSTS: '0',
  RATE_LIMIT_NEW_ROOMS: '0',
  MAX_REQUESTS_PER_IP: '0',
  MAX_CONNECTIONS: '0',
  MAX_CONNECTIONS_PER_IP: '0',
  HERALD_STORE: 'memory:',
  REDIS_URL: '',
  AUTH_JWT_SECRET: '',
  AUTH_JWT_PUBLIC_KEY: '',
  PRIVATE_ROOMS: '',
  HISTORY_MAX_AGE_MS: '0',
};

/** The baselines keep as much history per room as Herald does in the bench (HERALD_ENV.HISTORY_LIMIT), for the storm's replay. */
const BASELINE_ENV = { PORT: '0', HOST: '127.0.0.1', HEARTBEAT_INTERVAL_MS: '600000', HISTORY_LIMIT: HERALD_ENV.HISTORY_LIMIT };

const HERALD_MAIN = 'dist/apps/api/main.js';
/**
 * The bench runs its own build of the API, compiled into a private folder, so that other people rebuilding
 * dist/ during a run (or a half-written dist/) cannot change what is measured halfway through. Node finds
 * the workspace's node_modules through NODE_PATH.
 */
const SNAPSHOT = path.join(os.tmpdir(), `herald-bench-api-${process.pid}`);
let heraldMain = null;

/**
 * Starts one node server process and waits for its `listening on http://...` line; it boots on every core and is
 * pinned to the server core (all its threads) once it listens.
 */
function startNodeServer(script, env, ctx, label) {
  return new Promise((resolve, reject) => {
    const child = spawnNode([...(ctx.nodeArgs || []), script], {
      wrapper: ctx.wrapper,
      fds: ctx.fds,
      cwd: ctx.root,
      env: { ...process.env, ...env, ...ctx.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let settled = false;
    const startMs = ctx.startTimeoutMs || 60000;
    const timer = setTimeout(() => finish(new Error(`${label} did not start within ${startMs / 1000} s\n${out}${err}`)), startMs);
    const finish = (error, url) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
        return;
      }
      if (hasTaskset() && !pinProcess(child.pid, ctx.cpu)) {
        child.kill('SIGKILL');
        reject(new Error(`${label}: could not pin pid ${child.pid} to core ${ctx.cpu}`));
        return;
      }
      resolve({ url, pid: child.pid, stop: () => stopChild(child) });
    };
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s/]+)/i.exec(out);
      if (m) finish(null, m[1]);
      if (out.length > 65536) out = out.slice(-8192);
    });
    child.stderr.on('data', (d) => {
      err += d;
      if (err.length > 65536) err = err.slice(-8192);
      if (settled && ctx.log) ctx.log(`[${label} stderr] ${String(d).trimEnd()}`);
    });
    child.on('exit', (code, signal) => {
      child.exited = true;
      if (!settled) finish(new Error(`${label} exited (${signal || code}) before listening:\n${out}${err}`));
    });
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exited || child.exitCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function single(script, env, label) {
  return async (ctx) => {
    const s = await startNodeServer(script, env, ctx, label);
    return { urls: [s.url], pids: [s.pid], stop: s.stop };
  };
}

const BASELINE_SCRIPT = path.join(__dirname, 'baseline-server.js');

const targets = {
  herald: {
    name: 'herald',
    description:
      'Herald API (NestJS, memory transport), compiled from the working tree at the start of the bench ' +
      '(as `nx run api:build` does) into a private folder',
    async prepare(ctx) {
      if (!ctx.build) {
        heraldMain = path.join(ctx.root, HERALD_MAIN);
        if (!fs.existsSync(heraldMain))
          throw new Error(`${HERALD_MAIN} is missing: run \`npx nx run api:build\` first (or drop --no-build)`);
        return;
      }
      ctx.log(`compiling the API into ${SNAPSHOT} (tsc, then the bundler, as api:build does)`);
      fs.rmSync(SNAPSHOT, { recursive: true, force: true });
      const compiled = path.join(SNAPSHOT, 'tsc');
      const run = (label, file, args) => {
        try {
          execFileSync(file, args, { cwd: ctx.root, encoding: 'utf8', stdio: 'pipe' });
        } catch (e) {
          throw new Error(`${label} failed: the API does not compile right now\n${e.stdout || ''}${e.stderr || ''}`);
        }
      };
      run('tsc', path.join(ctx.root, 'node_modules', '.bin', 'tsc'), ['-p', 'apps/api/tsconfig.app.json', '--outDir', compiled]);
      run('the bundler', process.execPath, ['tools/build/bundle-api.mjs', '--from', compiled, '--to', SNAPSHOT]);
      heraldMain = path.join(SNAPSHOT, 'main.js');
      process.once('exit', () => fs.rmSync(SNAPSHOT, { recursive: true, force: true }));
    },
    start: (ctx) => {
      const env = { ...HERALD_ENV, ...HERALD_LIMITS_OFF, ...ctx.scenarioEnv, NODE_PATH: path.join(ctx.root, 'node_modules') };
      return single(heraldMain || path.join(ctx.root, HERALD_MAIN), env, 'herald')(ctx);
    },
  },
  'herald-sqlite': {
    name: 'herald-sqlite',
    description:
      'Herald with its embedded default store, SQLite (HERALD_STORE=sqlite:, SQLITE_SYNC=full), a fresh database ' +
      'file in the temporary folder for each start: every 202 is committed to disk',
    async prepare(ctx) {
      if (!heraldMain) await targets.herald.prepare(ctx);
    },
    async start(ctx) {
      const file = path.join(os.tmpdir(), `herald-bench-${process.pid}-${Date.now()}.db`);
      const env = {
        ...HERALD_ENV,
        ...HERALD_LIMITS_OFF,
        ...ctx.scenarioEnv,
        HERALD_STORE: `sqlite:${file}`,
        SQLITE_SYNC: 'full',
        NODE_PATH: path.join(ctx.root, 'node_modules'),
      };
      const server = await single(heraldMain || path.join(ctx.root, HERALD_MAIN), env, 'herald-sqlite')(ctx);
      return {
        ...server,
        stop: async () => {
          await server.stop();
          for (const suffix of ['', '-wal', '-shm', '-lock', '-lock-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
        },
      };
    },
  },
  'herald-redis': {
    name: 'herald-redis',
    description:
      'two Herald instances sharing Redis (HERALD_STORE, default redis://127.0.0.1:6379; each start uses a fresh ' +
      "key prefix), clients split across them, posts round-robin; CPU and RSS are the two instances' (the " +
      "Redis server's own CPU is not counted)",
    async prepare(ctx) {
      if (!heraldMain) await targets.herald.prepare(ctx);
    },
    async start(ctx) {
      const url = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
      const prefix = `herald-bench:${process.pid}-${Date.now()}:`;
      const env = {
        ...HERALD_ENV,
        ...HERALD_LIMITS_OFF,
        ...ctx.scenarioEnv,
        // Both names of the setting, so the bench also runs builds from before HERALD_STORE.
        HERALD_STORE: url,
        REDIS_URL: url,
        REDIS_PREFIX: prefix,
        NODE_PATH: path.join(ctx.root, 'node_modules'),
      };
      const script = heraldMain || path.join(ctx.root, HERALD_MAIN);
      const instances = await Promise.all([1, 2].map((n) => startNodeServer(script, env, ctx, `herald-redis-${n}`)));
      return {
        urls: instances.map((i) => i.url),
        pids: instances.map((i) => i.pid),
        stop: async () => {
          await Promise.all(instances.map((i) => i.stop()));
          await deleteKeys(ctx.root, url, prefix);
        },
      };
    },
  },
  baseline: {
    name: 'baseline',
    description:
      "raw node:http, frame built once, one write per event per client; Herald's post checks, 1,000 messages of history per " +
      'room and the `Last-Event-ID` replay',
    start: single(BASELINE_SCRIPT, { ...BASELINE_ENV, BASELINE_MODE: 'plain' }, 'baseline'),
  },
  'baseline-coalesce': {
    name: 'baseline-coalesce',
    description:
      'raw node:http as `baseline`, but the frames of one event-loop turn are concatenated once and written once per client per turn',
    start: single(BASELINE_SCRIPT, { ...BASELINE_ENV, BASELINE_MODE: 'coalesce' }, 'baseline-coalesce'),
  },
};

/** Removes a run's keys from the shared Redis (the workspace's ioredis, found in its node_modules). */
async function deleteKeys(root, url, prefix) {
  const Redis = require(path.join(root, 'node_modules', 'ioredis'));
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

module.exports = { targets, startNodeServer, stopChild, HERALD_ENV, HERALD_LIMITS_OFF };
