'use strict';
/** Turns measurements into the markdown of docs/BENCHMARKS.md. */

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const fmt = {
  int: (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—'),
  dec: (d) => (x) => (Number.isFinite(x) ? x.toFixed(d) : '—'),
  ratio: (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '—'),
};

const ERROR_KEYS = ['idMismatch', 'foreign', 'badSeq', 'clientErrors', 'publishErrorCount', 'connectErrorCount', 'unexpectedCloses'];

/** Medians (metrics) and totals (correctness counts) of one server in one scenario. */
function aggregate(runs) {
  const m = (f) => median(runs.map(f));
  const sum = (f) => runs.reduce((a, r) => a + (f(r) || 0), 0);
  return {
    runs: runs.length,
    eventsPerSec: m((r) => r.eventsPerSec),
    cpuUsPerEvent: m((r) => r.cpuUsPerEvent),
    p50: m((r) => r.latency.p50),
    p99: m((r) => r.latency.p99),
    max: m((r) => r.latency.max),
    kibPerConn: m((r) => r.kibPerConn),
    connectMs: m((r) => r.connectMs),
    genBusy: m((r) => r.genBusy),
    otherLoad: m((r) => r.otherLoad),
    missing: sum((r) => r.missing),
    duplicates: sum((r) => r.duplicates),
    outOfOrder: sum((r) => r.outOfOrder),
    otherErrors: sum((r) => ERROR_KEYS.reduce((a, k) => a + (r[k] || 0), 0)),
    incomplete: runs.filter((r) => !r.complete).length,
    // Scenario S: stalled clients the server disconnected, over all runs, and RSS growth over the phase.
    stalled: sum((r) => r.stalled && r.stalled.stalled),
    stalledDisconnected: sum((r) => r.stalled && r.stalled.disconnected),
    rssGrowthMiB: m((r) => (Number.isFinite(r.rssGrowthKiB) ? r.rssGrowthKiB / 1024 : NaN)),
    tcpGrowthMiB: m((r) => (Number.isFinite(r.tcpMemGrowthKiB) ? r.tcpMemGrowthKiB / 1024 : NaN)),
  };
}

/** `3/3`-style count of stalled clients disconnected, or — when the scenario has none. */
function stalledCell(a) {
  return a && a.stalled ? `${a.stalledDisconnected}/${a.stalled}` : '—';
}

const BASE = 'baseline';

function scenarioTable(scenario, servers, results) {
  const agg = new Map();
  for (const s of servers) {
    const runs = results.filter((r) => r.scenario === scenario.id && r.server === s && r.result);
    if (runs.length) agg.set(s, aggregate(runs.map((r) => r.result)));
  }
  const base = agg.get(BASE);
  const ratio = (a, key) => (base ? a[key] / base[key] : NaN);
  const stalled = Boolean(scenario.stalled);
  const lines = [
    `| server | events/s | × base | server CPU µs/event | × base | p50 ms | p99 ms | max ms | KiB/conn idle | ` +
      `× base | connect ms | missing | dup | out-of-order | other errors | other load |` +
      (stalled ? ' stalled clients disconnected | RSS growth MiB | TCP buffers growth MiB |' : ''),
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|` + (stalled ? '---:|---:|---:|' : ''),
  ];
  for (const [s, a] of agg) {
    lines.push(
      `| ${s} | ${fmt.int(a.eventsPerSec)} | ${fmt.ratio(ratio(a, 'eventsPerSec'))} | ${fmt.dec(2)(a.cpuUsPerEvent)} | ` +
        `${fmt.ratio(ratio(a, 'cpuUsPerEvent'))} | ${fmt.dec(1)(a.p50)} | ${fmt.dec(1)(a.p99)} | ${fmt.dec(1)(a.max)} | ` +
        `${fmt.dec(1)(a.kibPerConn)} | ${fmt.ratio(ratio(a, 'kibPerConn'))} | ${fmt.int(a.connectMs)} | ${a.missing} | ` +
        `${a.duplicates} | ${a.outOfOrder} | ${a.otherErrors}${a.incomplete ? ` (${a.incomplete} run(s) incomplete)` : ''} | ` +
        `${fmt.dec(2)(a.otherLoad)} |` +
        (stalled ? ` ${stalledCell(a)} | ${fmt.dec(1)(a.rssGrowthMiB)} | ${fmt.dec(1)(a.tcpGrowthMiB)} |` : ''),
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
  const failed = results.filter((r) => r.scenario === scenario.id && r.error);
  for (const f of failed) lines.push(`\n**${f.server}, run ${f.run} failed:** \`${String(f.error).split('\n')[0]}\``);
  return { text: lines.join('\n'), agg };
}

function summaryTable(scenarios, servers, aggs) {
  const cols = scenarios.map((s) => ({ s, head: `${s.id} CPU/event` }));
  const memo = scenarios.find((s) => s.memory);
  const stalls = scenarios.filter((s) => s.stalled);
  const head = [
    'server',
    ...cols.map((c) => c.head),
    ...(memo ? [`KiB/conn (${memo.id})`] : []),
    ...stalls.flatMap((s) => [`${s.id} live p99 ms`, `${s.id} stalled disconnected`]),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`];
  for (const server of servers) {
    const cells = cols.map(({ s }) => {
      const a = aggs.get(s.id)?.get(server);
      const b = aggs.get(s.id)?.get(BASE);
      if (!a) return '—';
      return b
        ? `${fmt.ratio(a.cpuUsPerEvent / b.cpuUsPerEvent)} (${fmt.dec(2)(a.cpuUsPerEvent)} µs)`
        : `${fmt.dec(2)(a.cpuUsPerEvent)} µs`;
    });
    if (memo) {
      const a = aggs.get(memo.id)?.get(server);
      const b = aggs.get(memo.id)?.get(BASE);
      cells.push(a ? (b ? `${fmt.ratio(a.kibPerConn / b.kibPerConn)} (${fmt.dec(1)(a.kibPerConn)})` : fmt.dec(1)(a.kibPerConn)) : '—');
    }
    for (const s of stalls) {
      const a = aggs.get(s.id)?.get(server);
      cells.push(a ? fmt.dec(1)(a.p99) : '—', stalledCell(a));
    }
    lines.push(`| ${server} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The Redis transport against the memory one, in the same run: the scale-out goals read off this. */
function transportTable(scenarios, aggs) {
  const lines = [
    '| scenario | herald CPU µs/event | herald-redis CPU µs/event | × herald | herald p99 ms | herald-redis p99 ms |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const s of scenarios) {
    const memory = aggs.get(s.id)?.get('herald');
    const redis = aggs.get(s.id)?.get('herald-redis');
    if (!memory || !redis) continue;
    lines.push(
      `| ${s.id} | ${fmt.dec(2)(memory.cpuUsPerEvent)} | ${fmt.dec(2)(redis.cpuUsPerEvent)} | ` +
        `${fmt.ratio(redis.cpuUsPerEvent / memory.cpuUsPerEvent)} | ` +
        `${fmt.dec(1)(memory.p99)} | ${fmt.dec(1)(redis.p99)} |`,
    );
  }
  return lines.length > 2 ? lines.join('\n') : null;
}

function detailsTable(results) {
  const lines = [
    '| scenario | run | server | events | phase ms | events/s | server CPU ms | µs/event | gen busy | p50 | ' +
      'p99 | max | RSS before KiB | RSS idle KiB | RSS end KiB | connect ms | missing | dup | ooo | other | ' +
      'other load | stalled disconnected |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    if (!r.result) {
      const cells = [r.scenario, r.run, r.server, `failed: ${String(r.error).split('\n')[0].replace(/\|/g, '/')}`];
      while (cells.length < 22) cells.push('');
      lines.push(`| ${cells.join(' | ')} |`);
      continue;
    }
    const x = r.result;
    const other = ERROR_KEYS.reduce((a, k) => a + (x[k] || 0), 0);
    lines.push(
      `| ${r.scenario} | ${r.run} | ${r.server} | ${fmt.int(x.events)}${x.complete ? '' : ' (incomplete)'} | ${fmt.int(x.phaseMs)} | ` +
        `${fmt.int(x.eventsPerSec)} | ${fmt.int(x.serverCpuMs)} | ${fmt.dec(2)(x.cpuUsPerEvent)} | ${fmt.dec(0)(x.genBusy * 100)}% | ` +
        `${fmt.dec(1)(x.latency.p50)} | ${fmt.dec(1)(x.latency.p99)} | ${fmt.dec(1)(x.latency.max)} | ${fmt.int(x.rssBeforeKiB)} | ` +
        `${fmt.int(x.rssIdleKiB)} | ${fmt.int(x.rssEndKiB)} | ${fmt.int(x.connectMs)} | ${x.missing} | ` +
        `${x.duplicates} | ${x.outOfOrder} | ${other} | ${fmt.dec(2)(x.otherLoad)} | ` +
        `${x.stalled ? `${x.stalled.disconnected}/${x.stalled.stalled}` : ''} |`,
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
    const counts = { missing: x.missing, duplicates: x.duplicates, outOfOrder: x.outOfOrder };
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
  return correctnessVerdict(bad) + otherText + stalledText;
}

function correctnessVerdict(bad) {
  if (!bad.length) {
    return (
      "Every client of every measurement received every message exactly once and in the server's order " +
      '(missing, duplicate, out-of-order, id mismatch, unparsed frames: all 0).'
    );
  }
  return `**Problems found:**\n\n${bad.join('\n')}`;
}

/** The "How it is measured" lines of the stalled-client scenario, when the run has one. */
function stalledHow(scenarios) {
  const s = scenarios.find((x) => x.stalled);
  if (!s) return '';
  const mib = (b) => (b / 1048576).toFixed(1);
  const perClient = s.textBytes * (s.warmup + s.messages);
  const check = (s.stallCheckMs || 2000) / 1000;
  return `- **${s.id}, stalled clients**: ${s.stalled} of the ${s.clients.toLocaleString('en-US')} clients (spread over the connections)
  connect like the others and, as soon as their \`retry:\` frame has arrived (the server has registered them), stop
  reading (\`socket.pause()\`: the generator no longer reads that socket) for the whole run, warm-up included. The other
  clients are checked and measured exactly as in A; latency and correctness are theirs. Herald runs with its product
  default \`MAX_PENDING_BYTES\` (1 MiB) here, not the 64 MiB of the other scenarios; the baselines have no bound.
  Each text is ${s.payload.toLocaleString('en-US')} characters (the API's limit) padded with a 3-byte UTF-8 character,
  ${mib(perClient)} MiB of text per client in all: past what the kernel holds for a client that stops reading (on
  loopback about 3.8 MiB, measured: the server's send buffer grows to \`net.ipv4.tcp_wmem\`'s maximum, 4 MiB by
  default, plus the client's receive window) plus the 1 MiB bound.
- **Stalled clients disconnected**: after the phase, the tail and the memory readings, every stalled socket is resumed
  and given ${check} s to close. One the server has disconnected reads the little the kernel still held for it, then
  gets the server's reset (or end of stream) at once; one the server still holds starts draining its backlog and is
  still open when the ${check} s are up. Closed within the ${check} s = disconnected (over all runs: disconnected/stalled).
- **RSS growth** (${s.id}): server VmRSS after the phase and the tail, minus VmRSS just before the warm-up (median). It is
  not the stalled clients' backlog alone: it holds everything the phase left in the heap, Herald's history
  (\`HISTORY_LIMIT\`=1000 messages of ${mib(s.textBytes * 1000)} MiB of text here) and whatever the garbage collector has
  not given back. A server that keeps its stalled clients mostly keeps their backlog in the kernel, which the next
  column shows.
- **TCP buffers growth** (${s.id}): the memory of all TCP sockets of the machine (\`TCP: mem\` of /proc/net/sockstat,
  pages) after the phase minus before the warm-up (median). The live clients have read everything by then, so what
  is left is the stalled clients' unread output: about 3.8 MiB per stalled client a server keeps, about 0 for one it
  has cut off (the reset frees it). Machine-wide: other programs' sockets count too.
`;
}

function render({ meta, scenarios, servers, results, describe }) {
  const aggs = new Map();
  const sections = [];
  for (const s of scenarios) {
    const { text, agg } = scenarioTable(s, servers, results);
    aggs.set(s.id, agg);
    sections.push(`### ${s.title}\n\n${text}`);
  }
  const transports = transportTable(scenarios, aggs);
  return `# Herald benchmarks

<!-- Written by tools/bench/bench.js (\`npm run bench\`); a full run overwrites this file. -->

- Command: \`${meta.command}\`
- Date: ${meta.date}
- Machine: ${meta.cpu}, ${meta.cores} cores, ${meta.kernel}; Node ${meta.node}
- Herald commit: \`${meta.commit}\`${meta.dirty ? ' (with uncommitted changes under apps/ or libs/)' : ''}
- Placement: ${meta.placement}
- Runs: ${meta.runs} per server and scenario, servers alternating (order rotated each run); tables show medians,
  correctness counts are totals over all runs${meta.quick ? '; **quick mode: small sizes, indicative only**' : ''}

Servers:
${servers.map((s) => `- \`${s}\`: ${describe(s)}`).join('\n')}

## Summary: server CPU per delivered event and memory per connection, ratio to \`baseline\`

${summaryTable(scenarios, servers, aggs)}
${transports ? `\n## Redis transport (two instances) against the memory transport\n\n${transports}\n` : ''}
## Correctness

${correctnessText(results)}

## Scenarios

${sections.join('\n\n')}

## How it is measured

- Load generator (\`tools/bench/src/loadgen.js\`): one fresh process per measurement, pinned to the generator core.
  It opens the N SSE connections with raw sockets (\`net.connect\`, hand-written \`GET\`), at most 256 handshakes
  in flight, spreading source addresses over 127.0.0.x only when one address would run out of ports, and parses
  the chunked HTTP response and the SSE frames incrementally without JSON.parse (\`tools/bench/src/sse-checker.js\`).
- Every server is started fresh for each measurement, on the server core; clients are split across the target's URLs
  and posts go round-robin (one URL for every target so far).
- **Connect ms**: from the first \`connect()\` to the moment the last of the N clients received the \`retry:\` frame
  (i.e. the server had registered it), with at most 256 connections being set up at a time.
- **KiB/conn idle**: server VmRSS 0.5 s after the last client connected, minus VmRSS before the first connect, divided
  by N. RSS is not garbage-collected on demand, so small N gives noisy numbers; scenario C is the one to quote.
- Then warm-up messages (all delivered, not measured), then the **publish phase**: from just before the first measured
  POST to the moment the last client holds every message. Messages carry \`<seq> <publish time µs> <padding>\` as
  their text; the payload size is the text length.
- **events/s**: measured deliveries (clients × messages) / publish phase. In A it is bounded by the publish rate.
- **Server CPU µs/event**: utime+stime of the server process(es) (/proc/<pid>/stat, all threads, clock ticks of
  \`getconf CLK_TCK\`) over the publish phase, divided by measured deliveries (tick resolution: 10 ms per reading).
- **Latency**: receipt time (when the chunk was read from the socket) − publish time in the payload, both on the
  generator's clock, for every client and measured message. It includes the POST's own trip to the server.
- **Correctness**: each client must hold every published seq exactly once (missing, dup); event ids must grow strictly
  per client (out-of-order), and the id a client sees for a seq must be the one the POST answered and every other
  client saw ("other errors" also counts such id mismatches, unparsed frames, failed POSTs, dropped connections).
  After the phase the generator waits 0.3 s more for late duplicates. Together this means every client received
  every message once, in the server's order; with one publish in flight, or at a paced rate, that is the publish order.
${stalledHow(scenarios)}- gen busy (details): generator CPU / publish phase; near 100% would mean the generator, not the server, was
  the limit.
- other load (details): CPU of everything else on the machine during the phase (/proc/stat busy ticks minus server and
  generator), in cores. Other work on the machine slows events/s and latency; CPU µs/event is much less sensitive to it.

## Every measurement

${detailsTable(results)}
`;
}

module.exports = { render, median, aggregate };
