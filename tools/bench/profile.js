#!/usr/bin/env node
'use strict';
/**
 * Profiles one phase of a server, with the bench's placement (server on core 0, this driver on core 1) and its
 * Herald build; files go to --out (default /tmp/herald-profile), never into the repository.
 *
 *   node tools/bench/profile.js connect [--count 5000]      CPU profile of opening N streams
 *   node tools/bench/profile.js post [--count 5000]         CPU profile of N posts, 16 in flight, 10 subscribers
 *                                                           (--subscribers 0: the post alone, no fan-out; the only
 *                                                           way nest-minimal's POST route can be compared)
 *   node tools/bench/profile.js resume [--count 5000]       CPU profile of N streams coming back with a Last-Event-ID
 *                                                           50 messages behind (--behind N), as in a reconnect
 *                                                           storm (scenario R) without the live posts
 *   node tools/bench/profile.js idle [--count 2000]         heap of N idle streams: herald beside a minimal NestJS
 *                                                           @Sse() route returning NEVER (add --snapshot for the
 *                                                           per-constructor diff of two heap snapshots)
 *   node tools/bench/profile.js connect|post|resume --allocations   what the phase allocates instead of where its
 *                                                           time goes: KiB per connect or post, garbage included, by
 *                                                           step and function (src/allocation-profile.js)
 *   node tools/bench/profile.js summary FILE.cpuprofile|FILE.heapprofile [--bundle FILE.main.js] [--steps connect|post]
 *                                                           [--count N] the tables again, from files an earlier run
 *                                                           left (a .heapprofile per N, default 5000)
 *   node tools/bench/profile.js connect|post --instructions  the phase's instructions instead of its CPU time: the
 *                                                           server runs under callgrind (src/callgrind.js), about
 *                                                           50 times slower; --count defaults to 1,000 there
 * Options: --server herald|herald-sqlite|baseline|nest-minimal (connect: herald; idle: herald,nest-minimal),
 *          --interval-us N (sampling, default 100), --no-profile (the phase's CPU only, no profiler), --no-build,
 *          --out DIR, --top N.
 * The server runs with tools/bench/src/profile-preload.js, which profiles exactly the phase (not the start-up).
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { targets, startNodeServer } = require('./src/targets');
const { cpuTicks, clockTicks, rssKiB, pinProcess, fdLimits } = require('./src/proc');
const { StreamPool } = require('./src/stream-pool');
const { Poster } = require('./src/poster');
const { RunTracker, SseClient } = require('./src/sse-checker');
const { sleep, delivered } = require('./src/phase');
const { bundleModules, summarize, formatSummary } = require('./src/cpuprofile-summary');
const { summarizeAllocations, formatAllocations } = require('./src/allocation-profile');
const { diffPerStream, formatDiff, formatShare } = require('./src/heap-snapshot-diff');
const { PATH_GROUPS } = require('./src/profile-groups');
const { hasCallgrind, callgrindCommand, CALLGRIND_NODE_ARGS, instructionsSoFar } = require('./src/callgrind');

const ROOT = path.resolve(__dirname, '..', '..');
const log = (m) => process.stderr.write(`${m}\n`);

function parseArgs(argv) {
  const o = {
    what: argv[0],
    count: 0,
    subscribers: 10,
    behind: 50,
    servers: null,
    intervalUs: 100,
    build: true,
    out: '/tmp/herald-profile',
    top: 25,
    snapshot: false,
  };
  let first = 1;
  if (o.what === 'summary') {
    o.file = argv[1];
    first = 2;
  }
  for (let i = first; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === '--count') o.count = Number(value());
    else if (a === '--subscribers') o.subscribers = Number(value());
    else if (a === '--behind') o.behind = Number(value());
    else if (a === '--bundle') o.bundle = value();
    else if (a === '--steps') o.steps = value();
    else if (a === '--server') o.servers = value().split(',');
    else if (a === '--interval-us') o.intervalUs = Number(value());
    else if (a === '--no-build') o.build = false;
    else if (a === '--no-profile') o.noProfile = true;
    else if (a === '--instructions') o.instructions = o.noProfile = true;
    else if (a === '--allocations') o.allocations = true;
    else if (a === '--out') o.out = value();
    else if (a === '--top') o.top = Number(value());
    else if (a === '--snapshot') o.snapshot = true;
    else throw new Error(`unknown option "${a}"`);
  }
  if (!['connect', 'post', 'resume', 'idle', 'summary'].includes(o.what))
    throw new Error('first argument: connect, post, resume, idle or summary');
  if (o.instructions && !['connect', 'post'].includes(o.what)) throw new Error('--instructions counts a connect or a post phase');
  if (o.allocations && (!['connect', 'post', 'resume'].includes(o.what) || o.noProfile))
    throw new Error('--allocations profiles a connect, post or resume phase, not with --instructions or --no-profile');
  if (o.instructions && !hasCallgrind())
    throw new Error('--instructions needs valgrind (with callgrind_control): apt-get install valgrind');
  o.count ||= o.what === 'idle' ? 2000 : o.instructions ? 1000 : 5000;
  o.servers ||= o.what === 'idle' ? ['herald', 'nest-minimal'] : ['herald'];
  return o;
}

/**
 * Starts a server with the preload (under callgrind instead with --instructions: `ctx.vgdbPrefix` set);
 * `nest-minimal` is tools/bench/src/nest-minimal-server.js.
 */
