'use strict';
/**
 * What a phase allocates, from V8's sampling heap profiler (`.heapprofile`, written by the preload in its `alloc`
 * mode): the profiler samples about one allocation per `samplingInterval` bytes with the stack that made it, and
 * with `includeObjectsCollectedByMinorGC`/`...MajorGC` it keeps the garbage too, so the total is everything the
 * phase allocated on V8's heap (not Buffers' memory outside it). The garbage is what makes the young generation
 * fill and the scavenger run; what survives is what it copies.
 */
const { summarize, formatSummary } = require('./cpuprofile-summary');

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

/** Allocations by step, function and module: `summarize()`'s tables, in bytes. */
function summarizeAllocations(heap, { bundle = null, groups = [] } = {}) {
  return summarize(fromHeapProfile(heap), { bundle, groups });
}

/** The tables of an allocation summary, in KiB per one of the phase's `count` units (a connect, a post). */
function formatAllocations(s, count, unit, top = 25) {
  const kib = (bytes) => `${(bytes / 1024 / count).toFixed(2).padStart(7)} KiB`;
  return formatSummary(s, top, {
    amount: kib,
    head: () =>
      `allocated on V8's heap, garbage included: ${kib(s.busyUs).trim()} per ${unit} (${(s.busyUs / 1048576).toFixed(1)} MiB for ${count})`,
    steps: `by step, KiB per ${unit}: attributed (innermost step on the stack), then inclusive:`,
    noStep: 'no step on the stack: Node alone',
    byFunction: 'allocated by function',
    byModule: 'allocated by module',
    inclusiveByModule: null,
  });
}

module.exports = { fromHeapProfile, summarizeAllocations, formatAllocations };
