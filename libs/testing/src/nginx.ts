import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX = '/usr/sbin/nginx';

/**
 * Whether the load-balancer tests can run: Debian's nginx must be installed. Skipped with a message
 * saying how to install it, except under CI=true, where a missing nginx is a failure.
 */
export function nginxAvailable(): boolean {
  if (spawnSync(NGINX, ['-v']).status === 0) return true;
  const message = `${NGINX} not found: install Debian's nginx (apt-get install nginx-light) to run the load-balancer tests.`;
  if (process.env['CI'] === 'true') throw new Error(message);
  console.warn(`Skipping load-balancer tests. ${message}`);
  return false;
}

/** An nginx of the test's own, in the foreground, with `site` (an http-level config) in a private folder. */
export class TestNginx {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(site: string, port: number): Promise<TestNginx> {
    const dir = mkdtempSync(join(tmpdir(), 'herald-nginx-'));
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(
      join(dir, 'nginx.conf'),
      [
        'daemon off;',
        'worker_processes 1;',
        `pid ${join(dir, 'nginx.pid')};`,
        `error_log ${join(dir, 'error.log')} warn;`,
        'events { worker_connections 1024; }',
        'http {',
        '  access_log off;',
        `  client_body_temp_path ${join(dir, 'body')};`,
        `  proxy_temp_path ${join(dir, 'proxy')};`,
        `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
        `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
        `  scgi_temp_path ${join(dir, 'scgi')};`,
        `  include ${join(dir, 'site.conf')};`,
        '}',
      ].join('\n'),
    );
    const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await accepts(port)); i++) await new Promise((r) => setTimeout(r, 50));
    return new TestNginx(child, dir);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise<void>((done) => {
        this.child.once('exit', () => done());
        this.child.kill('SIGQUIT');
        setTimeout(() => this.child.kill('SIGKILL'), 3000).unref();
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