async function start(server, ctx, env) {
  const nodeArgs = ctx.vgdbPrefix ? CALLGRIND_NODE_ARGS : ['--expose-gc', '-r', path.join(__dirname, 'src', 'profile-preload.js')];
  const wrapper = ctx.vgdbPrefix ? callgrindCommand(ctx.vgdbPrefix) : [];
  // Under callgrind, Herald takes up to a minute or two to start.
  const c = { ...ctx, nodeArgs, wrapper, startTimeoutMs: ctx.vgdbPrefix ? 600000 : undefined, env: { ...ctx.env, ...env } };
  if (server === 'nest-minimal') {
    const s = await startNodeServer(path.join(__dirname, 'src', 'nest-minimal-server.js'), { PORT: '0', HOST: '127.0.0.1' }, c, server);
    return { urls: [s.url], pids: [s.pid], stop: s.stop };
  }
  return targets[server].start({ ...c, scenarioEnv: {} });
}

/** Sends the preload its next step and waits until it is done (nothing to do with --no-profile). */
async function step(pid, out, n, o) {
  if (o && o.noProfile) return;
  process.kill(pid, 'SIGUSR2');
  const marker = `${out}.step-${n}`;
  const until = Date.now() + 300000;
  while (!fs.existsSync(marker)) {
    if (Date.now() > until) throw new Error(`the server did not finish profiling step ${n}`);
    await sleep(50);
  }
}

/**
 * Opens `n` streams and resolves once each has its response head (a minimal route sends nothing more); the
 * sockets stay open, their data is read and dropped.
 */
function openIdle(url, n, concurrency = 256) {
  const u = new URL(url);
  const sockets = [];
  return new Promise((resolve, reject) => {
    let next = 0;
    let inFlight = 0;
    let ready = 0;
    const launch = () => {
      while (inFlight < concurrency && next < n) {
        next++;
        inFlight++;
        const sock = net.connect({ host: u.hostname, port: Number(u.port) }, () =>
          sock.write(`GET /api/rooms/bench/events HTTP/1.1\r\nHost: ${u.host}\r\nAccept: text/event-stream\r\n\r\n`),
        );
        let head = '';
        sock.on('data', (d) => {
          if (head === null) return;
          head += d.toString('latin1');
          if (!head.includes('\r\n\r\n')) return;
          if (!/^HTTP\/1\.1 200/.test(head)) return reject(new Error(`stream refused: ${head.slice(0, 80)}`));
          head = null;
          inFlight--;
          if (++ready === n) resolve(sockets);
          else launch();
        });
        sock.on('error', reject);
        sockets.push(sock);
      }
    };
    launch();
  });
}

