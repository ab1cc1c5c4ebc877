import { TestBed } from '@angular/core/testing';
import type { ChatMessage, HistoryPage } from '@herald/contracts';
import { FakeEventSource, provideChatFakes } from '../testing';
import { ChatStream } from './chat-stream';
import { type TokenProvider, provideHerald } from './herald-config';

const message = (id: string, room = 'private-team'): ChatMessage => ({
  id,
  room,
  author: 'Ada',
  text: `text ${id}`,
  sentAt: '2025-01-01T12:00:00.000Z',
});

/** Answers like a Herald server that knows `private-team` and the operator-listed `staff` as private. */
class FakeServer {
  readonly privateRooms = new Set(['private-team', 'staff']);
  /** The tokens that open private rooms. */
  readonly allowed = new Set(['jwt-ada']);
  history: ChatMessage[] = [message('100-0')];
  issued = 0;
  /** Refuse every ticket with 403 (as when the token lost the room between two requests). */
  refuseTickets = false;
  /** Refuse tickets with the 403 of a moderator's ban until this time. */
  bannedUntil: string | null = null;
  readonly fetch = jest.fn(async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const token = /^Bearer (.+)$/.exec(headers['Authorization'] ?? '')?.[1] ?? null;
    const room = /\/rooms\/([^/]+)\/messages/.exec(url)?.[1];
    if (url === '/api/stream-tickets' && init.method === 'POST') {
      if (token === null) return answer(401, { statusCode: 401, error: 'Unauthorized', message: 'send a token' });
      const { room: wanted } = JSON.parse(init.body as string) as { room: string };
      const bannedUntil = this.bannedUntil;
      if (bannedUntil !== null && Date.parse(bannedUntil) > Date.now()) {
        return answer(403, { statusCode: 403, error: 'Forbidden', message: `you are banned until ${bannedUntil}`, bannedUntil });
      }
      if (this.refuseTickets || (this.privateRooms.has(wanted) && !this.allowed.has(token))) {
        return answer(403, { statusCode: 403, error: 'Forbidden', message: `your token does not allow the private room "${wanted}"` });
      }
      return answer(201, { ticket: `ticket-${++this.issued}`, expiresAt: '2025-01-01T12:00:30.000Z' });
    }
    if (room !== undefined && (init.method ?? 'GET') === 'GET') {
      if (this.privateRooms.has(room) && token === null) {
        return answer(401, {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'send "Authorization: Bearer <token>" to read this private room',
        });
      }
      if (this.privateRooms.has(room) && !this.allowed.has(token ?? '')) {
        return answer(403, { statusCode: 403, error: 'Forbidden', message: `your token does not allow the private room "${room}"` });
      }
      const page: HistoryPage = { room, messages: this.history.map((m) => ({ ...m, room })), hasMore: false };
      return answer(200, page);
    }
    return answer(404, { statusCode: 404, error: 'Not Found', message: 'no such route' });
  });

  /** Calls to the ticket endpoint, with the Authorization header and body each carried. */
  ticketRequests(): { authorization: string | undefined; body: unknown }[] {
    return this.fetch.mock.calls
      .filter(([url]) => url === '/api/stream-tickets')
      .map(([, init]) => ({
        authorization: (init?.headers as Record<string, string>)['Authorization'],
        body: JSON.parse(init?.body as string),
      }));
  }
}

function answer(status: number, body: unknown): Response {
  return { ok: status < 300, status, statusText: '', json: async () => body } as Response;
}

const ticketOf = (source: FakeEventSource) => new URL(source.url, 'http://localhost').searchParams.get('ticket');

