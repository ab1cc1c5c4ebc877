import { freePort, WORKSPACE } from '@herald/testing';
import { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { argsOf, execForm, readDockerfile } from '../support/dockerfile';
import { call, postJson } from '../support/http';
import { nonRootUser, processUid } from '../support/non-root';
import { buildLayout, Layout, LAYOUT_SCRIPT, runAs, startAs } from '../support/production-layout';
import { requiredTool } from '../support/required-tool';
import { SseClient } from '../support/sse-client';

const { args: buildArgs, stages } = readDockerfile();
const [build, runtime] = stages;
const cmd = execForm(argsOf(runtime, 'CMD')[0]);
const healthcheck = execForm(argsOf(runtime, 'HEALTHCHECK')[0]);
/** The image's ENV lines (KEY=value pairs). */
const imageEnv = Object.fromEntries(argsOf(runtime, 'ENV').flatMap((line) => line.split(/\s+/).map((pair) => pair.split('='))));

describe('the Dockerfile', () => {
  it('builds on the official Node.js 24 slim image, in a build stage and a runtime stage', () => {
    expect(stages).toHaveLength(2);
    const image = (from: string) => from.replace(/^\$\{(\w+)\}$/, (_all, name: string) => buildArgs[name]);
    for (const stage of stages) expect(image(stage.from)).toMatch(/^node:24(\.[\d.]+)?-([a-z]+-)?slim(@sha256:[0-9a-f]+)?$/);
    expect(build.name).toBe('build');
    // The build stage installs with the dev dependencies and builds; the runtime stage takes the layout alone.
    expect(argsOf(build, 'RUN').join('\n')).toMatch(
      /npm ci[^\n]*\n[^\n]*nx run-many -t build -p api web[^\n]*\n[^\n]*deploy\/production-layout\.sh \/release/,
    );
    expect(argsOf(runtime, 'COPY')).toEqual(['--from=build /release/ /app/']);
    expect(argsOf(runtime, 'WORKDIR')).toEqual(['/app']);
  });

  it('runs as a numbered user other than root, stops on SIGTERM, and checks readiness with node rather than curl', () => {
    const [user] = argsOf(runtime, 'USER');
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(argsOf(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(healthcheck[0]).toBe('node');
    expect(existsSync(resolve(WORKSPACE, healthcheck[1]))).toBe(true);
    expect(runtime.instructions.map((i) => i.args).join('\n')).not.toMatch(/\b(curl|wget)\b/);
    expect(cmd).toEqual(['node', 'dist/apps/api/main.js']);
  });

  it('keeps the SQLite data in a volume at the folder of the default store, owned by that user', () => {
    // HERALD_STORE's default, sqlite:./data/herald.db, is /app/data/herald.db from the WORKDIR.
    expect(argsOf(runtime, 'VOLUME')).toEqual(['["/app/data"]']);
    expect(argsOf(runtime, 'RUN').join('\n')).toMatch(/chown herald:herald \/app\/data/);
  });

  it('leaves out of the build context what was built, installed or stored on the machine', () => {
    const ignored = readFileSync(resolve(WORKSPACE, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', 'node_modules', 'dist', 'data', '.nx']) expect(ignored).toContain(entry);
  });
});

const user = nonRootUser();
const describeLayout = requiredTool(
  user !== null,
  'the production layout test',
  'As root it starts Herald as nobody through setpriv, which is missing: apt-get install util-linux.',
)
  ? describe
  : describe.skip;

describeLayout(`the production layout (${LAYOUT_SCRIPT}), started as the image starts it, as a user other than root`, () => {
  let layout: Layout;
  let server: Started;

  beforeAll(async () => {
    layout = await buildLayout(user!);
    server = await startHerald(await freePort());
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    layout?.remove();
  });

  it('holds the production dependencies only, and runs as that user', () => {
    expect(existsSync(join(layout.app, 'node_modules/@nestjs/core/package.json'))).toBe(true);
    for (const dev of ['jest', 'typescript', '@angular/core', 'nx', 'esbuild', 'node']) {
      expect(existsSync(join(layout.app, 'node_modules', dev))).toBe(false);
    }
    expect(processUid(server.child.pid!)).toBe(user!.uid);
    expect(user!.uid).not.toBe(0);
  });

  it('serves the web app with its scripts', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Herald</title>');
    const script = /src="(main-[\w-]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${server.url}/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it("is ready, and the image's health check says so", async () => {
    expect(await call(`${server.url}/api/health/ready`)).toMatchObject({
      status: 200,
      body: { details: { messageStore: { status: 'up' } } },
    });
    const check = await runAs(user!, layout, healthcheck, server.env);
    expect(check).toEqual({ code: 0, output: 'readiness answered 200\n' });
  });

  it('is unhealthy, though alive, while its Redis cannot be reached', async () => {
    // Nothing listens on this port: Herald starts after its bounded wait for Redis, not ready.
    const cut = await startHerald(await freePort(), { HERALD_STORE: `redis://127.0.0.1:${await freePort()}` });
    try {
      expect((await call(`${cut.url}/api/health/live`)).status).toBe(200);
      expect(await runAs(user!, layout, healthcheck, cut.env)).toEqual({ code: 1, output: 'readiness answered 503\n' });
    } finally {
      // Its drain would wait for the Redis it cannot reach until SHUTDOWN_TIMEOUT_MS.
      await cut.stop('SIGKILL');
    }
  }, 30_000);

  it('delivers a post to an open stream', async () => {
    const stream = await SseClient.open(`${server.url}/api/rooms/lobby/events?name=Grace`);
    await stream.caughtUp();
    const posted = await postJson(`${server.url}/api/messages`, { author: 'Ada', text: 'before the backup' });
    expect(posted.status).toBe(202);
    await stream.waitForMessages(1);
    expect(stream.messages()[0]).toMatchObject({ id: posted.body.id, author: 'Ada', text: 'before the backup' });
    stream.close();
  });

  it('backs up the store while it runs, drains on SIGTERM, and a restored backup brings back what it held', async () => {
    const backup = await runAs(user!, layout, ['node', 'dist/apps/api/backup.js', 'data/backup.db'], server.env);
    expect(backup.code).toBe(0);
    expect(backup.output).toContain('Backed up ./data/herald.db to data/backup.db');
    expect((await postJson(`${server.url}/api/messages`, { author: 'Ada', text: 'after the backup' })).status).toBe(202);

    const stream = await SseClient.open(`${server.url}/api/events`);
    await stream.caughtUp();
    expect(await server.stop()).toBe(0);
    await stream.waitFor(() => stream.ended, 5_000, 'the end of the stream');
    expect((await runAs(user!, layout, healthcheck, server.env)).code).toBe(1);

    // The runbook's restore: the copy in place of the database file, without the old -wal and -shm files.
    const data = join(layout.app, 'data');
    copyFileSync(join(data, 'backup.db'), join(data, 'herald.db'));
    for (const file of ['herald.db-wal', 'herald.db-shm']) rmSync(join(data, file), { force: true });
    server = await startHerald(await freePort());
    const history = await call(`${server.url}/api/messages`);
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(['before the backup']);
  }, 30_000);

  interface Started {
    url: string;
    env: Record<string, string>;
    child: ChildProcess;
    stop(signal?: NodeJS.Signals): Promise<number | null>;
  }

  /** Herald with the image's CMD and ENV, on loopback (the image listens on every interface). */
  function startHerald(port: number, settings: Record<string, string> = {}): Promise<Started> {
    const env = { PATH: '/usr/bin:/bin', ...imageEnv, ...settings, HOST: '127.0.0.1', PORT: String(port) };
    const child = startAs(user!, layout, cmd, env);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    };
    let output = '';
    return new Promise((started, failed) => {
      const onData = (data: Buffer) => {
        output += data.toString();
        if (output.includes('Herald listening on')) started({ url: `http://127.0.0.1:${port}`, env, child, stop });
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then((code) => failed(new Error(`Herald exited with ${code} before listening:\n${output}`)));
    });
  }
});
