import { unsupportedRuntime } from './app/supported-runtime';

// Imported first by the entry points, so an old Node.js stops here with a sentence, not deep in a dependency.
const problem = unsupportedRuntime(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
