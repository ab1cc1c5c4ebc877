import { DynamicModule, Module } from '@nestjs/common';
import { LogFormat, LogLevel } from '../../config/app-config';
import { createHttpLogger } from './http-logger';
import { PinoNestLogger } from './pino-nest-logger';

/** Injection token of the request middleware that gives each request its id and its log line. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Structured logs: one pino logger for the requests' lines and for Nest's Logger ({@link PinoNestLogger},
 * within a request with that request's id). The request middleware is mounted by `applyOperations()` in
 * front of every other one, so even the answers the body parser gives before any route have a line and an id.
 */
@Module({})
export class LoggingModule {
  static forRoot(level: LogLevel, format: LogFormat): DynamicModule {
    const httpLogger = createHttpLogger(level, format);
    return {
      module: LoggingModule,
      global: true,
      providers: [
        { provide: HTTP_LOGGER, useValue: httpLogger },
        { provide: PinoNestLogger, useValue: new PinoNestLogger(httpLogger.logger) },
      ],
      exports: [HTTP_LOGGER, PinoNestLogger],
    };
  }
}
