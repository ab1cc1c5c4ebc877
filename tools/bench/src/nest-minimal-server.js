'use strict';
/**
 * The floor of a NestJS event stream, for tools/bench/profile.js: one `@Sse()` route returning `NEVER`, on Nest's
 * Express adapter, nothing else (no middleware, no guards, no pipes, no body parser, no logger). What an idle
 * stream costs here is what Nest itself costs; Herald's share is what it holds on top.
 * Same path as Herald's (`GET /api/rooms/:room/events`). Env: PORT (0 = any), HOST.
 * Prints `Nest minimal listening on http://host:port` when ready.
 */
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Controller, Module, Sse } = require('@nestjs/common');
const { NEVER } = require('rxjs');

// Plain JavaScript: the decorators are applied by hand, as TypeScript would emit them.
class EventsController {
  events() {
    return NEVER;
  }
}
Sse('api/rooms/:room/events')(EventsController.prototype, 'events', Object.getOwnPropertyDescriptor(EventsController.prototype, 'events'));
Controller()(EventsController);

class MinimalModule {}
Module({ controllers: [EventsController] })(MinimalModule);

async function main() {
  const app = await NestFactory.create(MinimalModule, { logger: false, bodyParser: false, forceCloseConnections: true });
  // Not SIGUSR2 (Nest's default list has it): the profiler's preload uses it.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(Number(process.env.PORT || 0), process.env.HOST || '127.0.0.1');
  const a = app.getHttpServer().address();
  console.log(`Nest minimal listening on http://${a.address}:${a.port}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
