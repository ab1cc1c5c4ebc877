'use strict';
/**
 * The scenarios of the bench. `group` is what `--scenario` selects (A, B, B1, C, P, R, S); an id (e.g. B-1k) selects
 * one variant. Quick mode shrinks each (QUICK below) and runs each once, to run the whole set in under 3 minutes.
 *
 * Optional fields: `runs` (measurements per server when `--runs` is not given; default 3), `stalled` (that many of
 * the clients stop reading once registered, see src/loadgen.js), `padding` (the character that pads each text to
 * `payload` characters), `env` (Herald settings for this scenario, applied by the Herald targets only; see
 * src/targets.js), `connectCost` (the scenario's connect phase is quoted as the cost of a stream connect), `storm`
 * (mode 'storm': that many of the clients drop and reconnect, see src/storm.js).
 */
const { messageText } = require('./sse-checker');

/** Herald's own default bound on a client's unsent output (MAX_PENDING_BYTES), which S measures. */
const PRODUCT_MAX_PENDING_BYTES = 1048576;

/** Runs per server when neither `--runs` nor the scenario says otherwise. */
const DEFAULT_RUNS = 3;

const full = [
  {
    id: 'A',
    group: 'A',
    title: 'A — 1,000 clients, 200 messages at 50 msg/s, 32 B',
    clients: 1000,
    messages: 200,
    warmup: 10,
    mode: 'rate',
    rate: 50,
    payload: 32,
  },
  {
    id: 'B-32',
    group: 'B',
    title: 'B — 5,000 clients, 100 messages, burst with 8 in flight, 32 B',
    clients: 5000,
    messages: 100,
    warmup: 20,
    mode: 'burst',
    concurrency: 8,
    payload: 32,
  },
  {
    id: 'B-1k',
    group: 'B',
    title: 'B — 5,000 clients, 100 messages, burst with 8 in flight, 1 KiB',
    clients: 5000,
    messages: 100,
    warmup: 20,
    mode: 'burst',
    concurrency: 8,
    payload: 1024,
  },
  {
    // One publish in flight: every message is a turn of its own, so nothing coalesces and the run is sensitive to
    // what else the server does in that turn (GC above all); more runs than elsewhere keep the median steady.
    id: 'B1-32',
    group: 'B1',
    title: 'B1 — 5,000 clients, 100 messages, one publish in flight, 32 B',
    clients: 5000,
    messages: 100,
    warmup: 20,
    mode: 'burst',
    concurrency: 1,
    payload: 32,
    runs: 5,
    connectCost: true,
  },
  {
    id: 'B1-1k',
    group: 'B1',
    title: 'B1 — 5,000 clients, 100 messages, one publish in flight, 1 KiB',
    clients: 5000,
    messages: 100,
    warmup: 20,
    mode: 'burst',
    concurrency: 1,
    payload: 1024,
    runs: 5,
  },
  {
    id: 'C',
    group: 'C',
    title: 'C — 10,000 idle connections (memory), then 10 messages one at a time',
    clients: 10000,
    messages: 10,
    warmup: 2,
    mode: 'burst',
    concurrency: 1,
    payload: 32,
    memory: true,
    connectCost: true,
  },
  {
    // What a post costs (issue 16, point 4): few subscribers, 16 posts in flight; per accepted post the server's
    // CPU over the phase and posts/s (answered posts / time until the last 202).
    id: 'P',
    group: 'P',
    clients: 10,
    messages: 5000,
    warmup: 50,
    mode: 'burst',
    concurrency: 16,
    payload: 200,
    posts: true,
  },
  {
    // The reconnect storm (issue 16, point 3). Posts at 2 msg/s: to 11,000 streams that is already about a quarter
    // of a core for the raw server, so the storm is not starved by the live load but does share the core with it.
    id: 'R',
    group: 'R',
    mode: 'storm',
    clients: 11000,
    storm: 10000,
    behind: 50,
    warmup: 10,
    rate: 2,
    tailMessages: 5,
    payload: 32,
  },
  {
    // A client that stops reading is first held by the kernel: on loopback about 3.8 MiB for a client
    // paused right after connecting (measured on Linux 6.x: the server's send buffer grows to
    // net.ipv4.tcp_wmem's maximum, 4 MiB by default, plus the client's receive window). Only past that
    // does the server's own backlog start, and Herald's 1 MiB bound apply: so about 4.8 MiB must be sent
    // to each stalled client before Herald can cut it off. The API takes at most 2,000 characters per
    // text, so the text is padded with a 3-byte UTF-8 character (5.8 KiB per message): 1,200 of them
    // at 50 msg/s (as in A) are 6.9 MiB per client in 24 s.
    id: 'S',
    group: 'S',
    clients: 1000,
    stalled: 10,
    messages: 1200,
    warmup: 10,
    mode: 'rate',
    rate: 50,
    payload: 2000,
    padding: '漢',
    env: { MAX_PENDING_BYTES: String(PRODUCT_MAX_PENDING_BYTES) },
  },
];

