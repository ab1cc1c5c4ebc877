import { WORKSPACE } from '@herald/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NonRootUser } from './non-root';

/** The script the Dockerfile runs to assemble what the image ships. */
export const LAYOUT_SCRIPT = 'deploy/production-layout.sh';

/** A production layout in a temporary folder: `app` is the image's WORKDIR, `node` stands in for its Node.js. */
export interface Layout {
  app: string;
  node: string;
  remove(): void;
}

/**
 * Runs deploy/production-layout.sh into a new temporary folder (preferring npm's cache), with a copy of the
 * Node.js the tests run on (24) beside it, and a data folder that belongs to `user` alone, as the image's does.
 */
export async function buildLayout(user: NonRootUser): Promise<Layout> {
  const root = mkdtempSync(join(tmpdir(), 'herald-layout-'));
  chmodSync(root, 0o755);
  const app = join(root, 'app');
  // npm's settings for the scripts that run the tests would steer the nested install: leave them out.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  await run('sh', [resolve(WORKSPACE, LAYOUT_SCRIPT), app], { ...env, npm_config_prefer_offline: 'true' });
  const node = join(root, 'node');
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  const data = join(app, 'data');
  mkdirSync(data, { mode: 0o750 });
  if (process.getuid?.() === 0) chownSync(data, user.uid, user.gid);
  return { app, node, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A program of the layout, started as `user` in `cwd` with `env` alone; `node` in `argv` is the layout's Node.js. */
export function startAs(user: NonRootUser, layout: Layout, argv: string[], env: Record<string, string>): ChildProcess {
  const [command, ...args] = [...user.prefix, ...argv.map((part) => (part === 'node' ? layout.node : part))];
  return spawn(command, args, { cwd: layout.app, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a program of the layout to its end, as `startAs` starts it; resolves with its exit code and output. */
export function runAs(
  user: NonRootUser,
  layout: Layout,
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = startAs(user, layout, argv, env);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: WORKSPACE, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}
