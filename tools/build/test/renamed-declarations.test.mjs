// The build's guard for the names esbuild gives the classes and functions it bundles.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import * as esbuild from 'esbuild';
import { renamedDeclarations } from '../renamed-declarations.mjs';

/** Writes `modules` (name → text) into a folder, bundles `entry.js` the way the API's build does, returns the paths. */
async function bundle(modules) {
  const dir = mkdtempSync(join(tmpdir(), 'herald-names-'));
  const compiled = join(dir, 'compiled');
  mkdirSync(compiled);
  for (const [name, text] of Object.entries(modules)) writeFileSync(join(compiled, name), text);
  const out = join(dir, 'out', 'entry.js');
  await esbuild.build({
    entryPoints: [join(compiled, 'entry.js')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
  });
  return { dir, compiled, out };
}

test('a class two ES modules both declare is reported under the name the bundle gave it', async (t) => {
  const { dir, compiled, out } = await bundle({
    'a.js': 'export class ChatController {}\n',
    'b.js': 'export class ChatController {}\n',
    'entry.js':
      "import { ChatController as A } from './a.js';\nimport { ChatController as B } from './b.js';\nconsole.log(A.name, B.name);\n",
  });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(renamedDeclarations(compiled, [out]), [`ChatController2 (${out})`]);
});

test('CommonJS modules, as tsc emits them, keep every name, and nothing is reported', async (t) => {
  const { dir, compiled, out } = await bundle({
    'a.js': 'class ChatController {}\nfunction post() {}\nmodule.exports = { ChatController, post };\n',
    'b.js': 'class ChatController extends Error {}\nfunction post() {}\nmodule.exports = { ChatController, post };\n',
    'entry.js': "const a = require('./a.js');\nconst b = require('./b.js');\nconsole.log(a, b, class extends Error {});\n",
  });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(renamedDeclarations(compiled, [out]), []);
});
