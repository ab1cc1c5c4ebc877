'use strict';
/** Turns measurements into the markdown of docs/BENCHMARKS.md. */
const { median, spread, fmt, ranged, aggregate, aggregateAll, ERROR_KEYS } = require('./stats');
const { connectTable, postsTable, stormTable, compareTable, BASE } = require('./report-costs');
const { methodText } = require('./report-method');

/** Fan-out scenarios: what CPU per delivered event is about (not the post scenario P, not the storm R). */
const isFanOut = (s) => !s.storm && !s.posts;

/** `3/3`-style count of stalled clients disconnected, or — when the scenario has none. */
function stalledCell(a) {
  return a && a.stalled ? `${a.stalledDisconnected}/${a.stalled}` : '—';
}

function scenarioTable(scenario, results, agg) {
  const base = agg.get(BASE);
  const ratio = (a, key) => (base ? a[key] / base[key] : NaN);
  const stalled = Boolean(scenario.stalled);
  const lines = [
    `| server | events/s | × base | server CPU µs/event | × base | p50 ms | p99 ms | max ms | KiB/conn idle | ` +
      `× base | connect ms | CPU ms per connect | missing | dup | out-of-order | other errors | other load |` +
      (stalled ? ' stalled clients disconnected | RSS growth MiB | TCP buffers growth MiB |' : ''),
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|` + (stalled ? '---:|---:|---:|' : ''),
  ];
  for (const [s, a] of agg) {
    const st = a.st;
    lines.push(
      `| ${s} | ${ranged(st.eventsPerSec, fmt.int)} | ${fmt.ratio(ratio(a, 'eventsPerSec'))} | ${ranged(st.cpuUsPerEvent, fmt.dec(2))} | ` +
        `${fmt.ratio(ratio(a, 'cpuUsPerEvent'))} | ${ranged(st.p50, fmt.dec(1))} | ${ranged(st.p99, fmt.dec(1))} | ` +
        `${ranged(st.max, fmt.dec(1))} | ${ranged(st.kibPerConn, fmt.dec(1))} | ${fmt.ratio(ratio(a, 'kibPerConn'))} | ` +
        `${ranged(st.connectMs, fmt.int)} | ${ranged(st.cpuMsPerConnect, fmt.dec(3))} | ${a.missing} | ${a.duplicates} | ` +
        `${a.outOfOrder} | ${a.otherErrors}${a.incomplete ? ` (${a.incomplete} run(s) incomplete)` : ''} | ${fmt.dec(2)(a.otherLoad)} |` +
        (stalled ? ` ${stalledCell(a)} | ${ranged(st.rssGrowthMiB, fmt.dec(1))} | ${ranged(st.tcpGrowthMiB, fmt.dec(1))} |` : ''),
    );
  }
  if (stalled) {
    lines.push(
      '',
      `Events, latency and the correctness counts are the ` +
        `${(scenario.clients - scenario.stalled).toLocaleString('en-US')} live clients'. ` +
        'Stalled clients disconnected: over all runs, how many of the stalled clients had been cut off by the server when checked after ' +
        'the phase; RSS growth: server VmRSS at the end of the phase minus VmRSS just before the warm-up; TCP buffers growth: ' +
        'the same for the memory of all TCP sockets of the machine (/proc/net/sockstat), where output handed ' +
        'to the kernel waits (medians).',
    );
  }
  return lines.join('\n') + failedRuns(scenario, results);
}

function failedRuns(scenario, results) {
  return results
    .filter((r) => r.scenario === scenario.id && r.error)
    .map((f) => `\n\n**${f.server}, run ${f.run} failed:** \`${String(f.error).split('\n')[0]}\``)
    .join('');
}

