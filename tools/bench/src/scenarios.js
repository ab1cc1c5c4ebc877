'use strict';
/**
 * The scenarios of the bench. `group` is what `--scenario` selects (A, B, B1, C, P, S); an id (e.g. B-1k) selects
 * one variant. Quick mode shrinks each to run the whole set in well under a minute.
 *
 * Optional fields: `stalled` (that many of the clients stop reading once registered, see src/loadgen.js),
 * `padding` (the character that pads each text to `payload` characters), `env` (Herald settings for this
 * scenario, applied by the Herald targets only; see src/targets.js).
 */
const { messageText } = require('./sse-checker');

/** Herald's own default bound on a client's unsent output (MAX_PENDING_BYTES), which S measures. */
const PRODUCT_MAX_PENDING_BYTES = 1048576;

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
    id: 'B1-32',
    group: 'B1',
    title: 'B1 — 5,000 clients, 100 messages, one publish in flight, 32 B',
    clients: 5000,
    messages: 100,
    warmup: 20,
    mode: 'burst',
    concurrency: 1,
    payload: 32,
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
  },
  {
    // What a store costs a post: few subscribers, many posts in flight. posts/s = events/s ÷ clients.
    id: 'P',
    group: 'P',
    clients: 10,
    messages: 3000,
    warmup: 20,
    mode: 'burst',
    concurrency: 64,
    payload: 200,
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

const QUICK = {
  A: { clients: 200, messages: 40, warmup: 5 },
  'B-32': { clients: 200, messages: 50, warmup: 10 },
  'B-1k': { clients: 200, messages: 50, warmup: 10 },
  'B1-32': { clients: 200, messages: 50, warmup: 10 },
  'B1-1k': { clients: 200, messages: 50, warmup: 10 },
  C: { clients: 1000, messages: 5, warmup: 1 },
  P: { clients: 10, messages: 500, warmup: 10 },
  // Fewer clients, the same bytes per client (that is what the bound is about), twice the rate.
  S: { clients: 200, stalled: 2, messages: 1200, warmup: 5, rate: 100 },
};

const MiB = 1024 * 1024;

/** Bytes of one published text (UTF-8), as the generator builds it. */
function textBytes(s) {
  return Buffer.byteLength(messageText(s.warmup + s.messages, 1e13, s.payload, s.padding || 'x'));
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
    return `P — posts/s: ${n} clients, ${posts} posts, ${s.concurrency} in flight, ${size} (posts/s = events/s ÷ ${n})`;
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
    .filter((s) => !wanted || wanted.includes(s.id) || wanted.includes(s.group))
    .map((s) => {
      const scenario = quick ? { ...s, ...QUICK[s.id] } : { ...s };
      return { ...scenario, textBytes: textBytes(scenario), title: retitle(scenario) };
    });
}

module.exports = { selectScenarios, scenarios: full, PRODUCT_MAX_PENDING_BYTES };
