import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LogFormat, LogLevel } from '../../config/app-config';
import { createHttpLogger } from './http-logger';

/** Injection token of the request middleware that gives each request its id and its log line. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Structured logs: Nest's Logger writes through pino (nestjs-pino), within a request with that request's
 * id. The request middleware is mounted by `applyOperations()` in front of every other one (`useExisting`
 * here), so even the answers the body parser gives before any route have a line and an id.
 */
@Module({})
export class LoggingModule {
  static forRoot(level: LogLevel, format: LogFormat): DynamicModule {
    const httpLogger = createHttpLogger(level, format);
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: httpLogger.logger }, useExisting: true })],
      providers: [{ provide: HTTP_LOGGER, useValue: httpLogger }],
      exports: [HTTP_LOGGER],
    };
  }
}