function summaryTable(scenarios, servers, aggs) {
  const fanOut = scenarios.filter(isFanOut);
  const memo = scenarios.find((s) => s.memory);
  const stalls = scenarios.filter((s) => s.stalled);
  const head = [
    'server',
    ...fanOut.map((s) => `${s.id} CPU/event`),
    ...(memo ? [`KiB/conn (${memo.id})`] : []),
    ...stalls.flatMap((s) => [`${s.id} live p99 ms`, `${s.id} stalled disconnected`]),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`];
  for (const server of servers) {
    const cells = fanOut.map((s) => {
      const a = aggs.get(s.id)?.get(server);
      const b = aggs.get(s.id)?.get(BASE);
      if (!a) return '—';
      const us = `${ranged(a.st.cpuUsPerEvent, fmt.dec(2))} µs`;
      return b ? `${fmt.ratio(a.cpuUsPerEvent / b.cpuUsPerEvent)} (${us})` : us;
    });
    if (memo) {
      const a = aggs.get(memo.id)?.get(server);
      const b = aggs.get(memo.id)?.get(BASE);
      const kib = a ? ranged(a.st.kibPerConn, fmt.dec(1)) : '—';
      cells.push(a ? (b ? `${fmt.ratio(a.kibPerConn / b.kibPerConn)} (${kib})` : kib) : '—');
    }
    for (const s of stalls) {
      const a = aggs.get(s.id)?.get(server);
      cells.push(a ? ranged(a.st.p99, fmt.dec(1)) : '—', stalledCell(a));
    }
    lines.push(`| ${server} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The figure whose run-to-run spread is shown, per kind of scenario. */
const spreadFigure = (s) => (s.storm ? 'cpuMsPerReconnect' : s.posts ? 'cpuUsPerPost' : 'cpuUsPerEvent');

/** (max − min) / median of each scenario's CPU figure, per server: how much one run can be trusted. */
function spreadTable(scenarios, servers, aggs) {
  const shown = servers.filter((server) => scenarios.some((s) => aggs.get(s.id)?.get(server)?.runs > 1));
  if (!shown.length) return null;
  const lines = [`| scenario | figure | runs | ${shown.join(' | ')} |`, `|---|---|---:|${shown.map(() => '---:').join('|')}|`];
  for (const s of scenarios) {
    const key = spreadFigure(s);
    const cells = shown.map((server) => fmt.pct(spread(aggs.get(s.id)?.get(server)?.st[key] || { n: 0 })));
    const runs = Math.max(0, ...shown.map((server) => aggs.get(s.id)?.get(server)?.runs || 0));
    const label = s.storm ? 'CPU ms per reconnect' : s.posts ? 'CPU µs per post' : 'CPU µs/event';
    lines.push(`| ${s.id} | ${label} | ${runs} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function detailsTable(results) {
  const lines = [
    '| scenario | run | server | events | phase ms | events/s | server CPU ms | µs/event | posts/s | µs/post | gen busy | p50 | ' +
      'p99 | max | RSS before KiB | RSS idle KiB | RSS end KiB | connect ms | connect CPU ms | missing | dup | ooo | other | ' +
      'other load | stalled disconnected |',
    `|---|---:|---|${'---:|'.repeat(22)}`,
  ];
  for (const r of results) {
    if (r.result && r.result.storm) continue;
    if (!r.result) {
      const cells = [r.scenario, r.run, r.server, `failed: ${String(r.error).split('\n')[0].replace(/\|/g, '/')}`];
      while (cells.length < 25) cells.push('');
      lines.push(`| ${cells.join(' | ')} |`);
      continue;
    }
    const x = r.result;
    const other = ERROR_KEYS.reduce((a, k) => a + (x[k] || 0), 0);
    lines.push(
      `| ${r.scenario} | ${r.run} | ${r.server} | ${fmt.int(x.events)}${x.complete ? '' : ' (incomplete)'} | ${fmt.int(x.phaseMs)} | ` +
        `${fmt.int(x.eventsPerSec)} | ${fmt.int(x.serverCpuMs)} | ${fmt.dec(2)(x.cpuUsPerEvent)} | ${fmt.int(x.postsPerSec)} | ` +
        `${fmt.int(x.cpuUsPerPost)} | ${fmt.dec(0)(x.genBusy * 100)}% | ` +
        `${fmt.dec(1)(x.latency.p50)} | ${fmt.dec(1)(x.latency.p99)} | ${fmt.dec(1)(x.latency.max)} | ${fmt.int(x.rssBeforeKiB)} | ` +
        `${fmt.int(x.rssIdleKiB)} | ${fmt.int(x.rssEndKiB)} | ${fmt.int(x.connectMs)} | ${fmt.int(x.connectCpuMs)} | ${x.missing} | ` +
        `${x.duplicates} | ${x.outOfOrder} | ${other} | ${fmt.dec(2)(x.otherLoad)} | ` +
        `${x.stalled ? `${x.stalled.disconnected}/${x.stalled.stalled}` : ''} |`,
    );
  }
  return lines.join('\n');
}

function stormDetailsTable(results) {
  const storms = results.filter((r) => r.result && r.result.storm);
  if (!storms.length) return null;
  const lines = [
    '| scenario | run | server | streams | dropped | connect ms | connect CPU ms | drop CPU ms | all reconnected ms | caught up ms | ' +
      'storm CPU ms | ms/reconnect | posts meanwhile | stayed p50 | p99 | max | RSS idle KiB | RSS end KiB | gen busy | ' +
      'other load | resets | missing | dup | ooo | other |',
    `|---|---:|---|${'---:|'.repeat(22)}`,
  ];
  for (const r of storms) {
    const x = r.result;
    const other = ERROR_KEYS.reduce((a, k) => a + (x[k] || 0), 0);
    lines.push(
      `| ${r.scenario} | ${r.run} | ${r.server} | ${fmt.int(x.clients)} | ${fmt.int(x.stormClients)} | ${fmt.int(x.connectMs)} | ` +
        `${fmt.int(x.connectCpuMs)} | ${fmt.int(x.dropCpuMs)} | ${fmt.int(x.reconnectMs)} | ${fmt.int(x.catchUpMs)}` +
        `${x.complete ? '' : ' (incomplete)'} | ${fmt.int(x.stormCpuMs)} | ${fmt.dec(3)(x.cpuMsPerReconnect)} | ` +
        `${fmt.int(x.livePosts)} | ` +
        `${fmt.dec(1)(x.latency.p50)} | ${fmt.dec(1)(x.latency.p99)} | ${fmt.dec(1)(x.latency.max)} | ${fmt.int(x.rssIdleKiB)} | ` +
        `${fmt.int(x.rssEndKiB)} | ${fmt.dec(0)(x.genBusy * 100)}% | ${fmt.dec(2)(x.otherLoad)} | ${x.resets} | ${x.missing} | ` +
        `${x.duplicates} | ${x.outOfOrder} | ${other} |`,
    );
  }
  return lines.join('\n');
}

function correctnessText(results) {
  const bad = [];
  for (const r of results) {
    if (!r.result) {
      bad.push(`- ${r.scenario} run ${r.run} ${r.server}: the measurement failed: ${String(r.error).split('\n')[0]}`);
      continue;
    }
    const x = r.result;
    const counts = { missing: x.missing, duplicates: x.duplicates, outOfOrder: x.outOfOrder, resets: x.resets };
    for (const k of ERROR_KEYS) counts[k] = x[k];
    const nonzero = Object.entries(counts).filter(([, v]) => v);
    if (nonzero.length || !x.complete) {
      const detail = [...(x.publishErrors || []).slice(0, 3), ...(x.connectErrors || []).slice(0, 3)];
      bad.push(
        `- ${r.scenario} run ${r.run} ${r.server}: ${nonzero.map(([k, v]) => `${k}=${v}`).join(', ')}` +
          `${x.complete ? '' : ' (not every client got every message before the timeout)'}` +
          (x.clientsMissing ? `; ${x.clientsMissing} of ${x.clients} clients missed something` : '') +
          (detail.length ? `; e.g. ${detail.join('; ')}` : ''),
      );
    }
  }
  const other = {};
  for (const r of results)
    for (const [k, v] of Object.entries(r.result?.otherEvents || {})) other[`${r.server}: ${k}`] = (other[`${r.server}: ${k}`] || 0) + v;
  const otherText = Object.keys(other).length
    ? `\n\nOther event types received (not errors, not counted as messages): ${Object.entries(other)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ')}.`
    : '';
  const stalledText = results.some((r) => r.result?.stalled)
    ? '\n\nStalled clients (scenario S) are not checked: they stop reading on purpose. Everything above is about the live clients.'
    : '';
  const stormText = results.some((r) => r.result?.storm)
    ? '\n\nIn the storm (R) the reconnected clients are checked across both of their connections: every message once, in order, ' +
      'with no `reset`.'
    : '';
  return correctnessVerdict(bad) + otherText + stalledText + stormText;
}

function correctnessVerdict(bad) {
  if (!bad.length) {
    return (
      "Every client of every measurement received every message exactly once and in the server's order " +
      '(missing, duplicate, out-of-order, id mismatch, unparsed frames, resets: all 0).'
    );
  }
  return `**Problems found:**\n\n${bad.join('\n')}`;
}

/** `## title` and its body, or nothing when there is no body. */
function section(title, body) {
  return body ? `## ${title}\n\n${body}` : null;
}

function render({ meta, scenarios, servers, results, describe }) {
  const aggs = aggregateAll(scenarios, servers, results);
  const scenarioSections = scenarios.map((s) => {
    const agg = aggs.get(s.id);
    // P and R have their tables above; here only their runs that failed.
    if (s.storm || s.posts) return `### ${s.title}\n\nThe table is above.${failedRuns(s, results)}`;
    return `### ${s.title}\n\n${agg.size ? scenarioTable(s, results, agg) : 'No measurement.'}`;
  });
  const head = `# Herald benchmarks

<!-- Written by tools/bench/bench.js (\`npm run bench\`); a full run overwrites this file. -->

- Command: \`${meta.command}\`
- Date: ${meta.date}
- Machine: ${meta.cpu}, ${meta.cores} cores, ${meta.kernel}; Node ${meta.node}
- Herald commit: \`${meta.commit}\`${meta.dirty ? ' (with uncommitted changes under apps/ or libs/)' : ''}
- Placement: ${meta.placement}
- Runs: ${meta.runs} per server and scenario, servers alternating (order rotated each run); tables show medians with
  [min–max] over the runs, correctness counts are totals over all runs${meta.quick ? '; **quick mode: small sizes, indicative only**' : ''}

Servers:
${servers.map((s) => `- \`${s}\`: ${describe(s)}`).join('\n')}`;
  const parts = [
    head,
    section(
      'Summary: server CPU per delivered event and memory per connection, ratio to `baseline`',
      scenarios.some(isFanOut) ? summaryTable(scenarios, servers, aggs) : null,
    ),
    section('The cost of a stream connect and of an idle stream', connectTable(scenarios, servers, aggs)),
    ...scenarios.filter((s) => s.posts).map((s) => section(`The cost of a post (${s.id})`, postsTable(s, servers, aggs))),
    ...scenarios.filter((s) => s.storm).map((s) => section(`Reconnect storm (${s.id})`, stormTable(s, servers, aggs))),
    section('SQLite store against the memory store', compareTable(scenarios, aggs, 'herald', 'herald-sqlite')),
    section('Redis transport (two instances) against the memory transport', compareTable(scenarios, aggs, 'herald', 'herald-redis')),
    section('Run-to-run spread: (max − min) / median', spreadTable(scenarios, servers, aggs)),
    section('Correctness', correctnessText(results)),
    section('Scenarios', scenarioSections.join('\n\n')),
    methodText(scenarios).trimEnd(),
    section('Every measurement', [detailsTable(results), stormDetailsTable(results)].filter(Boolean).join('\n\n')),
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

module.exports = { render, median, aggregate };
