'use strict';
/**
 * The tables of what one thing costs the server (issue 16): a stream connect and an idle stream, a post (P), a
 * reconnect storm (R); and the long-format comparison of two servers (the SQLite store or the Redis transport
 * against the memory one). Each median carries its [min–max] over the runs.
 */
const { fmt, ranged } = require('./stats');

const BASE = 'baseline';
const n = (x) => x.toLocaleString('en-US');

/** `× base` of a median, or — without a baseline. */
function times(a, b, key) {
  return b && a ? fmt.ratio(a[key] / b[key]) : '—';
}

function errorsCell(a) {
  const total = a.missing + a.duplicates + a.outOfOrder + a.otherErrors + (a.resets || 0);
  return `${total}${a.incomplete ? ` (${a.incomplete} run(s) incomplete)` : ''}`;
}

/**
 * CPU per stream connect in each `connectCost` scenario (its connect phase: from the first connect until every
 * client got `retry:`, plus the 0.5 s settle), connects per second of one core, RSS per idle stream, and the RSS
 * and CPU the second half of the streams added, per stream (without what the server grows once, early on, and
 * without its JIT warming up: the connect of a server that has been running).
 */
function connectTable(scenarios, servers, aggs) {
  // Below 1,000 streams (quick mode's B1) the connect phase is a few clock ticks: not worth quoting.
  const cost = scenarios.filter((s) => s.connectCost && !s.storm && s.clients >= 1000);
  const memo = scenarios.find((s) => s.memory);
  if (!cost.length && !memo) return null;
  const head = ['server'];
  for (const s of cost) head.push(`${s.id}: CPU ms per connect (${n(s.clients)} streams)`, '× base', 'connects/s of one core');
  if (memo) {
    const half = Math.floor(memo.clients / 2);
    head.push(`${memo.id}: RSS KiB per idle stream (${n(memo.clients)})`, '× base');
    head.push(`${memo.id}: RSS KiB per stream more, ${n(half)} → ${n(memo.clients)}`, '× base');
    head.push(`${memo.id}: CPU ms per connect, ${n(half)} → ${n(memo.clients)} (warm)`, '× base');
  }
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`];
  for (const server of servers) {
    const cells = [];
    for (const s of cost) {
      const a = aggs.get(s.id)?.get(server);
      const b = aggs.get(s.id)?.get(BASE);
      cells.push(
        a ? ranged(a.st.cpuMsPerConnect, fmt.dec(3)) : '—',
        times(a, b, 'cpuMsPerConnect'),
        a ? fmt.int(1 / (a.cpuMsPerConnect / 1000)) : '—',
      );
    }
    if (memo) {
      const a = aggs.get(memo.id)?.get(server);
      const b = aggs.get(memo.id)?.get(BASE);
      cells.push(a ? ranged(a.st.kibPerConn, fmt.dec(1)) : '—', times(a, b, 'kibPerConn'));
      cells.push(a ? ranged(a.st.kibPerConnSlope, fmt.dec(1)) : '—', times(a, b, 'kibPerConnSlope'));
      cells.push(a ? ranged(a.st.cpuMsPerConnectSlope, fmt.dec(3)) : '—', times(a, b, 'cpuMsPerConnectSlope'));
    }
    if (cells.some((c) => c !== '—')) lines.push(`| ${server} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** P: posts per second and the server's CPU per accepted post, the post's round trip, the delivery latency. */
function postsTable(scenario, servers, aggs) {
  const agg = aggs.get(scenario.id);
  if (!agg || !agg.size) return null;
  const b = agg.get(BASE);
  const lines = [
    '| server | posts/s | × base | server CPU µs per post | × base | post round trip p50 ms | p99 ms | delivery p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [server, a] of agg) {
    lines.push(
      `| ${server} | ${ranged(a.st.postsPerSec, fmt.int)} | ${times(a, b, 'postsPerSec')} | ${ranged(a.st.cpuUsPerPost, fmt.int)} | ` +
        `${times(a, b, 'cpuUsPerPost')} | ${ranged(a.st.rttP50, fmt.dec(1))} | ${ranged(a.st.rttP99, fmt.dec(1))} | ` +
        `${ranged(a.st.p99, fmt.dec(1))} | ${errorsCell(a)} |`,
    );
  }
  return lines.join('\n');
}

/** R: the storm, per server. */
function stormTable(scenario, servers, aggs) {
  const agg = aggs.get(scenario.id);
  if (!agg || !agg.size) return null;
  const b = agg.get(BASE);
  const lines = [
    `| server | caught up s | × base | all reconnected s | server CPU s | CPU ms per reconnect | × base | ` +
      `stayed p50 ms | stayed p99 ms | × base | stayed max ms | posts meanwhile | resets | errors |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [server, a] of agg) {
    lines.push(
      `| ${server} | ${ranged(a.st.catchUpS, fmt.dec(2))} | ${times(a, b, 'catchUpS')} | ${ranged(a.st.reconnectS, fmt.dec(2))} | ` +
        `${ranged(a.st.stormCpuS, fmt.dec(2))} | ${ranged(a.st.cpuMsPerReconnect, fmt.dec(3))} | ${times(a, b, 'cpuMsPerReconnect')} | ` +
        `${ranged(a.st.p50, fmt.dec(1))} | ${ranged(a.st.p99, fmt.dec(1))} | ${times(a, b, 'p99')} | ${ranged(a.st.max, fmt.dec(1))} | ` +
        `${ranged(a.st.livePosts, fmt.int)} | ${a.resets} | ${errorsCell(a)} |`,
    );
  }
  return lines.join('\n');
}

/** The figures two servers are compared on, per kind of scenario: [label, metric, format]. */
function figuresOf(s) {
  if (s.storm) {
    return [
      ['caught up s', 'catchUpS', fmt.dec(2)],
      ['CPU ms per reconnect', 'cpuMsPerReconnect', fmt.dec(3)],
      ['stayed p99 ms', 'p99', fmt.dec(1)],
    ];
  }
  if (s.posts) {
    return [
      ['posts/s', 'postsPerSec', fmt.int],
      ['CPU µs per post', 'cpuUsPerPost', fmt.int],
      ['post round trip p99 ms', 'rttP99', fmt.dec(1)],
    ];
  }
  return [
    ['CPU µs/event', 'cpuUsPerEvent', fmt.dec(2)],
    ['p99 ms', 'p99', fmt.dec(1)],
    ['max ms', 'max', fmt.dec(1)],
  ];
}

/** `other` against `reference` (e.g. herald-sqlite against herald) in every scenario both ran, one row per figure. */
function compareTable(scenarios, aggs, reference, other) {
  const lines = [`| scenario | figure | ${reference} | ${other} | × ${reference} |`, '|---|---|---:|---:|---:|'];
  for (const s of scenarios) {
    const a = aggs.get(s.id)?.get(reference);
    const b = aggs.get(s.id)?.get(other);
    if (!a || !b) continue;
    for (const [label, key, f] of figuresOf(s)) {
      lines.push(`| ${s.id} | ${label} | ${ranged(a.st[key], f)} | ${ranged(b.st[key], f)} | ${fmt.ratio(b[key] / a[key])} |`);
    }
  }
  return lines.length > 2 ? lines.join('\n') : null;
}

module.exports = { connectTable, postsTable, stormTable, compareTable, figuresOf, BASE };
