import { ConsoleLogger, Logger } from '@nestjs/common';
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpLogger } from './http-logger';
import { PinoNestLogger } from './pino-nest-logger';
import { enterRequestLog } from './request-log-scope';

describe('enterRequestLog', () => {
  let server: Server;
  let url: string;
  let lines: Array<Record<string, unknown>>;
  const logger = new Logger('Route');

  /**
   * A node:http server shaped like Herald's: the HTTP logger, a body read to its end (which loses the async
   * context), then enterRequestLog, then a route that logs before and after an await.
   */
  beforeAll(async () => {
    lines = [];
    const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const logRequests = createHttpLogger('log', 'json', destination);
    Logger.overrideLogger(new PinoNestLogger(logRequests.logger));
    const route = async (request: IncomingMessage, response: ServerResponse) => {
      logger.log(`handling ${request.method}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.warn('after an await');
      response.end();
    };
    server = createServer((request, response) =>
      logRequests(request, response, () => {
        request.resume();
        request.on('end', () => enterRequestLog(request, response, () => void route(request, response)));
      }),
    );
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    Logger.overrideLogger(new ConsoleLogger());
    await new Promise<void>((closed) => server.close(() => closed()));
  });

  /** Sends a request whose body comes in two parts, some time apart; resolves when it is answered. */
  function send(requestId: string): Promise<void> {
    return new Promise((done, fail) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'x-request-id': requestId, 'content-length': '4' } }, (res) => {
        res.resume();
        res.on('end', () => done());
      });
      req.on('error', fail);
      req.write('ab');
      setTimeout(() => req.end('cd'), 20);
    });
  }

  it("gives what the route logs, after the body and after its awaits, its own request's id", async () => {
    await Promise.all([send('first'), send('second')]);
    logger.log('outside any request');
    const routeLines = lines.filter((l) => l['context'] === 'Route');
    for (const requestId of ['first', 'second']) {
      expect(routeLines.filter((l) => l['requestId'] === requestId).map((l) => l['msg'])).toEqual(['handling POST', 'after an await']);
    }
    expect(routeLines.filter((l) => l['requestId'] === undefined).map((l) => l['msg'])).toEqual(['outside any request']);
  });
});
