#!/usr/bin/env node
'use strict';
/**
 * Herald's benchmark: Herald beside two raw node:http baselines, same load, same cores, alternating.
 *
 *   npm run bench                          all scenarios, 3 runs (B1: 5), writes docs/BENCHMARKS.md
 *   npm run bench -- --quick               small sizes, 1 run, prints the tables (add --write to write the file)
 *   npm run bench -- --runs 5 --scenario B,B1 --servers herald,baseline-coalesce
 *
 * Options:
 *   --quick              small scenarios (200 clients, fewer messages; C with 2,000; R 1,000 of 1,200; S 1 of 100); 1 run
 *   --runs N             measurements per server and scenario (default: the scenario's, 3 or 5; quick 1); medians reported
 *   --servers a,b        targets from tools/bench/src/targets.js (default herald,herald-sqlite,herald-redis,baseline,baseline-coalesce;
 *                        herald-redis needs Redis at BENCH_REDIS_URL, default redis://127.0.0.1:6379)
 *   --scenario A,B,...   groups A, B, B1, C, P, R, S or variants B-32, B-1k, B1-32, B1-1k (default all)
 *   --write / --no-write write docs/BENCHMARKS.md or not (default: write unless --quick)
 *   --out FILE           where to write (default docs/BENCHMARKS.md)
 *   --json FILE          also write every raw measurement as JSON
 *   --no-build           do not run `nx run api:build` first
 *   --env KEY=VALUE      extra environment for the servers (repeatable)
 *   --server-cpu C / --gen-cpu C   cores for taskset (default 0 and 1)
 *   --verbose            progress of the generator on stderr
 */
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { targets } = require('./src/targets');
const { selectScenarios, runsText } = require('./src/scenarios');
const { render } = require('./src/report');
const { fdLimits, hasTaskset, spawnNode, cpuModel, localPortRange } = require('./src/proc');

const ROOT = path.resolve(__dirname, '..', '..');

