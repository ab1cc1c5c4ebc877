'use strict';
/**
 * What a phase allocates, from V8's sampling heap profiler (`.heapprofile`, written by the preload in its `alloc`
 * mode): the profiler samples about one allocation per `samplingInterval` bytes with the stack that made it, and
 * with `includeObjectsCollectedByMinorGC`/`...MajorGC` it keeps the garbage too, so the total is everything the
 * phase allocated on V8's heap (not Buffers' memory outside it). The garbage is what makes the young generation
 * fill and the scavenger run; what survives is what it copies.
 */
const { summarize } = require('./cpuprofile-summary');

/** A `.heapprofile` (one tree of nodes with their `selfSize`) in the shape `summarize()` reads: bytes as weights. */
function fromHeapProfile(heap) {
  const nodes = [];
  const samples = [];
  const weights = [];
  const walk = (n) => {
    nodes.push({ id: n.id, callFrame: n.callFrame, children: n.children.map((c) => c.id) });
    if (n.selfSize > 0) {
      samples.push(n.id);
      weights.push(n.selfSize);
    }
    n.children.forEach(walk);
  };
  walk(heap.head);
  return { nodes, samples, weights };
}

/** Allocations by step, function and module, in KiB per one of the phase's `count` units (a connect, a post). */
function summarizeAllocations(heap, { bundle = null, groups = [] } = {}) {
  return summarize(fromHeapProfile(heap), { bundle, groups });
}

function formatAllocations(s, count, unit, top = 25) {
  const kib = (bytes) => `${(bytes / 1024 / count).toFixed(2).padStart(7)} KiB`;
  const row = (r) => `${(r.pct * 100).toFixed(1).padStart(6)}%  ${kib(r.us)}  ${r.name}`;
  const block = (title, rows) => [`${title}:`, ...rows.map(row)].join('\n');
  return [
    `allocated on V8's heap, garbage included: ${kib(s.busyUs).trim()} per ${unit} (${(s.busyUs / 1048576).toFixed(1)} MiB for ${count})`,
    s.groups.length
      ? [
          `by step, KiB per ${unit}: attributed (innermost step on the stack), then inclusive:`,
          ...[...s.groups].sort((a, b) => b.us - a.us).map((g) => `${row(g)}  (inclusive ${(g.inclusivePct * 100).toFixed(1)}%)`),
          row({ name: 'no step on the stack: Node alone', us: s.unattributedUs, pct: s.unattributedUs / s.busyUs }),
        ].join('\n')
      : null,
    block('allocated by function', s.selfByFunction.slice(0, top)),
    block('allocated by module', s.selfByModule.slice(0, top)),
  ]
    .filter(Boolean)
    .join('\n\n');
}

module.exports = { fromHeapProfile, summarizeAllocations, formatAllocations };
