'use strict';
/**
 * Reads a V8 .cpuprofile (as the preload writes it) into tables: self time by function, self and inclusive time
 * by module, and time by named step (a group of modules). A step's "attributed" time is every sample whose innermost
 * step frame is that step: modules of no step (Node's own, V8 builtins) count for the step that called them, so
 * an Express middleware gets what it does itself but not what runs inside its `next()`, which its inclusive time
 * (a sample counts once however many of its frames belong to the step) holds. Percentages are of the busy time
 * (every sample but `(idle)`).
 *
 * A frame's module: a package under node_modules (`@nestjs/core/router`: Nest's packages with their folder,
 * `express/response`: Express's files), a Node
 * internal (`node:_http_server`), a V8 builtin (`(builtin)`), or, in Herald's esbuild bundle, the source file the
 * line belongs to (`apps/api/src/sse/sse-writer`), found from the `// <path>.js` comments esbuild writes before each
 * module.
 */
const fs = require('node:fs');

/** Line → source module of an esbuild bundle (unminified): sorted `{ line, name }`, 0-based lines. */
function bundleModules(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out = [];
  lines.forEach((text, line) => {
    const m = /^\/\/ (\S+)\.js$/.exec(text);
    if (m) out.push({ line, name: m[1].replace(/^.*?(?=(?:apps|libs)\/)/, '') });
  });
  return out;
}

function moduleAt(modules, line) {
  let low = 0;
  let high = modules.length - 1;
  let found = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (modules[mid].line <= line) {
      found = modules[mid].name;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found || '(bundle)';
}

/** The module a frame belongs to (see the file comment). */
function moduleOf(frame, bundle) {
  const { functionName, url, lineNumber } = frame;
  if (/^\((garbage collector|program|idle|root)\)$/.test(functionName)) return functionName;
  if (!url) return '(builtin)';
  if (bundle && url.endsWith(bundle.file)) return moduleAt(bundle.modules, lineNumber);
  if (url.startsWith('node:')) return url;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const parts = url.slice(nm + 14).split('/');
    if (parts[0].startsWith('@nestjs')) return parts.slice(0, parts.length > 3 ? 3 : 2).join('/');
    // Express's request handling and its response helpers (res.json, ETag, headers) are different costs.
    if (parts[0] === 'express' && parts[1] === 'lib') return `express/${parts[parts.length - 1].replace(/\.js$/, '')}`;
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return url.replace(/^.*\//, '');
}

/**
 * @param {object} profile  the parsed .cpuprofile, or an allocation profile read by allocation-profile.js (its
 *   samples carry `weights`, bytes: the `us` figures below are then bytes)
 * @param {object} [o]
 * @param {{ file: string, modules: {line: number, name: string}[] }} [o.bundle]  Herald's bundle and its module map
 * @param {Array<[string, (module: string) => boolean]>} [o.groups]  named groups of modules
 */
function summarize(profile, { bundle = null, groups = [] } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const info = new Map();
  // Per node: its module, its function key, and the set of modules and groups anywhere on its stack.
  const infoOf = (id) => {
    let x = info.get(id);
    if (x) return x;
    const n = byId.get(id);
    const mod = moduleOf(n.callFrame, bundle);
    const up = parent.has(id) ? infoOf(parent.get(id)) : { mods: new Set(), groups: new Set(), innermost: -1 };
    const mods = new Set(up.mods).add(mod);
    const gs = new Set(up.groups);
    const own = groups.findIndex(([, test]) => test(mod));
    if (own !== -1) gs.add(own);
    const fn = `${n.callFrame.functionName || '(anonymous)'} — ${mod}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    x = { mod, fn, mods, groups: gs, innermost: own !== -1 ? own : up.innermost };
    info.set(id, x);
    return x;
  };
  const selfFn = new Map();
  const selfMod = new Map();
  const incMod = new Map();
  const incGroup = new Array(groups.length).fill(0);
  const ownGroup = new Array(groups.length).fill(0);
  let unattributed = 0;
  const add = (m, k, v) => m.set(k, (m.get(k) || 0) + v);
  let busy = 0;
  let idle = 0;
  const { samples, timeDeltas, weights } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one (or for its own weight: bytes, in an allocation profile).
    const dt = weights ? weights[i] : i + 1 < timeDeltas.length ? timeDeltas[i + 1] : timeDeltas[i] || 0;
    const x = infoOf(samples[i]);
    if (x.mod === '(idle)') {
      idle += dt;
      continue;
    }
    busy += dt;
    add(selfFn, x.fn, dt);
    add(selfMod, x.mod, dt);
    for (const m of x.mods) add(incMod, m, dt);
    for (const g of x.groups) incGroup[g] += dt;
    if (x.innermost !== -1) ownGroup[x.innermost] += dt;
    else unattributed += dt;
  }
  const ranked = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, us, pct: us / busy }));
  return {
    busyUs: busy,
    idleUs: idle,
    selfByFunction: ranked(selfFn),
    selfByModule: ranked(selfMod),
    inclusiveByModule: ranked(incMod).filter((r) => r.name !== '(root)'),
    groups: groups.map(([name], k) => ({ name, us: ownGroup[k], pct: ownGroup[k] / busy, inclusivePct: incGroup[k] / busy })),
    unattributedUs: unattributed,
  };
}

/** How a summary of CPU time reads: milliseconds, of the busy time. */
const TIME = {
  amount: (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`,
  head: (s) => `busy ${(s.busyUs / 1000).toFixed(0)} ms, idle ${(s.idleUs / 1000).toFixed(0)} ms (percentages are of busy time)`,
  steps: 'by step: attributed (innermost step on the stack; Node and V8 count for their caller), then inclusive:',
  noStep: 'no step on the stack: GC, (program), Node alone',
  byFunction: 'self time by function',
  byModule: 'self time by module',
  inclusiveByModule: 'inclusive time by module',
};

/** Plain-text tables of a summary, `top` rows each, in `measure`'s terms (CPU time unless told otherwise). */
function formatSummary(s, top = 25, measure = TIME) {
  const row = (r) => `${(r.pct * 100).toFixed(1).padStart(6)}%  ${measure.amount(r.us)}  ${r.name}`;
  const block = (title, rows) => (title ? [`${title}:`, ...rows.map(row)].join('\n') : null);
  return [
    measure.head(s),
    s.groups.length
      ? [
          measure.steps,
          ...[...s.groups].sort((a, b) => b.us - a.us).map((g) => `${row(g)}  (inclusive ${(g.inclusivePct * 100).toFixed(1)}%)`),
          row({ name: measure.noStep, us: s.unattributedUs, pct: s.unattributedUs / s.busyUs }),
        ].join('\n')
      : null,
    block(measure.byFunction, s.selfByFunction.slice(0, top)),
    block(measure.byModule, s.selfByModule.slice(0, top)),
    block(measure.inclusiveByModule, s.inclusiveByModule.slice(0, top)),
  ]
    .filter(Boolean)
    .join('\n\n');
}

module.exports = { bundleModules, moduleAtLine: moduleAt, moduleOf, summarize, formatSummary };
