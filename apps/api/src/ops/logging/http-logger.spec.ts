import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpLogger } from './http-logger';
import { RequestLog } from './request-log';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('createHttpLogger', () => {
  let server: Server;
  let lines: Array<Record<string, unknown>>;

  /** A node:http server whose requests pass the logger first, then `handler`. */
  async function serve(handler: Handler, level: 'log' | 'debug' = 'log'): Promise<string> {
    lines = [];
    const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const logRequests = createHttpLogger(level, 'json', destination);
    server = createServer((request, response) => logRequests(request, response, () => handler(request, response)));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  afterEach(() => new Promise<void>((closed) => server.close(() => closed())));

  /** Sends a request; resolves with its answer's headers once it is done, or once it is aborted. */
  function send(url: string, headers: Record<string, string> = {}, abortAfterHead = false): Promise<Record<string, unknown>> {
    return new Promise((done, fail) => {
      const req = httpRequest(url, { headers }, (res) => {
        if (abortAfterHead) {
          req.destroy();
          done(res.headers);
          return;
        }
        res.resume();
        res.on('end', () => done(res.headers));
      });
      req.on('error', (err) => (abortAfterHead ? undefined : fail(err)));
      req.end();
    });
  }

  async function lineFor(requestId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200 && !lines.some((l) => l['requestId'] === requestId); i++) await new Promise((r) => setTimeout(r, 5));
    const found = lines.filter((l) => l['requestId'] === requestId);
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('writes one line per answered request: id, method, path without the query, status and duration', async () => {
    const url = await serve((_, response) => response.writeHead(202).end('{}'));
    const headers = await send(`${url}/api/rooms/a/messages?secret=1`, { 'x-request-id': 'req-1' });
    expect(headers['x-request-id']).toBe('req-1');
    const line = await lineFor('req-1');
    expect(Object.keys(line)).toEqual(['level', 'time', 'pid', 'hostname', 'requestId', 'req', 'res', 'durationMs', 'msg']);
    expect(line).toMatchObject({
      level: 30,
      req: { method: 'GET', path: '/api/rooms/a/messages' },
      res: { statusCode: 202 },
      msg: 'request completed',
    });
    expect(line['durationMs']).toEqual(expect.any(Number));
    expect(JSON.stringify(line)).not.toContain('secret');
  });

  it('logs an event stream once, when it ends, and a request its client left as aborted', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/events') {
        response.writeHead(200, { 'Content-Type': 'text/event-stream' });
        response.write('retry: 1000\n\n');
      } else response.writeHead(200).write('half');
    });
    await send(`${url}/events`, { 'x-request-id': 'stream-1' }, true);
    expect(await lineFor('stream-1')).toMatchObject({ msg: 'stream ended', res: { statusCode: 200 } });
    await send(`${url}/slow`, { 'x-request-id': 'slow-1' }, true);
    expect(await lineFor('slow-1')).toMatchObject({ msg: 'request aborted' });
  });

  it('logs 5xx as errors and 503 as a warning, and probes only at debug', async () => {
    const url = await serve((request, response) => {
      const status = request.url === '/api/health/live' ? 200 : Number(request.url?.slice(1));
      response.writeHead(status).end();
    });
    await send(`${url}/500`, { 'x-request-id': 'e-500' });
    await send(`${url}/503`, { 'x-request-id': 'e-503' });
    await send(`${url}/api/health/live`, { 'x-request-id': 'probe' });
    await send(`${url}/200`, { 'x-request-id': 'after' });
    expect(await lineFor('e-500')).toMatchObject({ level: 50, msg: 'request failed with status 500' });
    expect(await lineFor('e-503')).toMatchObject({ level: 40, msg: 'request failed with status 503' });
    await lineFor('after');
    expect(lines.some((l) => l['requestId'] === 'probe')).toBe(false);
  });

  it("gives what is logged while a request is handled the request's id", async () => {
    const url = await serve((request, response) => {
      (request as unknown as { log: RequestLog }).log.warn({ context: 'Test' }, 'inside');
      response.end();
    });
    await send(`${url}/x`, { 'x-request-id': 'inner-1' });
    for (let i = 0; i < 200 && lines.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(lines.map((l) => [l['requestId'], l['msg']])).toEqual([
      ['inner-1', 'inside'],
      ['inner-1', 'request completed'],
    ]);
    expect(lines[0]).toMatchObject({ level: 40, context: 'Test' });
  });
});
