import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { HttpAdapter } from './http.adapter';

/** A raw client whose request the server holds open, as an event stream's is. */
function holdOpen(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((opened) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /hold HTTP/1.1\r\nHost: test\r\n\r\n');
      opened({ socket, closed: new Promise((closed) => socket.on('close', () => closed())) });
    });
    socket.on('error', () => undefined);
  });
}

describe('HttpAdapter', () => {
  it('closes with requests still open: it drops their connections instead of waiting for them to end', async () => {
    const adapter = new HttpAdapter();
    adapter.initHttpServer({});
    const held: unknown[] = [];
    adapter.get('/hold', (_request: unknown, response: unknown) => void held.push(response));
    await new Promise<void>((listening) => adapter.listen(0, '127.0.0.1', () => listening()));
    const { port } = adapter.getHttpServer().address() as AddressInfo;
    const clients = await Promise.all([holdOpen(port), holdOpen(port)]);
    for (let i = 0; i < 200 && held.length < 2; i++) await new Promise((tick) => setTimeout(tick, 5));
    expect(held).toHaveLength(2);

    const closing = adapter.close();
    const outcome = await Promise.race([
      Promise.all([closing, ...clients.map((client) => client.closed)]).then(() => 'closed'),
      new Promise((late) => setTimeout(late, 3000, 'still waiting for the open requests')),
    ]);
    // Let the server go either way, so that a failure here is this test's and not a hung run.
    for (const client of clients) client.socket.destroy();
    await closing;
    expect(outcome).toBe('closed');
    expect(adapter.getHttpServer().listening).toBe(false);
  });
});