const cpuMs = (pids, from) => ((cpuTicks(pids) - from) / clockTicks()) * 1000;

/**
 * What a phase is measured by: the server's CPU time, or with --instructions the instructions callgrind
 * counted: `start()` before the phase, `text(n, unit)` after it, the figure for one of its n steps.
 */
function meter(s, o, ctx) {
  if (!o.instructions) {
    let t0 = 0;
    return {
      start: () => (t0 = cpuTicks(s.pids)),
      text: (n, unit) => {
        const ms = cpuMs(s.pids, t0);
        const each = unit === 'post' ? `${((ms / n) * 1000).toFixed(0)} µs` : `${(ms / n).toFixed(3)} ms`;
        return `server CPU ${ms.toFixed(0)} ms = ${each} per ${unit}`;
      },
    };
  }
  const count = () => instructionsSoFar(s.pids[0], ctx.vgdbPrefix, '127.0.0.1');
  let i0 = 0;
  return {
    start: () => (i0 = count()),
    text: (n, unit) => `${((count() - i0) / n / 1000).toFixed(1)} k instructions per ${unit} (callgrind, user space)`,
  };
}

/** The preload's settings for a connect or post phase: a CPU profile, or with --allocations an allocation profile. */
const phaseEnv = (o, out) => ({
  PROFILE_MODE: o.allocations ? 'alloc' : 'cpu',
  PROFILE_OUT: out,
  PROFILE_INTERVAL_US: String(o.intervalUs),
});

async function profileConnect(server, o, ctx, out) {
  const s = await start(server, ctx, phaseEnv(o, out));
  try {
    // Counted instructions include the JIT's work: under callgrind, 500 streams compile the path first.
    const warm = o.instructions ? await openIdle(s.urls[0], 500) : [];
    await step(s.pids[0], out, 1, o);
    const m = meter(s, o, ctx);
    m.start();
    const at = performance.now();
    const sockets = await openIdle(s.urls[0], o.count);
    const wall = performance.now() - at;
    await sleep(500);
    const figure = m.text(o.count, 'connect');
    await step(s.pids[0], out, 2, o);
    for (const sock of [...warm, ...sockets]) sock.resetAndDestroy();
    const note = o.noProfile ? '' : ' (profiling on)';
    return `${o.count} connects in ${wall.toFixed(0)} ms; ${figure}${note}`;
  } finally {
    await s.stop();
  }
}

async function profilePost(server, o, ctx, out) {
  const s = await start(server, ctx, phaseEnv(o, out));
  const { subscribers } = o;
  // Counted instructions include the JIT's work: under callgrind the path is compiled by 1,000 posts first.
  const warmup = o.instructions ? 1000 : 50;
  const total = warmup + o.count;
  const tracker = new RunTracker({ total });
  const pool = new StreamPool({ urls: s.urls, connections: subscribers });
  const poster = new Poster({ urls: s.urls, trackers: [tracker], concurrency: 16, payload: 200 });
  try {
    for (let i = 0; i < subscribers; i++) pool.clients[i] = new SseClient(tracker, i);
    await pool.open([...Array(subscribers).keys()]);
    await poster.publish(0, warmup, { concurrency: 16 });
    await step(s.pids[0], out, 1, o);
    const m = meter(s, o, ctx);
    m.start();
    const at = performance.now();
    const all = subscribers > 0 ? delivered(tracker, subscribers, total, 600000) : Promise.resolve();
    await poster.publish(warmup, o.count, { concurrency: 16 });
    const wall = performance.now() - at;
    await all;
    const figure = m.text(o.count, 'post');
    await step(s.pids[0], out, 2, o);
    const problems = (subscribers > 0 ? tracker.summary(total).missing : 0) + poster.errors.length;
    return (
      `${o.count} posts to ${subscribers} subscribers in ${wall.toFixed(0)} ms (${((o.count / wall) * 1000).toFixed(0)}/s); ` +
      `${figure}${o.noProfile ? '' : ' (profiling on)'}${problems ? `; PROBLEMS: ${problems}` : ''}`
    );
  } finally {
    pool.closeAll();
    poster.destroy();
    await s.stop();
  }
}

