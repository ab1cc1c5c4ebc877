import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const WORKSPACE = resolve(__dirname, '../../..');
export const SERVER_MAIN = resolve(WORKSPACE, 'dist/apps/api/main.js');
/** The METRICS_TOKEN of every server the tests start, unless a test sets its own. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';
/** The header that reads `/metrics` of a server the tests started. */
export const METRICS_AUTHORIZATION = { authorization: `Bearer ${TEST_METRICS_TOKEN}` };

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, no clean-up. */
  kill(): Promise<void>;
  /** Sends `signal` without waiting; see {@link exited}. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves once the process has exited, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

/**
 * Starts the built server as a separate process on a free port (PORT=0) and resolves once it listens.
 * `env` is added to a clean environment, so each test states the configuration it depends on.
 */
export function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  // Limits off unless a test sets them: tests post and connect from one address far faster than people do.
  const child = spawnServer({
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_POSTS: '0',
    RATE_LIMIT_NEW_ROOMS: '0',
    MAX_CONNECTIONS: '0',
    MAX_CONNECTIONS_PER_IP: '0',
    MAX_REQUESTS_PER_IP: '0',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...env,
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolveStart, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /Herald listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        resolveStart({
          url: match[1],
          output: () => output,
          stop: () => stop(child),
          kill: () => stop(child, 'SIGKILL'),
          signal: (signal) => void child.kill(signal),
          exited,
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with code ${code} before listening:\n${output}`)));
  });
}

/** Runs the server with `env` and resolves with its exit code and output, for start-up failures. */
export function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawnServer(env);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

/** The built server in a clean environment: loopback only, no web app unless `env` names one. */
function spawnServer(env: Record<string, string>): ChildProcess {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: build the API first (npx nx run api:build)`);
  return spawn(process.execPath, [SERVER_MAIN], {
    cwd: WORKSPACE,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', WEB_ROOT: '', ...memoryUnlessNamed(env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** In memory unless a test names a store: tests run side by side, and one SQLite file admits one process. */
function memoryUnlessNamed(env: Record<string, string>): Record<string, string> {
  return env['HERALD_STORE'] || env['REDIS_URL'] ? {} : { HERALD_STORE: 'memory:' };
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
