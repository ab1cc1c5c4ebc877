import { ConsoleLogger, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, LOG_LEVELS } from '../config/app-config';
import { ApiExceptionFilter } from '../common/api-exception.filter';
import { jsonBody } from '../common/json-body.middleware';
import { AppModule } from './app.module';
import { serveOpenApi } from './openapi';

/** Builds the whole server (API, docs, web app) from a validated configuration, without listening yet. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const logger = new ConsoleLogger('Herald', { logLevels: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1) });
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger,
    bodyParser: false,
    // Open event streams would otherwise hold app.close() until every client leaves.
    forceCloseConnections: true,
  });
  app.setGlobalPrefix('api');
  app.use(jsonBody);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  serveOpenApi(app);
  return app;
}
