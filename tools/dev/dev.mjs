// `npm run dev`: the API rebuilt and restarted on every change, the Angular dev server reloading the page,
// and one address to open. tsc --watch compiles the API, the bundler relinks it, `node --watch` restarts it;
// `ng serve` serves the web app and proxies /api to it. Ctrl-C stops everything and exits 0.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const webPort = process.env.DEV_PORT ?? '4200';
const apiPort = process.env.PORT ?? '3000';
const bin = (name) => join(root, 'node_modules/.bin', name);
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const children = new Set();
let stopping = false;

/** Runs a child in its own process group, so Ctrl-C reaches only this script, which then stops them in order. */
function run(label, command, args, { cwd = root, env = {}, onLine = (line) => console.log(line) } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...(colour ? { FORCE_COLOR: '1' } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', onLine);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${label} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      stop(1);
    }
  });
  return child;
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) process.kill(-child.pid, 'SIGTERM');
  const exit = () => children.size === 0 && process.exit(code);
  for (const child of children) child.once('exit', exit);
  exit();
  setTimeout(() => process.exit(code), 5000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

let apiReady = false;
let webReady = false;
const announce = () => {
  if (apiReady && webReady) console.log(`\n  Herald (development): http://localhost:${webPort}/\n`);
};

// One compile first, so the bundler and the server start from complete output.
rmSync(join(root, 'dist/apps/api'), { recursive: true, force: true });
await new Promise((compiled) => {
  run('tsc', bin('tsc'), ['-p', 'apps/api/tsconfig.app.json', '--watch', '--preserveWatchOutput'], {
    onLine: (line) => {
      if (/Found \d+ errors?\. Watching/.test(line)) compiled();
      if (/error TS\d+/.test(line)) console.log(line);
    },
  });
});
run('bundler', process.execPath, ['tools/build/bundle-api.mjs', '--watch'], {
  onLine: (line) => /error|warning/i.test(line) && console.log(line),
});
while (!existsSync(join(root, 'dist/apps/api/main.js'))) await new Promise((wait) => setTimeout(wait, 100));

run('api', process.execPath, ['--watch', 'dist/apps/api/main.js'], {
  env: { PORT: apiPort, HOST: '127.0.0.1', WEB_ROOT: '', LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json') },
  onLine: (line) => {
    // Its own address is not the one to open: the dev server in front of it is.
    if (/^Herald listening on /.test(line)) {
      if (!apiReady) ((apiReady = true), announce());
      else console.log('API restarted.');
    } else console.log(line);
  },
});
run('ng serve', bin('ng'), ['serve', '--port', webPort, '--host', 'localhost', '--no-open'], {
  cwd: join(root, 'apps/web'),
  env: { NG_CLI_ANALYTICS: 'false', HERALD_API_URL: `http://127.0.0.1:${apiPort}` },
  onLine: (line) => {
    const text = line.replace(/\u001b\[[0-9;]*m/g, '');
    if (/Local:|Network:|press h|Watch mode enabled/.test(text)) {
      if (/Local:/.test(text) && !webReady) ((webReady = true), announce());
      return;
    }
    console.log(line);
  },
});