async function profileResume(server, o, ctx, out) {
  const s = await start(server, ctx, phaseEnv(o, out));
  const n = o.count;
  const total = 1 + o.behind;
  const tracker = new RunTracker({ total });
  const pool = new StreamPool({ urls: s.urls, connections: n });
  const poster = new Poster({ urls: s.urls, trackers: [tracker], concurrency: 16, payload: 32 });
  const everyone = [...Array(n).keys()];
  try {
    for (let i = 0; i < n; i++) pool.clients[i] = new SseClient(tracker, i);
    await pool.open(everyone);
    // One message each, so every stream has an id to come back with; then the messages they miss.
    const first = delivered(tracker, n, 1, 60000);
    await poster.publish(0, 1);
    if (!(await first).ok) throw new Error('the streams did not get the first message');
    pool.drop(everyone);
    await poster.publish(1, o.behind, { concurrency: 16 });
    await sleep(500);
    await step(s.pids[0], out, 1, o);
    const m = meter(s, o, ctx);
    m.start();
    const at = performance.now();
    const caughtUp = delivered(tracker, n, total, 600000);
    await pool.open(everyone);
    const { ok } = await caughtUp;
    const wall = performance.now() - at;
    const figure = m.text(n, 'resume');
    await step(s.pids[0], out, 2, o);
    const { missing, duplicates, outOfOrder } = tracker.summary(total);
    const problems = missing + duplicates + outOfOrder + poster.errors.length + (ok ? 0 : 1);
    return (
      `${n} streams back ${o.behind} messages behind, caught up in ${wall.toFixed(0)} ms; ` +
      `${figure}${o.noProfile ? '' : ' (profiling on)'}${problems ? `; PROBLEMS: ${problems}` : ''}`
    );
  } finally {
    pool.closeAll();
    poster.destroy();
    await s.stop();
  }
}

/** Closure sites: a line of Herald's bundle becomes `<module>:<line in the bundle>`, other scripts keep their path's tail. */
function siteNamer(bundle) {
  const { moduleAtLine } = require('./src/cpuprofile-summary');
  return (url, line) => {
    if (bundle && url.endsWith(bundle.file)) return `${moduleAtLine(bundle.modules, line - 1)} (bundle line ${line})`;
    const nm = url.lastIndexOf('/node_modules/');
    return `${nm === -1 ? url.replace(/^file:\/\//, '') : url.slice(nm + 14)}:${line}`;
  };
}

