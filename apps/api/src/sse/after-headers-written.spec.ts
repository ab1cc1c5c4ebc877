import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterHeadersWritten } from './after-headers-written';

const scope = new AsyncLocalStorage<string>();

/** A server whose every request runs in its own scope and hands its response to `handle`. */
async function serve(handle: (response: ServerResponse) => void): Promise<Server> {
  const server = createServer((req, res) => scope.run(`request ${req.url}`, () => handle(res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function get(server: Server, path: string): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('afterHeadersWritten', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("runs its callback after the headers, in the request's async context, and puts writeHead back", async () => {
    const seen: Array<{ store: string | undefined; headersSent: boolean; ownWriteHead: boolean }> = [];
    server = await serve((res) => {
      const writeHead = res.writeHead;
      afterHeadersWritten(res, () => {
        seen.push({ store: scope.getStore(), headersSent: res.headersSent, ownWriteHead: res.writeHead === writeHead });
        res.end('after the headers\n');
      });
      setTimeout(() => {
        res.writeHead(201, { 'Content-Type': 'text/plain' });
        res.write('first\n');
      }, 1);
    });
    const answer = await get(server, '/one');
    expect(answer).toEqual({ status: 201, body: 'first\nafter the headers\n' });
    expect(seen).toEqual([{ store: 'request /one', headersSent: true, ownWriteHead: true }]);
  });

  it('runs its callback at once, still in the context, when the headers were out already', async () => {
    const stores: Array<string | undefined> = [];
    server = await serve((res) => {
      res.writeHead(200).flushHeaders();
      afterHeadersWritten(res, () => {
        stores.push(scope.getStore());
        res.end('done');
      });
    });
    expect(await get(server, '/two')).toEqual({ status: 200, body: 'done' });
    expect(stores).toEqual(['request /two']);
  });
});
