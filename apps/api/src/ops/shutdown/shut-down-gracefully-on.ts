import { INestApplication, Logger } from '@nestjs/common';
import { GracefulShutdown } from './graceful-shutdown';

/** Time kept back from SHUTDOWN_TIMEOUT_MS for closing the application after the drain. */
const CLOSE_RESERVE_MS = 1_000;

/**
 * On the first SIGTERM or SIGINT: drain ({@link GracefulShutdown}), close the application (stores,
 * timers, remaining sockets) and exit 0; exit 1 if that takes longer than `timeoutMs`, or on a second
 * signal. Nest's own `enableShutdownHooks()` is not used: it would close the stores before the posts
 * in flight are stored.
 */
export function shutDownGracefullyOn(app: INestApplication, timeoutMs: number, signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    started = true;
    logger.log(`${signal} received`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than SHUTDOWN_TIMEOUT_MS=${timeoutMs}; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    const drainDeadline = Date.now() + Math.max(timeoutMs / 2, timeoutMs - CLOSE_RESERVE_MS);
    app
      .get(GracefulShutdown)
      .drain(drainDeadline)
      .then(() => app.close())
      .then(
        () => {
          logger.log('Shut down');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error(err);
          process.exit(1);
        },
      );
  };
  for (const signal of signals) process.on(signal, onSignal);
}
