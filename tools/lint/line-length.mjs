// Fails on any line over 140 characters in the files git tracks, except generated files and markdown table
// rows (a table row cannot wrap). Prettier keeps code within the width; this catches what it cannot break:
// long strings, comments, prose and templates.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 140;
const GENERATED = new Set(['package-lock.json', 'docs/openapi.json', 'docs/BENCHMARKS.md']);
const TEXT = /\.(ts|js|mjs|cjs|json|html|css|md|ya?ml|conf|sh)$|^\.ci\/run$/;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => TEXT.test(file) && !GENERATED.has(file));
const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the work tree
  }
  text.split('\n').forEach((line, index) => {
    if (line.length > MAX && !(file.endsWith('.md') && line.trimStart().startsWith('|')))
      long.push(`${file}:${index + 1} (${line.length})`);
  });
}
if (long.length > 0) {
  console.error(`Lines over ${MAX} characters:\n${long.map((entry) => `  ${entry}`).join('\n')}`);
  process.exit(1);
}
console.log(`No line over ${MAX} characters in ${files.length} files.`);
