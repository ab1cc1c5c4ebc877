import { ClientRequest, IncomingMessage, request } from 'node:http';

/** One parsed event of a stream; `comment` is set for comment lines. */
export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/**
 * A raw SSE reader over node:http (no EventSource polyfill), so the tests see exactly the bytes the
 * server sends: every field, comment and frame boundary.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  /** Everything received, as text. */
  raw = '';
  response!: IncomingMessage;
  private buffer = '';
  private req!: ClientRequest;
  private waiters: Array<() => void> = [];
  ended = false;

  static open(url: string, headers: Record<string, string> = {}, localAddress?: string): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.req = request(url, { headers: { accept: 'text/event-stream', ...headers }, localAddress }, (res) => {
        client.response = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.push(chunk));
        res.on('close', () => {
          client.ended = true;
          client.notify();
        });
        resolve(client);
      });
      client.req.on('error', (err) => (client.response ? undefined : reject(err)));
      client.req.end();
    });
  }

  /** Chat messages received, parsed. */
  messages<T = { id: string; text: string; author: string; room: string }>(): T[] {
    return this.events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data!) as T);
  }

  /** Resolves once `predicate` holds for the events received, or rejects after `timeoutMs`. */
  waitFor(predicate: (events: SseEvent[]) => boolean, timeoutMs = 10_000, what = 'events'): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this.events)) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  /** Waits for the end of the catch-up (the presence event that follows any replay): the stream is live. */
  caughtUp(timeoutMs = 10_000): Promise<void> {
    return this.waitFor((events) => events.some((e) => e.event === 'presence'), timeoutMs, 'the catch-up');
  }

  /** Waits until `count` chat messages have arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<void> {
    return this.waitFor((events) => events.filter((e) => e.event === 'message').length >= count, timeoutMs, `${count} messages`);
  }

  close(): void {
    this.req.destroy();
  }

  private push(chunk: string): void {
    this.raw += chunk;
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of block.split('\n')) {
        if (line === '') continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === '') event.comment = value;
        else (event as Record<string, string>)[field] = value;
      }
      if (Object.keys(event).length > 0) this.events.push(event);
    }
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