describe('ChatStream in private rooms (stream tickets)', () => {
  let server: FakeServer;

  function setUp(tokenProvider?: TokenProvider): void {
    TestBed.configureTestingModule({
      providers: [provideHerald({ tokenProvider }), ChatStream, provideChatFakes()],
    });
  }

  function connect(room = 'private-team', name: string | null = 'Ada'): ChatStream {
    const stream = TestBed.inject(ChatStream);
    stream.connect(room, { name });
    return stream;
  }

  const settle = () => jest.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(Math, 'random').mockReturnValue(1);
    server = new FakeServer();
    globalThis.fetch = server.fetch as unknown as typeof fetch;
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('opens a private room’s stream with a fresh ticket asked for with the token', async () => {
    setUp(async () => 'jwt-ada');
    const stream = connect();
    await settle();

    expect(server.ticketRequests()).toEqual([{ authorization: 'Bearer jwt-ada', body: { room: 'private-team' } }]);
    expect(FakeEventSource.latest.url).toBe('/api/rooms/private-team/events?ticket=ticket-1&name=Ada&lastEventId=100-0');
    FakeEventSource.latest.open();
    expect(stream.status()).toBe('live');
    expect(stream.accessDenied()).toBeNull();
  });

  it('asks for another ticket when it reopens after the browser gave up, resuming from the last id', async () => {
    setUp(async () => 'jwt-ada');
    const stream = connect();
    await settle();
    const first = FakeEventSource.latest;
    first.open();
    first.emit('message', message('100-1'));

    // The spent ticket is refused on the browser's own retry: 401, so the EventSource is CLOSED.
    first.fail(true);
    expect(stream.status()).toBe('reconnecting');
    await jest.advanceTimersByTimeAsync(1_000);

    const second = FakeEventSource.latest;
    expect(second).not.toBe(first);
    expect(ticketOf(first)).toBe('ticket-1');
    expect(ticketOf(second)).toBe('ticket-2');
    expect(second.resumeId).toBe('100-1');
    expect(server.ticketRequests()).toHaveLength(2);
  });

  it('when the token expires, asks the token provider again and resumes at once with a new ticket, status unchanged', async () => {
    let token = 'jwt-ada';
    const provider = jest.fn(async () => token);
    setUp(provider);
    const stream = connect();
    await settle();
    const first = FakeEventSource.latest;
    first.open();
    first.emit('message', message('100-1'));
    server.allowed.add('jwt-ada-2');
    token = 'jwt-ada-2';

    first.emit('expired', { expiredAt: '2025-01-01T13:00:00.000Z' });
    await settle();

    const second = FakeEventSource.latest;
    expect(second).not.toBe(first);
    expect(first.closed).toBe(true);
    expect(server.ticketRequests().map((r) => r.authorization)).toEqual(['Bearer jwt-ada', 'Bearer jwt-ada-2']);
    expect(ticketOf(second)).toBe('ticket-2');
    expect(second.resumeId).toBe('100-1');
    expect(stream.status()).toBe('live');
    second.open();
    second.emit('message', message('100-2'));
    expect(stream.messages().map((m) => m.id)).toEqual(['100-0', '100-1', '100-2']);
  });

  it('does not leave a dropped ticket stream to the browser’s retry, which would reuse the spent ticket', async () => {
    setUp(async () => 'jwt-ada');
    const stream = connect();
    await settle();
    const first = FakeEventSource.latest;
    first.open();

    first.fail();

    expect(first.closed).toBe(true);
    expect(stream.status()).toBe('reconnecting');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(ticketOf(FakeEventSource.latest)).toBe('ticket-2');
  });

  it('never asks for a ticket for a public room that has been live, across reconnects', async () => {
    setUp(async () => 'jwt-ada');
    connect('lobby');
    await settle();
    FakeEventSource.latest.open();
    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(1_000);
    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(2_000);

    expect(FakeEventSource.instances.map((s) => s.url)).toEqual([
      '/api/rooms/lobby/events?name=Ada&lastEventId=100-0',
      '/api/rooms/lobby/events?name=Ada&lastEventId=100-0',
      '/api/rooms/lobby/events?name=Ada&lastEventId=100-0',
    ]);
    expect(server.ticketRequests()).toEqual([]);
  });

  it('never asks for a ticket for a public room without a token provider, even when refused', async () => {
    setUp();
    connect('lobby');
    await settle();
    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(1_000);

    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances.map(ticketOf)).toEqual([null, null]);
    expect(server.ticketRequests()).toEqual([]);
  });

  it('switches to tickets at once when a room that looks public refuses its plain stream (an operator-listed private room)', async () => {
    setUp(async () => 'jwt-ada');
    const stream = connect('staff');
    await settle();
    const plain = FakeEventSource.latest;
    expect(ticketOf(plain)).toBeNull();

    plain.fail(true);
    await settle();

    expect(ticketOf(FakeEventSource.latest)).toBe('ticket-1');
    FakeEventSource.latest.open();
    expect(stream.status()).toBe('live');

    // It goes on with tickets.
    FakeEventSource.latest.fail(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(ticketOf(FakeEventSource.latest)).toBe('ticket-2');
  });

  it('goes back to the plain stream with backoff when that guess gets no ticket (a public room while signed out)', async () => {
    setUp(async () => null);
    const stream = connect('lobby');
    await settle();

    FakeEventSource.latest.fail(true);
    await settle();
    expect(stream.accessDenied()).toBeNull();
    expect(stream.status()).toBe('reconnecting');
    expect(FakeEventSource.instances).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(ticketOf(FakeEventSource.latest)).toBeNull();
    // Asked nothing of the server: there was no token to ask with.
    expect(server.ticketRequests()).toEqual([]);
  });

  describe('refused', () => {
    async function expectStopped(stream: ChatStream, status: number): Promise<void> {
      const requests = server.fetch.mock.calls.length;
      await jest.advanceTimersByTimeAsync(10 * 60_000);
      expect(stream.status()).toBe('offline');
      expect(stream.accessDenied()?.status).toBe(status);
      expect(FakeEventSource.instances.filter((s) => !s.closed)).toEqual([]);
      expect(server.fetch.mock.calls).toHaveLength(requests);
      expect(jest.getTimerCount()).toBe(0);
    }

    it('stops with an error instead of retrying when there is no token provider', async () => {
      setUp();
      const stream = connect();
      await settle();

      expect(stream.accessDenied()?.message).toBe('send "Authorization: Bearer <token>" to read this private room');
      expect(FakeEventSource.instances).toHaveLength(0);
      expect(server.fetch).toHaveBeenCalledTimes(1);
      await expectStopped(stream, 401);
    });

    it('stops with an error when the token provider has no token', async () => {
      setUp(async () => null);
      const stream = connect();
      await settle();
      await expectStopped(stream, 401);
      expect(server.ticketRequests()).toEqual([]);
    });

    it('stops with the server’s explanation when the token does not allow the room', async () => {
      setUp(async () => 'jwt-bob');
      const stream = connect();
      await settle();
      expect(stream.accessDenied()?.message).toBe('your token does not allow the private room "private-team"');
      await expectStopped(stream, 403);
    });

    it('stops when the ticket is refused although the history was not', async () => {
      server.refuseTickets = true;
      setUp(async () => 'jwt-ada');
      const stream = connect();
      await settle();

      expect(server.ticketRequests()).toHaveLength(1);
      expect(FakeEventSource.instances).toHaveLength(0);
      await expectStopped(stream, 403);
    });

    it('stops when a later reconnect is refused its ticket', async () => {
      setUp(async () => 'jwt-ada');
      const stream = connect();
      await settle();
      FakeEventSource.latest.open();
      server.refuseTickets = true;

      FakeEventSource.latest.fail(true);
      await jest.advanceTimersByTimeAsync(1_000);

      expect(FakeEventSource.instances).toHaveLength(1);
      await expectStopped(stream, 403);
    });

    it('retries with backoff, not stopping, when the ticket endpoint is unavailable (503)', async () => {
      setUp(async () => 'jwt-ada');
      const stream = connect();
      await settle();
      const working = server.fetch.getMockImplementation()!;
      server.fetch.mockImplementation(async (url, init) =>
        url === '/api/stream-tickets'
          ? answer(503, { statusCode: 503, error: 'Service Unavailable', message: 'try later' })
          : working(url, init),
      );
      FakeEventSource.latest.fail(true);
      await jest.advanceTimersByTimeAsync(1_000 + 2_000);
      expect(stream.status()).toBe('reconnecting');
      expect(stream.accessDenied()).toBeNull();

      server.fetch.mockImplementation(working);
      await jest.advanceTimersByTimeAsync(4_000);
      expect(FakeEventSource.instances).toHaveLength(2);
      expect(ticketOf(FakeEventSource.latest)).toBe('ticket-2');
    });

    it('stops while a ban lasts, saying until when, and opens the stream again by itself once it ends', async () => {
      server.bannedUntil = new Date(Date.now() + 10 * 60_000).toISOString();
      setUp(async () => 'jwt-ada');
      const stream = connect();
      await settle();
      expect(stream.accessDenied()).toMatchObject({ status: 403, bannedUntil: server.bannedUntil });
      expect(stream.ban()).toBe(stream.accessDenied());

      await jest.advanceTimersByTimeAsync(10 * 60_000 - 1);
      expect(FakeEventSource.instances).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(stream.ban()).toBeNull();
      expect(stream.accessDenied()).toBeNull();
      expect(ticketOf(FakeEventSource.latest)).toBe('ticket-1');
    });

    it('tries anew on the next connect, after signing in', async () => {
      let token: string | null = null;
      setUp(async () => token);
      const stream = connect();
      await settle();
      expect(stream.accessDenied()).not.toBeNull();

      token = 'jwt-ada';
      stream.connect('private-team', { name: 'Ada' });
      expect(stream.accessDenied()).toBeNull();
      expect(stream.status()).toBe('connecting');
      await settle();
      expect(ticketOf(FakeEventSource.latest)).toBe('ticket-1');
    });
  });
});
