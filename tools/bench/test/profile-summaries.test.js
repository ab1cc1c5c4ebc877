'use strict';
/** The profile tool's readers: a .cpuprofile and a .heapprofile into steps and modules, two .heapsnapshot files into a per-stream diff. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { bundleModules, moduleOf, summarize } = require('../src/cpuprofile-summary');
const { summarizeAllocations, formatAllocations } = require('../src/allocation-profile');
const { histogram, closureSites, diffPerStream } = require('../src/heap-snapshot-diff');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-test-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const frame = (functionName, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '1' });

test('modules: packages, Nest folders, Express files, Node internals, builtins, bundle lines', () => {
  const bundleFile = path.join(tmp, 'main.js');
  fs.writeFileSync(
    bundleFile,
    [
      '"use strict";',
      '// dist/out-tsc/api/apps/api/src/sse/sse-writer.js',
      'a();',
      '// dist/out-tsc/api/libs/contracts/src/index.js',
      'b();',
    ].join('\n'),
  );
  const bundle = { file: 'main.js', modules: bundleModules(bundleFile) };
  assert.deepEqual(bundle.modules, [
    { line: 1, name: 'apps/api/src/sse/sse-writer' },
    { line: 3, name: 'libs/contracts/src/index' },
  ]);
  const m = (f) => moduleOf(f, bundle);
  assert.equal(m(frame('x', 'file:///w/node_modules/@nestjs/core/router/sse-stream.js')), '@nestjs/core/router');
  assert.equal(m(frame('x', 'file:///w/node_modules/pino/lib/proto.js')), 'pino');
  assert.equal(m(frame('x', 'file:///w/node_modules/express/lib/response.js')), 'express/response');
  assert.equal(m(frame('x', 'file:///w/node_modules/@scope/pkg/index.js')), '@scope/pkg');
  assert.equal(m(frame('x', 'node:_http_server')), 'node:_http_server');
  assert.equal(m(frame('writev')), '(builtin)');
  assert.equal(m(frame('(garbage collector)')), '(garbage collector)');
  assert.equal(m(frame('x', 'file:///tmp/snap/main.js', 2)), 'apps/api/src/sse/sse-writer');
  assert.equal(m(frame('x', 'file:///tmp/snap/main.js', 4)), 'libs/contracts/src/index');
});

test('steps: a sample counts for the innermost step on its stack; inclusive counts it once per step', () => {
  // root → logger → router → writev (builtin); root → logger (self); root → (garbage collector); root → (idle)
  const nodes = [
    { id: 1, callFrame: frame('(root)'), children: [2, 5, 6] },
    { id: 2, callFrame: frame('mw', 'file:///n/node_modules/pino-http/logger.js'), children: [3] },
    { id: 3, callFrame: frame('next', 'file:///n/node_modules/router/index.js'), children: [4] },
    { id: 4, callFrame: frame('writev'), children: [] },
    { id: 5, callFrame: frame('(garbage collector)'), children: [] },
    { id: 6, callFrame: frame('(idle)'), children: [] },
  ];
  // timeDeltas[i + 1] is what sample i stands for.
  const profile = { nodes, samples: [4, 4, 2, 5, 6], timeDeltas: [0, 10, 10, 20, 40, 100], startTime: 0, endTime: 180 };
  const groups = [
    ['logger', (mod) => mod === 'pino-http'],
    ['routing', (mod) => mod === 'router'],
  ];
  const s = summarize(profile, { groups });
  assert.equal(s.busyUs, 80);
  assert.equal(s.idleUs, 100);
  const [logger, routing] = s.groups;
  assert.deepEqual([logger.us, routing.us], [20, 20]); // the writev under the router counts for the router
  assert.equal(logger.inclusivePct, 0.5);
  assert.equal(routing.inclusivePct, 0.25);
  assert.equal(s.unattributedUs, 40); // the GC
  assert.equal(s.selfByFunction[0].name, '(garbage collector) — (garbage collector)');
  assert.equal(s.selfByModule.find((r) => r.name === '(builtin)').us, 20);
  assert.equal(s.inclusiveByModule.find((r) => r.name === 'pino-http').pct, 0.5);
});

test('allocations: every byte a sampled allocation stands for counts for the innermost step on its stack', () => {
  // root → logger (1 KiB itself) → router (3 KiB) → Buffer (builtin, 2 KiB); root → a Node frame (2 KiB)
  const node = (id, callFrame, selfSize, children = []) => ({ id, callFrame, selfSize, children });
  const heap = {
    head: node(1, frame('(root)'), 0, [
      node(2, frame('mw', 'file:///n/node_modules/pino-http/logger.js'), 1024, [
        node(3, frame('next', 'file:///n/node_modules/router/index.js'), 3072, [node(4, frame('Buffer'), 2048)]),
      ]),
      node(5, frame('nextTick', 'node:internal/process/task_queues'), 2048),
    ]),
  };
  const groups = [
    ['logger', (mod) => mod === 'pino-http'],
    ['routing', (mod) => mod === 'router'],
  ];
  const s = summarizeAllocations(heap, { groups });
  assert.equal(s.busyUs, 8192);
  const [logger, routing] = s.groups;
  assert.deepEqual([logger.us, routing.us], [1024, 5120]); // the Buffer made under the router counts for the router
  assert.equal(logger.inclusivePct, 0.75);
  assert.equal(s.unattributedUs, 2048);
  assert.equal(s.selfByFunction[0].name, 'next — router:1');
  const text = formatAllocations(s, 4, 'connect');
  assert.match(text, /garbage included: 2\.00 KiB per connect \(0\.0 MiB for 4\)/);
  assert.match(text, /62\.5%\s+1\.25 KiB {2}routing/);
});

/** A heap snapshot with `objects` ([type, name, size]) and closures at source lines ([name, line, contextSize]). */
function snapshotFile(name, objects, closures) {
  const strings = ['', 'shared', 'script', 'name', 'context', 'file:///app/main.js'];
  const str = (s) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const types = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'];
  const nodes = [];
  const edges = [];
  const locations = [];
  const W = 5; // type, name, id, self_size, edge_count
  const add = (type, nm, size, edgeList = []) => {
    const at = nodes.length;
    nodes.push(types.indexOf(type), str(nm), at, size, edgeList.length);
    for (const [edgeName, to] of edgeList) edges.push(2, str(edgeName), to);
    return at;
  };
  const url = add('string', 'file:///app/main.js', 10);
  const script = add('code', 'system / Script', 10, [['name', url]]);
  const shared = add('code', 'f', 10, [['script', script]]);
  for (const [type, nm, size] of objects) add(type, nm, size);
  for (const [nm, line, ctxSize] of closures) {
    const ctx = add('object', 'system / Context', ctxSize);
    const at = add('closure', nm, 32, [
      ['shared', shared],
      ['context', ctx],
    ]);
    locations.push(at, 7, line - 1, 0);
  }
  // Edges are listed node after node: the nodes above were added with their edges in order, so this holds.
  const snap = {
    snapshot: {
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [types],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']],
        location_fields: ['object_index', 'script_id', 'line', 'column'],
      },
      node_count: nodes.length / W,
    },
    nodes,
    edges,
    strings,
    locations,
  };
  const file = path.join(tmp, `${name}.heapsnapshot`);
  fs.writeFileSync(file, JSON.stringify(snap));
  return file;
}

