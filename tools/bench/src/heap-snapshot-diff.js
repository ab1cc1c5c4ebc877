'use strict';
/**
 * What N idle streams add to a V8 heap, by kind of object: two .heapsnapshot files (before the streams, with them)
 * reduced to count and self size per constructor (objects, closures by function name, native objects) or per type
 * (strings, arrays, code, hidden), and the difference divided by N. Self size only: what each object holds itself,
 * so the rows add up to the heap's growth without counting anything twice.
 */
const fs = require('node:fs');

/** Named kinds are reported by name; the others by type alone (their names are contents, e.g. a string's text). */
const BY_NAME = new Set(['object', 'closure', 'native', 'regexp']);

function histogram(file, snap = JSON.parse(fs.readFileSync(file, 'utf8'))) {
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [TYPE, NAME, SIZE] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const out = new Map();
  let total = 0;
  const { nodes, strings } = snap;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + TYPE]];
    const key = BY_NAME.has(type) ? `${strings[nodes[i + NAME]] || '(anonymous)'} (${type})` : `(${type})`;
    const size = nodes[i + SIZE];
    total += size;
    const e = out.get(key);
    if (e) {
      e.count++;
      e.size += size;
    } else out.set(key, { count: 1, size });
  }
  return { rows: out, total };
}

/**
 * Closures by the source line of their function (the snapshot's `locations`, the script's name through closure →
 * shared → script → name), each with the context it closes over (counted once, for the first closure that holds
 * it): who keeps what alive per stream. `name(url, line)` may rename a site (e.g. a bundle line to its module).
 */
function closureSites(snap, name = (url, line) => `${url}:${line}`) {
  const { nodes, edges, strings, locations } = snap;
  const meta = snap.snapshot.meta;
  const width = meta.node_fields.length;
  const ewidth = meta.edge_fields.length;
  const types = meta.node_types[0];
  const etypes = meta.edge_types[0];
  const [TYPE, NAME, SIZE, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f));
  const first = new Uint32Array(nodes.length / width + 1);
  for (let i = 0, e = 0; i < nodes.length; i += width) {
    first[i / width] = e;
    e += nodes[i + EDGES] * ewidth;
  }
  /** The node an edge named `edgeName` of the node at offset `at` points to, or -1. */
  const follow = (at, edgeName) => {
    const k = at / width;
    for (let e = first[k], end = e + nodes[at + EDGES] * ewidth; e < end; e += ewidth) {
      const t = etypes[edges[e]];
      if (t !== 'element' && t !== 'hidden' && strings[edges[e + 1]] === edgeName) return edges[e + 2];
    }
    return -1;
  };
  const scriptNames = new Map();
  const scriptName = (closure, scriptId) => {
    if (scriptNames.has(scriptId)) return scriptNames.get(scriptId);
    const shared = follow(closure, 'shared');
    const script = shared === -1 ? -1 : follow(shared, 'script');
    const str = script === -1 ? -1 : follow(script, 'name');
    const url = str === -1 ? `script ${scriptId}` : strings[nodes[str + NAME]];
    scriptNames.set(scriptId, url);
    return url;
  };
  const seenContexts = new Set();
  const out = new Map();
  const lw = meta.location_fields.length;
  for (let i = 0; i < locations.length; i += lw) {
    const at = locations[i];
    if (types[nodes[at + TYPE]] !== 'closure') continue;
    const key = name(scriptName(at, locations[i + 1]), locations[i + 2] + 1);
    let size = nodes[at + SIZE];
    const ctx = follow(at, 'context');
    if (ctx !== -1 && !seenContexts.has(ctx)) {
      seenContexts.add(ctx);
      size += nodes[ctx + SIZE];
    }
    const e = out.get(key);
    if (e) {
      e.count++;
      e.size += size;
    } else out.set(key, { count: 1, size });
  }
  return out;
}

function diffRows(a, b, streams) {
  const rows = [];
  for (const [key, e] of b) {
    const was = a.get(key) || { count: 0, size: 0 };
    const size = (e.size - was.size) / streams;
    if (Math.abs(size) >= 1) rows.push({ key, count: (e.count - was.count) / streams, bytes: size });
  }
  return rows.sort((x, y) => y.bytes - x.bytes);
}

/**
 * Per stream: count and bytes of each kind that grew, largest first, the closures (with their contexts) by source
 * line, and the heap's total growth per stream.
 */
function diffPerStream(beforeFile, afterFile, streams, siteName) {
  const read = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
  let snap = read(beforeFile);
  const a = histogram(null, snap);
  const sitesA = closureSites(snap, siteName);
  snap = read(afterFile);
  const b = histogram(null, snap);
  const sitesB = closureSites(snap, siteName);
  snap = null;
  return {
    bytesPerStream: (b.total - a.total) / streams,
    rows: diffRows(a.rows, b.rows, streams),
    sites: diffRows(sitesA, sitesB, streams),
  };
}

const rowText = (r) => `${r.bytes.toFixed(0).padStart(7)} B  ${r.count.toFixed(2).padStart(6)} ×  ${r.key}`;

function formatDiff(d, top = 30) {
  return [
    `heap self size per stream: ${(d.bytesPerStream / 1024).toFixed(2)} KiB`,
    ...d.rows.slice(0, top).map(rowText),
    '',
    'closures per stream by where their function is (with the context each holds, counted once):',
    ...d.sites.slice(0, top).map(rowText),
  ].join('\n');
}

/** `a` minus `b`, row by row (e.g. Herald's rows minus the minimal route's): what the first holds on top. */
function formatShare(a, b, top = 30) {
  const minus = (x, y) => {
    const m = new Map(y.map((r) => [r.key, r]));
    const keys = new Set([...x.map((r) => r.key), ...y.map((r) => r.key)]);
    const xs = new Map(x.map((r) => [r.key, r]));
    return [...keys]
      .map((key) => {
        const p = xs.get(key) || { count: 0, bytes: 0 };
        const q = m.get(key) || { count: 0, bytes: 0 };
        return { key, count: p.count - q.count, bytes: p.bytes - q.bytes };
      })
      .filter((r) => Math.abs(r.bytes) >= 8)
      .sort((p, q) => q.bytes - p.bytes);
  };
  return [
    `heap per stream, difference: ${((a.bytesPerStream - b.bytesPerStream) / 1024).toFixed(2)} KiB`,
    ...minus(a.rows, b.rows).slice(0, top).map(rowText),
    '',
    'closures, difference by site:',
    ...minus(a.sites, b.sites).slice(0, top).map(rowText),
  ].join('\n');
}

module.exports = { histogram, closureSites, diffPerStream, formatDiff, formatShare };