/** Quick sizes; `skip`: left out of a quick run unless asked for by id (the 1 KiB variants, to stay under 3 minutes). */
const QUICK = {
  A: { clients: 200, messages: 40, warmup: 5 },
  'B-32': { clients: 200, messages: 50, warmup: 10 },
  'B-1k': { clients: 200, messages: 50, warmup: 10, skip: true },
  'B1-32': { clients: 200, messages: 50, warmup: 10 },
  'B1-1k': { clients: 200, messages: 50, warmup: 10, skip: true },
  // 2,000: enough for the connect figure and RSS per stream to be more than tick and page noise.
  C: { clients: 2000, messages: 5, warmup: 1 },
  P: { clients: 10, messages: 1000, warmup: 20 },
  R: { clients: 1200, storm: 1000, rate: 10 },
  // Fewer clients, the same bytes per client (that is what the bound is about), four times the rate.
  S: { clients: 100, stalled: 1, messages: 1200, warmup: 5, rate: 200 },
};

const MiB = 1024 * 1024;

/** Bytes of one published text (UTF-8), as the generator builds it. */
function textBytes(s) {
  return Buffer.byteLength(messageText((s.warmup || 0) + (s.messages || 0), 1e13, s.payload, s.padding || 'x'));
}

function retitle(s) {
  const size = s.payload >= 1024 ? `${s.payload / 1024} KiB` : `${s.payload} B`;
  const n = s.clients.toLocaleString('en-US');
  if (s.group === 'S') {
    const bytes = textBytes(s);
    const max = Number(s.env && s.env.MAX_PENDING_BYTES);
    const bound = max
      ? `MAX_PENDING_BYTES=${+(max / MiB).toFixed(2)} MiB${max === PRODUCT_MAX_PENDING_BYTES ? ' (its default)' : ''}`
      : "the bench's MAX_PENDING_BYTES";
    return (
      `S — ${n} clients, ${s.stalled} of them stalled (stop reading once registered), ` +
      `${s.messages.toLocaleString('en-US')} messages at ${s.rate} msg/s, ` +
      `${s.payload.toLocaleString('en-US')} characters (${(bytes / 1024).toFixed(1)} KiB of UTF-8; ` +
      `${((bytes * (s.warmup + s.messages)) / MiB).toFixed(1)} MiB per client over ` +
      `${Math.round(s.messages / s.rate)} s); Herald at ${bound}`
    );
  }
  if (s.group === 'A') return `A — ${n} clients, ${s.messages} messages at ${s.rate} msg/s, ${size}`;
  if (s.group === 'C') return `C — ${n} idle connections (memory), then ${s.messages} messages one at a time`;
  if (s.group === 'P') {
    const posts = s.messages.toLocaleString('en-US');
    return `P — posts/s: ${n} subscribers, ${posts} posts, ${s.concurrency} in flight, ${size}`;
  }
  if (s.group === 'R') {
    return (
      `R — reconnect storm: ${s.storm.toLocaleString('en-US')} of ${n} streams drop at once and reconnect ` +
      `${s.behind} messages behind (Last-Event-ID), posts at ${s.rate} msg/s meanwhile`
    );
  }
  const inFlight = s.concurrency === 1 ? 'one publish in flight' : `burst with ${s.concurrency} in flight`;
  return `${s.group} — ${n} clients, ${s.messages} messages, ${inFlight}, ${size}`;
}

/** The scenarios selected by `--scenario` (comma list of groups or ids; empty = all). */
function selectScenarios(selection, quick) {
  const wanted = selection && selection.length ? selection.map((s) => s.trim()).filter(Boolean) : null;
  const known = new Set(full.flatMap((s) => [s.id, s.group]));
  for (const w of wanted || []) if (!known.has(w)) throw new Error(`unknown scenario "${w}" (known: ${[...known].join(', ')})`);
  return full
    .filter((s) =>
      wanted ? wanted.includes(s.id) || (wanted.includes(s.group) && !(quick && QUICK[s.id].skip)) : !(quick && QUICK[s.id].skip),
    )
    .map((s) => {
      const sizes = { ...QUICK[s.id] };
      delete sizes.skip;
      const scenario = quick ? { ...s, ...sizes, runs: 1 } : { runs: DEFAULT_RUNS, ...s };
      return { ...scenario, textBytes: textBytes(scenario), title: retitle(scenario) };
    });
}

/** The runs of a bench for its header: `3`, or when scenarios differ `3 (B1: 5)`; `forced` is `--runs`. */
function runsText(scenarios, forced) {
  if (forced) return `${forced}`;
  const groups = new Map();
  for (const s of scenarios) groups.set(s.runs, new Set([...(groups.get(s.runs) || []), s.group]));
  const [common] = [...groups.entries()].sort((a, b) => b[1].size - a[1].size)[0];
  const others = [...groups.entries()].filter(([r]) => r !== common).map(([r, g]) => `${[...g].join(', ')}: ${r}`);
  return `${common}${others.length ? ` (${others.join('; ')})` : ''}`;
}

module.exports = { selectScenarios, runsText, scenarios: full, PRODUCT_MAX_PENDING_BYTES, DEFAULT_RUNS };
