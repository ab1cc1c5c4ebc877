import { RunningServer, WORKSPACE, runServerToExit, startServer } from '@herald/testing';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { call, postJson } from '../support/http';
import { postUntilRefused, until } from '../support/post-loops';
import { SseClient } from '../support/sse-client';
import { TEST_SECRET, inSeconds, token } from '../support/tokens';

const order = (a: string, b: string) => {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || as - bs;
};

describe('the embedded SQLite store', () => {
  let dir: string;
  let file: string;
  let server: RunningServer | undefined;
  const start = (env: Record<string, string> = {}) => startServer({ HERALD_STORE: `sqlite:${file}`, ...env });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-sqlite-'));
    file = join(dir, 'data', 'herald.db');
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(room: string, text: string): Promise<string> {
    const answer = await postJson(`${server!.url}/api/rooms/${room}/messages`, { author: 'Ada', text });
    expect(answer.status).toBe(202);
    return answer.body.id;
  }

  it('keeps every message across a restart, and a stream resuming with an id from before it gets exactly the later ones', async () => {
    server = await start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await post('kept', `m${i}`));
    await server.stop();

    server = await start();
    const history = await call(`${server.url}/api/rooms/kept/messages`);
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    const newer = await post('kept', 'after restart');
    expect(order(newer, ids[4])).toBeGreaterThan(0);

    const stream = await SseClient.open(`${server.url}/api/rooms/kept/events`, { 'last-event-id': ids[1] });
    await stream.caughtUp();
    expect(stream.events.some((e) => e.event === 'reset')).toBe(false);
    expect(stream.messages().map((m) => m.text)).toEqual(['m2', 'm3', 'm4', 'after restart']);
    stream.close();
  });

  it('gives streams resuming from the same id what changed since the last one: a new message, an edit, a deletion', async () => {
    server = await start({ AUTH_JWT_SECRET: TEST_SECRET, AUTH_JWT_AUDIENCE: 'herald' });
    const ada = { authorization: `Bearer ${token({ sub: 'u-ada', name: 'Ada', aud: 'herald', exp: inSeconds(600) })}` };
    const messages = `${server.url}/api/rooms/again/messages`;
    const json = { ...ada, 'content-type': 'application/json' };
    const say = async (text: string) => (await call(messages, { method: 'POST', body: JSON.stringify({ text }), headers: json })).body.id;
    const [first, typo, gone] = [await say('m0'), await say('m1 tpyo'), await say('m2')];
    // Two streams after each step: the second may be answered from what the first read.
    const resumeTwice = async () => {
      const seen: string[][] = [];
      for (let i = 0; i < 2; i++) {
        const stream = await SseClient.open(`${server!.url}/api/rooms/again/events`, { 'last-event-id': first });
        await stream.caughtUp();
        seen.push(stream.events.filter((e) => e.id !== undefined).map((e) => `${e.event} ${JSON.parse(e.data!).text ?? ''}`.trim()));
        stream.close();
      }
      expect(seen[1]).toEqual(seen[0]);
      return seen[0];
    };
    expect(await resumeTwice()).toEqual(['message m1 tpyo', 'message m2']);

    await say('m3');
    expect(await resumeTwice()).toEqual(['message m1 tpyo', 'message m2', 'message m3']);

    const edit = await call(`${messages}/${typo}`, { method: 'PATCH', body: JSON.stringify({ text: 'm1 typo' }), headers: json });
    expect(edit.status).toBe(200);
    expect(await resumeTwice()).toEqual(['message m1 typo', 'message m2', 'message m3', 'edited m1 typo']);

    expect((await call(`${messages}/${gone}`, { method: 'DELETE', headers: ada })).status).toBe(200);
    expect(await resumeTwice()).toEqual(['message m1 typo', 'message m3', 'edited m1 typo', 'deleted']);
  });

  it('has every post that got a 202 after a SIGKILL in the middle of posting, once and in order', async () => {
    server = await start();
    const posts = postUntilRefused(`${server.url}/api/rooms/drill/messages`, 6, 100_000);
    await until(() => posts.accepted().length >= 150, '150 accepted posts');
    await server.kill();
    await posts.done;
    const accepted = posts.accepted();

    server = await start({ HISTORY_LIMIT: '100000' });
    const history = await call(`${server.url}/api/rooms/drill/messages?limit=200`);
    let page = history.body;
    const stored: string[] = page.messages.map((m: { id: string }) => m.id);
    while (page.hasMore) {
      page = (await call(`${server.url}/api/rooms/drill/messages?limit=200&before=${stored[0]}`)).body;
      stored.unshift(...page.messages.map((m: { id: string }) => m.id));
    }
    // Every acknowledged post is there; posts cut off by the kill may be there too, never twice.
    for (const id of accepted) expect(stored).toContain(id);
    expect(new Set(stored).size).toBe(stored.length);
    expect([...stored].sort(order)).toEqual(stored);

    const newest = stored.at(-1)!;
    expect(order(await post('drill', 'after the crash'), newest)).toBeGreaterThan(0);
    const resumed = await SseClient.open(`${server.url}/api/rooms/drill/events`, { 'last-event-id': stored.at(-3)! });
    await resumed.caughtUp();
    expect(resumed.events.some((e) => e.event === 'reset')).toBe(false);
    expect(resumed.messages().map((m) => m.id)).toEqual([...stored.slice(-2), resumed.messages().at(-1)!.id]);
    resumed.close();
  });

  it('refuses a second process on the same database, saying why', async () => {
    server = await start();
    const second = await runServerToExit({ HERALD_STORE: `sqlite:${file}`, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.output).toContain(`${file} is in use by another Herald process`);
    // The first one is unharmed.
    await post('lobby', 'still here');
  });

  it('opens a database made before messages had an origin, keeping its messages', async () => {
    // The first release's tables, as its users have them on disk.
    mkdirSync(join(dir, 'data'), { recursive: true });
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE messages (room TEXT NOT NULL, ms INTEGER NOT NULL, seq INTEGER NOT NULL, author TEXT NOT NULL,
      text TEXT NOT NULL, PRIMARY KEY (room, ms, seq)) WITHOUT ROWID;
      CREATE TABLE rooms (name TEXT PRIMARY KEY, trimmed_through TEXT) WITHOUT ROWID;
      INSERT INTO rooms (name) VALUES ('lobby');
      INSERT INTO messages VALUES ('lobby', 1700000000000, 0, 'Ada', 'from the first release');`);
    old.close();
    server = await start();
    await post('lobby', 'after the upgrade');
    const history = await call(`${server.url}/api/rooms/lobby/messages`);
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(['from the first release', 'after the upgrade']);
  });

  it('refuses a file that is not a database, and leaves it as it was', async () => {
    server = await start();
    await server.stop();
    server = undefined;
    const garbage = Buffer.from('these bytes are not an SQLite database, whatever the file is called\n'.repeat(100));
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    writeFileSync(file, garbage);
    const refused = await runServerToExit({ HERALD_STORE: `sqlite:${file}`, PORT: '0' });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`Cannot use ${file} as Herald's database`);
    expect(refused.output).toContain('It was left as it is');
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('trims history to HISTORY_LIMIT on disk, resumes from the newest trimmed id without a reset, and gives the space back', async () => {
    server = await start({ HISTORY_LIMIT: '10' });
    const text = 'x'.repeat(2000);
    const ids: string[] = [];
    for (let i = 0; i < 1500; i++) ids.push(await post('busy', text));
    const history = await call(`${server.url}/api/rooms/busy/messages?limit=200`);
    expect(history.body.messages.map((m: { id: string }) => m.id)).toEqual(ids.slice(-10));
    await server.stop();

    server = await start({ HISTORY_LIMIT: '10' });
    const fromTrimmed = await SseClient.open(`${server.url}/api/rooms/busy/events`, { 'last-event-id': ids.at(-11)! });
    await fromTrimmed.caughtUp();
    expect(fromTrimmed.events.some((e) => e.event === 'reset')).toBe(false);
    expect(fromTrimmed.messages().map((m) => m.id)).toEqual(ids.slice(-10));
    fromTrimmed.close();
    const older = await SseClient.open(`${server.url}/api/rooms/busy/events`, { 'last-event-id': ids[0] });
    await older.caughtUp();
    expect(JSON.parse(older.events.find((e) => e.event === 'reset')!.data!)).toMatchObject({ reason: 'history-trimmed' });
    older.close();
    // 1,500 posts of 2 KB went through the file; it holds the last 10 (plus the pages SQLite keeps).
    expect(statSync(file).size).toBeLessThan(512 * 1024);
  });

  it('backs up while running (npm run backup), and a server started on the copy has every message', async () => {
    server = await start();
    for (let i = 0; i < 20; i++) await post('saved', `m${i}`);
    const copy = join(dir, 'backups', 'herald-copy.db');
    const run = spawnSync(process.execPath, [join(WORKSPACE, 'dist/apps/api/backup.js'), copy], {
      cwd: WORKSPACE,
      env: { PATH: process.env['PATH'] ?? '', HERALD_STORE: `sqlite:${file}` },
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toContain(`Backed up ${file} to ${copy}`);
    expect(run.status).toBe(0);
    await post('saved', 'after the backup');
    await server.stop();

    server = await startServer({ HERALD_STORE: `sqlite:${copy}` });
    const history = await call(`${server.url}/api/rooms/saved/messages`);
    expect(history.body.messages.map((m: { text: string }) => m.text)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
  });
});
