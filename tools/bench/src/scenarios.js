'use strict';
/**
 * The scenarios of the bench. `group` is what `--scenario` selects (A, B, B1, C); an id (e.g. B-1k) selects
 * one variant. Quick mode shrinks each to run the whole set in well under a minute.
 */
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
];

const QUICK = {
  A: { clients: 200, messages: 40, warmup: 5 },
  'B-32': { clients: 200, messages: 50, warmup: 10 },
  'B-1k': { clients: 200, messages: 50, warmup: 10 },
  'B1-32': { clients: 200, messages: 50, warmup: 10 },
  'B1-1k': { clients: 200, messages: 50, warmup: 10 },
  C: { clients: 1000, messages: 5, warmup: 1 },
};

function retitle(s) {
  const size = s.payload >= 1024 ? `${s.payload / 1024} KiB` : `${s.payload} B`;
  const n = s.clients.toLocaleString('en-US');
  if (s.group === 'A') return `A — ${n} clients, ${s.messages} messages at ${s.rate} msg/s, ${size}`;
  if (s.group === 'C') return `C — ${n} idle connections (memory), then ${s.messages} messages one at a time`;
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
      return { ...scenario, title: retitle(scenario) };
    });
}

module.exports = { selectScenarios, scenarios: full };
