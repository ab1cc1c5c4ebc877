'use strict';
/**
 * The steps of Herald's connect, post and resume paths, for tools/bench/profile.js: each a name and the modules it
 * is made of (module names as src/cpuprofile-summary.js gives them: packages, Nest's package folders, Herald's source
 * files). A module is in at most one step; the first step that matches wins. Modules of no step (Node's own, V8
 * builtins) count for the step that called them.
 */

const any =
  (...patterns) =>
  (mod) =>
    patterns.some((p) => (typeof p === 'string' ? mod === p : p.test(mod)));

const SHARED = [
  ['request logger (request id, line, request scope)', any('pino', 'pino-std-serializers', /^apps\/api\/src\/ops\/logging\//)],
  ['helmet and the Cache-Control middleware', any('helmet', 'apps/api/src/app/security-headers')],
  ['shutdown gate', any(/^apps\/api\/src\/ops\/shutdown\//)],
  [
    'rejected-posts counter (middleware)',
    any('apps/api/src/ops/metrics/rejected-posts.middleware', 'apps/api/src/ops/metrics/rejection-reason'),
  ],
  ['requests-in-flight limit (middleware)', any('apps/api/src/access/requests-in-flight.middleware')],
  [
    'JSON body middleware (body-parser, depth check)',
    any('body-parser', 'raw-body', 'type-is', 'content-type', 'bytes', 'iconv-lite', /json-(body|depth)/),
  ],
  ['Express response (res.json/send: ETag, headers, the write)', any('express/response', 'etag', 'fresh', 'send', 'on-finished')],
  [
    'Express routing (router, layers, path-to-regexp, req)',
    any(/^express/, 'router', 'path-to-regexp', 'parseurl', 'finalhandler', /^@nestjs\/platform-express/),
  ],
  ['Nest middleware wrapper', any(/^@nestjs\/core\/middleware/)],
  ['guards', any(/^@nestjs\/core\/guards/, /\.guard$/)],
  ['class-validator and class-transformer', any('class-validator', 'class-transformer', 'validator')],
  ['pipes and checked parameters (Nest, ValidationPipe, room, name, id)', any(/^@nestjs\/(core|common)\/pipes/, /\.param$/)],
  ['event streams (EventStreams)', any('apps/api/src/sse/event-streams')],
  [
    'SSE writer (SseWriter, send queue, framing)',
    any(/^apps\/api\/src\/sse\/(sse-writer|send-queue|chunk-framing|after-headers-written|sse-frames|event-stream)$/),
  ],
  ['StreamBook (caps, counts)', any('apps/api/src/sse/stream-book')],
  ['presence', any(/presence/)],
  [
    'hub join (feed, joiner, replay, frames)',
    any(/^apps\/api\/src\/hub\/(hub\.service|room-feed|stream-joiner|event-frames)$/, /replay-rule/),
  ],
  [
    'store append (message store, ids)',
    any(/^apps\/api\/src\/hub\/store\/(memory|sqlite|redis)\//, 'apps/api/src/hub/event-id-clock', 'ioredis'),
  ],
  ['post limits and room access', any(/^apps\/api\/src\/access\//)],
  ['metrics (prom-client)', any('prom-client', /^apps\/api\/src\/ops\/metrics\//)],
  ['chat controller', any(/^apps\/api\/src\/chat\//)],
  ['errors and exception filter', any(/^apps\/api\/src\/errors\//)],
  ['contracts (ids, rooms, limits)', any(/^libs\/contracts\//)],
  ['Nest router (execution context, params, response controller, SseStream)', any(/^@nestjs\/core/, /^@nestjs\/common/)],
  ['rxjs', any('rxjs')],
  // Node's timer lists, and the Node-only callbacks they run (a Nest-level timer callback counts for Nest).
  ['timers', any('node:timers', 'node:internal/timers')],
];

module.exports = { PATH_GROUPS: { connect: SHARED, post: SHARED, resume: SHARED } };
