import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
import { answerClientErrorsAsJson } from '../errors/client-errors';
import { limitRequestsInFlight } from '../access/requests-in-flight.middleware';
import { noteNestStreams } from '../sse/nest-stream-release';
import { jsonBody } from './json-body.middleware';
import { applyRequestTimeouts } from './request-timeouts';
import { applyOperations } from '../ops/apply-operations';
import { enterRequestLog } from '../ops/logging/request-log-scope';
import { HUB_METRICS, type HubMetrics } from '../hub/hub-metrics';
import { createStores } from '../hub/store/create-stores';
import { AppModule } from './app.module';
import { HttpAdapter } from './http.adapter';
import { serveOpenApi } from './openapi';
import { applySecurity } from './security-headers';

/** Builds the whole server (API, docs, web app) from a validated configuration, without listening yet. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  // The stores first, outside Nest: one that cannot open (a locked or damaged file) stops the start here.
  let reportStoreError: () => void = () => undefined;
  const stores = createStores(config, () => reportStoreError());
  const app = await NestFactory.create(AppModule.forRoot(config, stores), new HttpAdapter(), {
    // Held until applyOperations() installs the JSON logger (LOG_LEVEL applies there).
    bufferLogs: true,
    bodyParser: false,
  });
  // ETags serve caches, and every API answer is no-store; Express would hash each answer for nothing.
  // (The web app's files keep theirs: the static file server sets its own.)
  app.getHttpAdapter().getInstance().set('etag', false);
  const metrics = app.get<HubMetrics>(HUB_METRICS);
  reportStoreError = () => metrics.storeError();
  applyOperations(app);
  applySecurity(app, config);
  app.use(limitRequestsInFlight(config.maxRequestsPerIp));
  // Prometheus scrapes /metrics by convention; it is not part of the API.
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.use(jsonBody);
  // After the body parser, whose wait for the body loses the request's async context: what routes log has its id.
  app.use(enterRequestLog);
  // Before the routes: an event stream takes its connection over from Nest once its headers are out.
  app.use(noteNestStreams);
  app.useGlobalFilters(new ApiExceptionFilter());
  answerClientErrorsAsJson(app.getHttpServer());
  applyRequestTimeouts(app.getHttpServer(), config.requestTimeoutMs);
  serveOpenApi(app);
  return app;
}
