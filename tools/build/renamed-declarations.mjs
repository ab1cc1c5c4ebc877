// esbuild renames a top-level class or function when another module of the same bundle declares that name too
// (Foo becomes Foo2), and with it the name that Nest's logs and errors and the OpenAPI schemas read. Its keepNames
// option would restore them, at the price of a defineProperty on every function the server creates, the closures
// it makes per request and per stream among them. So the bundles keep none, and the build fails where a name changed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// A class's or function's own name (not `class extends`), or the variable one is assigned to, which names it (esbuild
// writes `class Foo {}` of an ES module as `var Foo = class {}`); esbuild's own helpers are `__`-prefixed.
const DECLARATION =
  /\b(?:class|function\*?)\s+(?!extends\b|__)([A-Za-z_$][\w$]*)|\b(?:var|let|const)\s+(?!__)([A-Za-z_$][\w$]*)\s*=\s*(?:class|function)\b/g;

function declaredNames(text, into = new Set()) {
  for (const match of text.matchAll(DECLARATION)) into.add(match[1] ?? match[2]);
  return into;
}

/** The classes and functions a bundle declares under a name that no compiled module declares: esbuild's renames. */
export function renamedDeclarations(compiledDir, bundleFiles) {
  const names = new Set();
  for (const entry of readdirSync(compiledDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.js')) declaredNames(readFileSync(join(entry.parentPath, entry.name), 'utf8'), names);
  }
  const renamed = [];
  for (const file of bundleFiles) {
    for (const name of declaredNames(readFileSync(file, 'utf8'))) if (!names.has(name)) renamed.push(`${name} (${file})`);
  }
  return renamed;
}
