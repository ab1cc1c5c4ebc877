import { INestApplication } from '@nestjs/common';
import type { HttpLogger } from './logging/http-logger';
import { HTTP_LOGGER } from './logging/logging.module';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { HeraldMetrics } from './metrics/herald-metrics';
import { countRejectedPosts } from './metrics/rejected-posts.middleware';
import { GracefulShutdown } from './shutdown/graceful-shutdown';

/**
 * Mounts what operations need in front of every other middleware: the request id and log line, the
 * shutdown gate, and the count of refused posts (before the body parser, which refuses some itself).
 * Call it right after creating the application.
 */
export function applyOperations(app: INestApplication): void {
  app.useLogger(app.get(PinoNestLogger));
  app.use(app.get<HttpLogger>(HTTP_LOGGER));
  app.use(app.get(GracefulShutdown).gate);
  app.use(countRejectedPosts(app.get(HeraldMetrics)));
}