function parseArgs(argv) {
  const o = {
    quick: false,
    runs: undefined,
    servers: ['herald', 'herald-sqlite', 'herald-redis', 'baseline', 'baseline-coalesce'],
    scenario: [],
    write: undefined,
    out: 'docs/BENCHMARKS.md',
    json: null,
    build: true,
    env: {},
    serverCpu: '0',
    genCpu: '1',
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') && !a.startsWith('--env=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--quick':
        o.quick = true;
        break;
      case '--runs':
        o.runs = Number(value());
        if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs must be a whole number ≥ 1');
        break;
      case '--servers':
        o.servers = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--scenario':
      case '--scenarios':
        o.scenario = value().split(',');
        break;
      case '--write':
        o.write = true;
        break;
      case '--no-write':
        o.write = false;
        break;
      case '--out':
        o.out = value();
        break;
      case '--json':
        o.json = value();
        break;
      case '--no-build':
        o.build = false;
        break;
      case '--env':
      case '--env=': {
        const kv = a.startsWith('--env=') ? a.slice(6) : value();
        const eq = kv.indexOf('=');
        if (eq < 1) throw new Error(`--env wants KEY=VALUE, got "${kv}"`);
        o.env[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      case '--server-cpu':
        o.serverCpu = value();
        break;
      case '--gen-cpu':
        o.genCpu = value();
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new Error(`unknown option "${a}" (try --help)`);
    }
  }
  if (o.write === undefined) o.write = !o.quick;
  for (const s of o.servers) {
    if (!targets[s]) throw new Error(`unknown server "${s}" (known: ${Object.keys(targets).join(', ')})`);
  }
  return o;
}

const log = (m) => process.stderr.write(`${m}\n`);

/** One line per measurement on stderr: the figures of its kind, then any delivery problem. */
function progressLine(x, scenario) {
  const errs = x.missing + x.duplicates + x.outOfOrder + x.idMismatch + x.foreign + x.badSeq + x.publishErrorCount + x.unexpectedCloses;
  const problems =
    errs || x.resets || !x.complete
      ? ` — PROBLEMS: missing ${x.missing} dup ${x.duplicates} ooo ${x.outOfOrder} idMismatch ${x.idMismatch} foreign ` +
        `${x.foreign} publishErrors ${x.publishErrorCount} closes ${x.unexpectedCloses}${x.resets ? ` resets ${x.resets}` : ''}` +
        `${x.complete ? '' : ' INCOMPLETE'}`
      : '';
  const connect = `connect ${Math.round(x.connectMs)} ms, ${(x.cpuMsPerConnect * 1000).toFixed(0)} µs CPU/connect`;
  if (x.storm) {
    return (
      `caught up in ${Math.round(x.catchUpMs)} ms (all reconnected at ${Math.round(x.reconnectMs)} ms), ` +
      `${(x.cpuMsPerReconnect * 1000).toFixed(0)} µs CPU/reconnect, stayed p99 ${x.latency.p99.toFixed(1)} ms over ` +
      `${x.livePosts} posts, ${connect}, gen busy ${Math.round(x.genBusy * 100)}%${problems}`
    );
  }
  return (
    `${Math.round(x.eventsPerSec)} ev/s, ${x.cpuUsPerEvent.toFixed(2)} µs/ev, ` +
    (scenario.posts ? `${Math.round(x.postsPerSec)} posts/s (${x.cpuUsPerPost.toFixed(0)} µs/post), ` : '') +
    `p50 ${x.latency.p50.toFixed(1)} p99 ${x.latency.p99.toFixed(1)} max ` +
    `${x.latency.max.toFixed(1)} ms, ${x.kibPerConn.toFixed(1)} KiB/conn` +
    (Number.isFinite(x.kibPerConnSlope) ? ` (second half ${x.kibPerConnSlope.toFixed(1)})` : '') +
    (Number.isFinite(x.cpuMsPerConnectSlope) ? `, second half ${(x.cpuMsPerConnectSlope * 1000).toFixed(0)} µs CPU/connect` : '') +
    `, ${connect}, gen busy ${Math.round(x.genBusy * 100)}%` +
    (x.stalled
      ? `, stalled disconnected ${x.stalled.disconnected}/${x.stalled.stalled}, RSS ` +
        `${x.rssGrowthKiB >= 0 ? '+' : ''}${(x.rssGrowthKiB / 1024).toFixed(1)} MiB` +
        `, TCP buffers ${x.tcpMemGrowthKiB >= 0 ? '+' : ''}${(x.tcpMemGrowthKiB / 1024).toFixed(1)} MiB`
      : '') +
    problems
  );
}

/** Runs one measurement in a fresh generator process. */
function measure(cfg, opts, fds) {
  return new Promise((resolve, reject) => {
    const child = spawnNode([path.join(__dirname, 'src', 'loadgen.js')], {
      cpu: opts.genCpu,
      fds,
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer = null;
    child.on('message', (m) => (answer = m));
    child.on('exit', (code, signal) => {
      if (answer && answer.result) resolve(answer.result);
      else reject(new Error(answer && answer.error ? answer.error : `generator exited (${signal || code}) without a result`));
    });
    child.on('error', reject);
    child.send(cfg);
  });
}

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function shellQuote(a) {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

async function main() {
  const argv = process.argv.slice(2);
  const opts = parseArgs(argv);
  if (opts.help) {
    // The comment block at the top of this file, between `/**` and ` */`.
    const lines = fs.readFileSync(__filename, 'utf8').split('\n');
    const from = lines.indexOf('/**') + 1;
    const to = lines.indexOf(' */', from);
    process.stdout.write(
      `${lines
        .slice(from, to)
        .map((l) => l.replace(/^ \* ?/, ''))
        .join('\n')}\n`,
    );
    return;
  }
  const scenarios = selectScenarios(opts.scenario, opts.quick);
  if (!scenarios.length) throw new Error('no scenario selected');

  // File descriptors: the generator and each server hold one per connection.
  const maxClients = Math.max(...scenarios.map((s) => s.clients));
  const need = maxClients + 1024;
  const { soft, hard } = fdLimits();
  if (hard < need) {
    throw new Error(
      `${maxClients} connections need about ${need} file descriptors per process, but the hard limit (ulimit -Hn) is ${hard}. ` +
        'Raise it (as root: ulimit -Hn, or /etc/security/limits.conf) or choose smaller scenarios (--quick, --scenario A,B).',
    );
  }
  const fds = Number.isFinite(hard) ? Math.max(soft, Math.min(hard, Math.max(need, 65536))) : Math.max(need, 65536);
  const ports = localPortRange();
  const maxPerAddress = Math.max(1000, Math.floor(ports.size * 0.8));
  const pinned = hasTaskset();
  if (!pinned) log('taskset not found: servers and generator are NOT pinned to separate cores; numbers are noisier');
  if (os.cpus().length < 2) log('fewer than 2 cores: server and generator share one; numbers are not comparable with 2-core runs');

  // What is measured is the working tree at this moment (the Herald build happens just below).
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--', 'apps', 'libs']) !== '';
  const ctx = { root: ROOT, cpu: opts.serverCpu, fds, env: opts.env, log, build: opts.build };
  for (const name of opts.servers) if (targets[name].prepare) await targets[name].prepare(ctx);

  const started = Date.now();
  const results = [];
  for (const scenario of scenarios) {
    const runs = opts.runs || scenario.runs;
    for (let run = 1; run <= runs; run++) {
      const k = (run - 1) % opts.servers.length;
      const order = [...opts.servers.slice(k), ...opts.servers.slice(0, k)];
      for (const server of order) {
        const label = `${scenario.id} run ${run}/${runs} ${server}`;
        let instance = null;
        try {
          const t0 = Date.now();
          instance = await targets[server].start({ ...ctx, scenarioEnv: scenario.env || {} });
          const t1 = Date.now();
          const result = await measure(
            {
              ...scenario,
              urls: instance.urls,
              pids: instance.pids,
              maxPerAddress,
              verbose: opts.verbose,
            },
            opts,
            fds,
          );
          results.push({ scenario: scenario.id, run, server, result });
          const took = `${((Date.now() - t1) / 1000).toFixed(1)} s + start ${((t1 - t0) / 1000).toFixed(1)} s`;
          log(`${label} (${took}): ${progressLine(result, scenario)}`);
        } catch (e) {
          log(`${label}: FAILED: ${e.message}`);
          results.push({ scenario: scenario.id, run, server, error: e.message });
        } finally {
          const t2 = Date.now();
          if (instance) await instance.stop();
          if (opts.verbose) log(`${label}: stopped in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
        }
      }
    }
  }
  const elapsed = (Date.now() - started) / 1000;

  const command =
    process.env.npm_lifecycle_event === 'bench'
      ? `npm run bench${argv.length ? ` -- ${argv.map(shellQuote).join(' ')}` : ''}`
      : `node tools/bench/bench.js ${argv.map(shellQuote).join(' ')}`.trim();
  const meta = {
    command,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpuModel(),
    cores: os.cpus().length,
    kernel: `Linux ${os.release()}`,
    node: process.version,
    commit,
    dirty,
    runs: runsText(scenarios, opts.runs),
    quick: opts.quick,
    placement: pinned
      ? `servers on core ${opts.serverCpu} (\`taskset -c ${opts.serverCpu}\`), load generator on core ` +
        `${opts.genCpu} (\`taskset -c ${opts.genCpu}\`); bench took ${Math.round(elapsed)} s`
      : `not pinned (taskset missing); bench took ${Math.round(elapsed)} s`,
  };
  const md = render({ meta, scenarios, servers: opts.servers, results, describe: (s) => targets[s].description });
  if (opts.json) fs.writeFileSync(path.resolve(ROOT, opts.json), JSON.stringify({ meta, scenarios, results }, null, 2));
  if (opts.write) {
    const out = path.resolve(ROOT, opts.out);
    fs.writeFileSync(out, md);
    log(`wrote ${path.relative(ROOT, out)} (${Math.round(elapsed)} s)`);
  } else {
    process.stdout.write(md);
  }
  const failures = results.filter(
    (r) =>
      r.error ||
      r.result.missing ||
      r.result.duplicates ||
      r.result.outOfOrder ||
      r.result.idMismatch ||
      r.result.resets ||
      !r.result.complete,
  );
  if (failures.length) {
    log(`${failures.length} measurement(s) failed or found delivery errors; see the Correctness section`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  log(`bench: ${e.message}`);
  process.exit(2);
});
