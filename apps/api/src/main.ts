import './check-runtime';
import 'reflect-metadata';
import { createApp } from './app/create-app';
import { ConfigError, loadConfig } from './config/load-config';
import { StartupError } from './errors/startup.error';
import { shutDownGracefullyOn } from './ops/shutdown/shut-down-gracefully-on';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  shutDownGracefullyOn(app, config.shutdownTimeoutMs);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  // Tests and scripts read this line to find the port when PORT=0.
  console.log(`Herald listening on http://${shownHost}:${port}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof StartupError ? err.message : err);
  process.exit(1);
});
