import Redis from 'ioredis';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Redis the tests share (each test uses its own key prefix). */
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Resolves true when a Redis answers PING at `url`. */
export function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Whether the Redis tests can run, decided before Jest collects them (hence synchronous): without a Redis
 * they are skipped with a message saying how to start one, except under CI=true, where a missing Redis is
 * a failure, not a reason to pass.
 */
export function redisAvailable(): boolean {
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(__filename.replace(/\.ts$/, '.probe.js'))})`], {
    env: { ...process.env, PROBE_REDIS_URL: TEST_REDIS_URL },
    timeout: 5000,
  });
  if (probe.status === 0) return true;
  const message =
    `no Redis answers at ${TEST_REDIS_URL}: start one with redis-server --daemonize yes --bind ` +
    `127.0.0.1 --port 6379 --save "" --appendonly no`;
  if (process.env['CI'] === 'true') throw new Error(message);
  console.warn(`Skipping Redis tests: ${message}`);
  return false;
}

/** Removes a test's keys from the shared Redis. */
export async function deleteKeysWithPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** A key prefix of its own for one test file, so tests never see each other's rooms. */
export function uniquePrefix(name: string): string {
  return `herald-test:${name}:${process.pid}-${Date.now()}:`;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A private redis-server for tests that stop and restart it; it keeps its data (append-only file) across restarts. */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'herald-redis-'));

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Whether `redis-server` is on the PATH. */
  static installed(): boolean {
    return spawnSync('redis-server', ['--version']).status === 0;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.restart();
    return redis;
  }

  /** Starts the server again on the same port, with the data it had. */
  async restart(): Promise<void> {
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100 && !(await pingRedis(this.url, 200)); i++) await new Promise((r) => setTimeout(r, 50));
  }

  /** Stops the server's process (SIGSTOP): connections stay open and nothing answers, as in a stall. */
  freeze(): void {
    this.process?.kill('SIGSTOP');
  }

  /** Lets a frozen server go on (SIGCONT) with what it was sent meanwhile. */
  thaw(): void {
    this.process?.kill('SIGCONT');
  }

  /** Kills the server at once, as a crash or a network cut would. */
  stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