async function profileIdle(server, o, ctx, out) {
  const s = await start(server, ctx, { PROFILE_MODE: 'heap', PROFILE_OUT: out, PROFILE_SNAPSHOT: o.snapshot ? '1' : '0' });
  try {
    // A few streams first, so that what every first stream sets up once (code, caches) is not counted per stream.
    const warm = await openIdle(s.urls[0], 20);
    await sleep(300);
    await step(s.pids[0], out, 1);
    const rss0 = rssKiB(s.pids);
    const sockets = await openIdle(s.urls[0], o.count);
    await sleep(1000);
    await step(s.pids[0], out, 2);
    const rss1 = rssKiB(s.pids);
    const [a, b] = fs
      .readFileSync(`${out}.heap.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const per = (x, y) => ((y - x) / o.count / 1024).toFixed(2);
    // RSS as the preload read it right after the GC, before any snapshot (writing one grows RSS a lot).
    const lines = [
      `${o.count} idle streams, after a full GC, per stream: RSS ${per(a.memory.rss, b.memory.rss)} KiB ` +
        `(read from /proc after the step: ${((rss1 - rss0) / o.count).toFixed(2)}), ` +
        `V8 heap used ${per(a.heap.used_heap_size, b.heap.used_heap_size)} KiB, ` +
        `external ${per(a.memory.external, b.memory.external)} KiB, ` +
        `array buffers ${per(a.memory.arrayBuffers, b.memory.arrayBuffers)} KiB`,
    ];
    let diff = null;
    if (o.snapshot) {
      diff = diffPerStream(`${out}-1.heapsnapshot`, `${out}-2.heapsnapshot`, o.count, siteNamer(o.bundle));
      lines.push(formatDiff(diff, o.top));
    }
    for (const sock of [...warm, ...sockets]) sock.resetAndDestroy();
    return { text: lines.join('\n'), diff };
  } finally {
    await s.stop();
  }
}

/** A bundle's module map, for the frames of the script the server ran: `main.js`, also when read from the copy beside a profile. */
const bundleOf = (file) => ({ file: 'main.js', modules: bundleModules(file) });

function printSummary(profileFile, bundle, steps, top, count) {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const groups = PATH_GROUPS[steps] || [];
  const text = profileFile.endsWith('.heapprofile')
    ? formatAllocations(summarizeAllocations(profile, { bundle, groups }), count, steps, top)
    : formatSummary(summarize(profile, { bundle, groups }), top);
  process.stdout.write(`${text}\n`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.what === 'summary') {
    const bundle = o.bundle || o.file.replace(/\.(cpu|heap)profile$/, '.main.js');
    return printSummary(o.file, fs.existsSync(bundle) ? bundleOf(bundle) : null, o.steps || 'connect', o.top, o.count);
  }
  fs.mkdirSync(o.out, { recursive: true });
  pinProcess(process.pid, '1');
  const { hard } = fdLimits();
  const ctx = { root: ROOT, cpu: '0', fds: Math.min(hard, 65536), env: {}, log, build: o.build };
  if (o.instructions) ctx.vgdbPrefix = path.join(o.out, `vgdb-${process.pid}`);
  if (o.servers.some((s) => s.startsWith('herald'))) await targets.herald.prepare(ctx);
  const bundleFile = path.join(require('node:os').tmpdir(), `herald-bench-api-${process.pid}`, 'main.js');
  const mainFile = fs.existsSync(bundleFile) ? bundleFile : path.join(ROOT, 'dist/apps/api/main.js');
  const bundle = fs.existsSync(mainFile) ? bundleOf(mainFile) : null;
  o.bundle = bundle;
  const diffs = new Map();
  for (const server of o.servers) {
    const out = path.join(o.out, `${o.what}-${server}-${Date.now()}`);
    log(`profiling ${o.what} on ${server} → ${out}.*`);
    const run = { connect: profileConnect, post: profilePost, resume: profileResume, idle: profileIdle }[o.what];
    const result = await run(server, o, ctx, out);
    if (result.diff) diffs.set(server, result.diff);
    process.stdout.write(`\n=== ${o.what}, ${server}\n${result.text || result}\n`);
    if (o.what !== 'idle' && !o.noProfile) {
      // The bundle beside the profile: `summary` maps its lines to Herald's modules later, after the snapshot is gone.
      if (bundle && server.startsWith('herald')) fs.copyFileSync(mainFile, `${out}.main.js`);
      const file = `${out}.${o.allocations ? 'heap' : 'cpu'}profile`;
      printSummary(file, server.startsWith('herald') ? bundle : null, o.what, o.top, o.count);
    }
  }
  // The FIFOs callgrind_control reached the servers by (Valgrind leaves them behind when a server is killed).
  if (ctx.vgdbPrefix) {
    const base = path.basename(ctx.vgdbPrefix);
    for (const f of fs.readdirSync(o.out)) if (f.startsWith(base)) fs.rmSync(path.join(o.out, f), { force: true });
  }
  const [first, second] = [...diffs.keys()];
  if (second) process.stdout.write(`\n=== ${first} minus ${second}\n${formatShare(diffs.get(first), diffs.get(second), o.top)}\n`);
}

main().catch((e) => {
  log(`profile: ${e.stack || e.message}`);
  process.exit(1);
});
