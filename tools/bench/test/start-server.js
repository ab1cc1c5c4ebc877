'use strict';
/**
 * Starts one of the bench's server scripts (src/<name>.js) on a free port of 127.0.0.1 for a test and resolves
 * once it prints `listening on <url>`; `stop()` kills it.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');

function startServer(name, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', `${name}.js`)], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], pid: child.pid, stop: () => child.kill('SIGKILL') });
    });
    child.on('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
}

module.exports = { startServer };