test('heap: per-kind histogram, closures by source line with their context, the diff per stream', () => {
  const before = snapshotFile('a', [['object', 'Socket', 300]], [['onclose', 10, 40]]);
  const after = snapshotFile(
    'b',
    [
      ['object', 'Socket', 300],
      ['object', 'Socket', 300],
      ['object', 'Socket', 300],
      ['string', 'a request id', 56],
      ['string', 'another one', 56],
    ],
    [
      ['onclose', 10, 40],
      ['onclose', 10, 40],
      ['onclose', 10, 40],
      ['leave', 20, 24],
      ['leave', 20, 24],
    ],
  );
  const h = histogram(after);
  assert.deepEqual(h.rows.get('Socket (object)'), { count: 3, size: 900 });
  assert.deepEqual(h.rows.get('(string)'), { count: 3, size: 122 });
  const sites = closureSites(JSON.parse(fs.readFileSync(after, 'utf8')), (url, line) => `${url.replace(/^.*\//, '')}:${line}`);
  assert.deepEqual(sites.get('main.js:10'), { count: 3, size: 3 * (32 + 40) });
  const d = diffPerStream(before, after, 2);
  assert.deepEqual(
    d.rows.find((r) => r.key === 'Socket (object)'),
    { key: 'Socket (object)', count: 1, bytes: 300 },
  );
  assert.equal(d.sites.find((r) => r.key.endsWith('main.js:20')).bytes, 56);
  assert.equal(d.sites.find((r) => r.key.endsWith('main.js:10')).count, 1);
});
