import './check-runtime';
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApp } from './app/create-app';
import { buildOpenApiDocument } from './app/openapi';
import { loadConfig } from './config/load-config';

/** Writes the OpenAPI document to the file named on the command line (`npm run openapi`). */
async function main(target: string): Promise<void> {
  const app = await createApp({ ...loadConfig({}), store: { kind: 'memory' }, webRoot: '', logLevel: 'error' });
  await app.init();
  writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
  console.log(`OpenAPI document written to ${target}`);
}

main(process.argv[2] ?? 'docs/openapi.json').catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
