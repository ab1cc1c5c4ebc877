'use strict';
/**
 * The floor of NestJS, for tools/bench/profile.js: on Nest's Express adapter, with nothing of Herald's (no
 * middleware of its own, no guards, no logger, no store),
 * - `GET /api/rooms/:room/events`: an `@Sse()` route returning `NEVER`. What an idle stream or a connect costs
 *   here is what Nest itself costs; Herald's share is what it adds on top.
 * - `POST /api/rooms/:room/messages`: Express's JSON body parser (on this route only, so the stream's floor stays
 *   bare) and Nest's ValidationPipe with Herald's options, bound to the body as Herald binds it, on a DTO with
 *   the same fields and checks as the raw baseline's (its rules, from src/post-body.js), answered `202 { id }`.
 *   It reaches no one: it prices what Nest and class-validator cost a post, for `profile.js post --subscribers 0`.
 * Same paths as Herald's. Env: PORT (0 = any), HOST. Prints `Nest minimal listening on http://host:port` when ready.
 */
require('reflect-metadata');
const express = require('express');
const { NestFactory } = require('@nestjs/core');
const { Body, Controller, HttpCode, Module, Param, Post, RequestMethod, Sse, ValidationPipe } = require('@nestjs/common');
const { Transform } = require('class-transformer');
const { IsOptional, IsString, Length, Matches } = require('class-validator');
const { NEVER } = require('rxjs');
const { AUTHOR, MAX_BODY_BYTES, TEXT } = require('./post-body');

// Plain JavaScript: the decorators are applied by hand, as TypeScript would emit them.
const decorate = (target, key, ...decorators) => {
  for (const d of decorators) d(target, key, key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key));
};
const trim = ({ value }) => (typeof value === 'string' ? value.trim() : value);
/** A string in which the baseline's `forbidden` pattern matches nowhere (as Herald's contracts negate theirs). */
const none = (forbidden) => new RegExp(`^(?:(?!${forbidden.source})[\\s\\S])*$`);

class CreateMessage {}
decorate(
  CreateMessage.prototype,
  'author',
  IsOptional(),
  Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value)),
  IsString(),
  Length(AUTHOR.min, AUTHOR.max),
  Matches(none(AUTHOR.forbidden)),
);
decorate(CreateMessage.prototype, 'text', Transform(trim), IsString(), Length(TEXT.min, TEXT.max), Matches(none(TEXT.forbidden)));

let seq = 0;
class EventsController {
  events() {
    return NEVER;
  }

  post(room, message) {
    return { id: `${Date.now()}-${++seq}`, room, author: message.author };
  }
}
const proto = EventsController.prototype;
decorate(proto, 'events', Sse('api/rooms/:room/events'));
Reflect.defineMetadata('design:paramtypes', [String, CreateMessage], proto, 'post');
Param('room')(proto, 'post', 0);
Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))(proto, 'post', 1);
decorate(proto, 'post', Post('api/rooms/:room/messages'), HttpCode(202));
Controller()(EventsController);

class MinimalModule {
  configure(consumer) {
    consumer.apply(express.json({ limit: MAX_BODY_BYTES })).forRoutes({ path: 'api/rooms/:room/messages', method: RequestMethod.POST });
  }
}
Module({ controllers: [EventsController] })(MinimalModule);

async function main() {
  const app = await NestFactory.create(MinimalModule, { logger: false, bodyParser: false, forceCloseConnections: true });
  // As Herald: no ETag hashing of API answers (a cost a Nest app can switch off, so not part of the floor).
  app.getHttpAdapter().getInstance().set('etag', false);
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
