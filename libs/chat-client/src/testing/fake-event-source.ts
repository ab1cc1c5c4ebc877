/**
 * A hand-driven EventSource. It stays silent until a test drives it: `open()` it, `emit()` events and `fail()`
 * it as a server or the browser would. Every instance is kept in `instances`, so a test can reach the
 * connection the code under test opened.
 */
export class FakeEventSource {
  static readonly instances: FakeEventSource[] = [];

  /** The newest instance: the connection the code under test opened last. */
  static get latest(): FakeEventSource {
    const latest = FakeEventSource.instances.at(-1);
    if (!latest) throw new Error('no EventSource was opened');
    return latest;
  }

  /** The newest connection to `room` that is not closed (for URLs shaped `…/rooms/<room>/…`). */
  static openFor(room: string): FakeEventSource {
    const path = `/rooms/${encodeURIComponent(room)}/`;
    const source = FakeEventSource.instances.filter((s) => !s.closed && s.url.includes(path)).at(-1);
    if (!source) throw new Error(`no open EventSource for room "${room}"`);
    return source;
  }

  /** The newest connection to the rooms overview (`…/rooms/events`) that is not closed. */
  static overview(): FakeEventSource {
    const source = FakeEventSource.instances.filter((s) => !s.closed && /\/rooms\/events(\?|$)/.test(s.url)).at(-1);
    if (!source) throw new Error('no open EventSource for the rooms overview');
    return source;
  }

  /** Forgets the instances of earlier tests. */
  static reset(): void {
    FakeEventSource.instances.length = 0;
  }

  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, Set<(event: Event) => void>>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: Event) => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(listener);
  }

  removeEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = 2;
    this.closed = true;
  }

  /** The server answered 200 text/event-stream. */
  open(): void {
    this.readyState = 1;
    this.dispatch(new Event('open'));
  }

  /** An event frame arrived, its data `data` as JSON. */
  emit(type: string, data: unknown, lastEventId = ''): void {
    this.dispatch(new MessageEvent(type, { data: JSON.stringify(data), lastEventId }));
  }

  /** The connection dropped: the browser will retry by itself (CONNECTING) unless it gave up (CLOSED). */
  fail(browserGaveUp = false): void {
    this.readyState = browserGaveUp ? 2 : 0;
    this.dispatch(new Event('error'));
  }

  /** The `lastEventId` query parameter this connection was opened with, if any. */
  get resumeId(): string | null {
    return new URL(this.url, 'http://localhost').searchParams.get('lastEventId');
  }

  private dispatch(event: Event): void {
    this.listeners.get(event.type)?.forEach((listener) => listener(event));
  }
}
