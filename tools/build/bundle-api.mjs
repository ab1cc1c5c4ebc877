// Bundles the API that tsc compiled (dist/out-tsc/api) into dist/apps/api/main.js, write-openapi.js, backup.js and
// sqlite-writer.js (the SQLite store's worker).
// tsc compiles, because it alone emits the decorator metadata Nest's injection reads; esbuild only links
// the output into one file per entry, resolving the workspace aliases and leaving node_modules outside.
// `--watch` rebuilds whenever tsc --watch rewrites its output (the development loop); `--from DIR --to DIR`
// link another compilation (the benchmark's private snapshot).
import * as esbuild from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renamedDeclarations } from './renamed-declarations.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : resolve(process.argv[at + 1]);
};
const compiled = argument('--from', join(root, 'dist/out-tsc/api'));
const outdir = argument('--to', join(root, 'dist/apps/api'));
const aliases = {
  '@herald/contracts': join(compiled, 'libs/contracts/src/index.js'),
  '@herald/contracts/dto': join(compiled, 'libs/contracts/src/dto.js'),
};

const workspaceAliases = {
  name: 'workspace-aliases',
  setup(build) {
    build.onResolve({ filter: /^@herald\// }, (args) => {
      const path = aliases[args.path];
      return path ? { path } : { errors: [{ text: `${args.path} is not a library the API may bundle` }] };
    });
  },
};

// Fails the build (in watch mode: reports) where bundling changed a class's or function's name.
const keepDeclaredNames = {
  name: 'keep-declared-names',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const bundles = Object.keys(build.initialOptions.entryPoints).map((entry) => join(outdir, `${entry}.js`));
      const renamed = renamedDeclarations(compiled, bundles);
      if (renamed.length === 0) return;
      console.error(
        `The bundler renamed these declarations, which would change the names Nest and the OpenAPI document read: ${renamed.join(', ')}`,
      );
      process.exitCode = 1;
    });
  },
};

const options = {
  entryPoints: {
    main: join(compiled, 'apps/api/src/main.js'),
    'write-openapi': join(compiled, 'apps/api/src/write-openapi.js'),
    backup: join(compiled, 'apps/api/src/backup.js'),
    // The SQLite store's writer thread, which the app starts from the file beside its bundle.
    'sqlite-writer': join(compiled, 'apps/api/src/hub/store/sqlite/sqlite-writer.worker.js'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [workspaceAliases, keepDeclaredNames],
};

if (process.argv.includes('--watch')) {
  const context = await esbuild.context({ ...options, logLevel: 'info' });
  await context.watch();
} else {
  await esbuild.build(options);
}
