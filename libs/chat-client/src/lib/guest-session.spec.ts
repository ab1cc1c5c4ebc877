import { TestBed } from '@angular/core/testing';
import type { HistoryPage } from '@herald/contracts';
import { FakeEventSource, provideChatFakes } from '../testing';
import { ChatApi } from './chat-api';
import { ChatStream } from './chat-stream';
import { GuestSession } from './guest-session';
import { type HeraldConfig, provideHerald } from './herald-config';

const T0 = Date.parse('2025-01-01T12:00:00.000Z');
const HOUR = 3_600_000;

/** Answers like a Herald server of the open chat: sessions `sub-<n>`, tokens `token-<n>` that it can revoke. */
class FakeServer {
  /** Token → the session it belongs to, its name, and until when it is valid. */
  readonly tokens = new Map<string, { sub: string; name: string; expiresAt: number }>();
  /** Sessions the server no longer renews (a session too old, a new key). */
  readonly tooOld = new Set<string>();
  /** Answer 404 to session requests, as a server with sign-in configured does. */
  sessionsOff = false;
  /** Refuse stream tickets with a moderator's ban until this time. */
  bannedUntil: string | null = null;
  private issued = 0;
  private subjects = 0;

  readonly fetch = jest.fn(async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const bearer = /^Bearer (.+)$/.exec(headers['Authorization'] ?? '')?.[1] ?? null;
    const held = bearer === null ? null : (this.tokens.get(bearer) ?? null);
    if (url === '/api/session') {
      if (this.sessionsOff) return answer(404, { statusCode: 404, error: 'Not Found', message: 'this server has sign-in configured' });
      const { name } = JSON.parse(init.body as string) as { name: string };
      if (bearer !== null && (held === null || this.tooOld.has(held.sub))) return answer(401, { statusCode: 401, message: 'refused' });
      const sub = held?.sub ?? `sub-${++this.subjects}`;
      const token = `token-${++this.issued}`;
      const expiresAt = Date.now() + HOUR;
      this.tokens.set(token, { sub, name, expiresAt });
      return answer(201, { token, authorId: `id-${sub}`, name, expiresAt: new Date(expiresAt).toISOString() });
    }
    const valid = held !== null && held.expiresAt > Date.now();
    // Tokens of its own sessions only: the app's own tokens are the identity provider's business.
    if (bearer?.startsWith('token-') && !valid)
      return answer(401, { statusCode: 401, error: 'Unauthorized', message: 'the session token has expired' });
    if (url === '/api/stream-tickets') {
      if (!valid) return answer(401, { statusCode: 401, error: 'Unauthorized', message: 'send a session token' });
      const bannedUntil = this.bannedUntil;
      if (bannedUntil !== null)
        return answer(403, { statusCode: 403, error: 'Forbidden', message: `you are banned until ${bannedUntil}`, bannedUntil });
      return answer(201, { ticket: `ticket-for-${held.sub}`, expiresAt: new Date(Date.now() + 30_000).toISOString() });
    }
    if (/\/messages\/[^/]+$/.test(url) && init.method === 'DELETE') {
      if (!valid) return answer(401, { statusCode: 401, error: 'Unauthorized', message: 'send a session token' });
      const id = decodeURIComponent(url.split('/').at(-1) ?? '');
      return answer(200, { id, room: 'lobby', deletedBy: 'author', deletedAt: new Date().toISOString() });
    }
    if (/\/messages$/.test(url) && init.method === 'POST')
      return answer(202, { id: '1-0', room: 'lobby', sentAt: new Date().toISOString() });
    if (/\/messages/.test(url)) return answer(200, { room: 'lobby', messages: [], hasMore: false } satisfies HistoryPage);
    return answer(404, { statusCode: 404, error: 'Not Found', message: 'no such route' });
  });

  /** The requests made, as `METHOD path [token]`, in order. */
  requests(): string[] {
    return this.fetch.mock.calls.map(([url, init]) => {
      const authorization = ((init?.headers ?? {}) as Record<string, string>)['Authorization'];
      const body = url === '/api/session' ? ` ${JSON.parse(init?.body as string).name}` : '';
      return `${init?.method ?? 'GET'} ${url}${body}${authorization ? ` [${authorization.slice('Bearer '.length)}]` : ''}`;
    });
  }
}

function answer(status: number, body: unknown): Response {
  return { ok: status < 300, status, statusText: '', json: async () => body } as Response;
}

describe('GuestSession: who the reader is in the open chat', () => {
  let server: FakeServer;

  function setUp(config: HeraldConfig = {}): { api: ChatApi; guest: GuestSession } {
    TestBed.configureTestingModule({ providers: [provideHerald(config), ChatStream, provideChatFakes()] });
    return { api: TestBed.inject(ChatApi), guest: TestBed.inject(GuestSession) };
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    localStorage.clear();
    server = new FakeServer();
    globalThis.fetch = server.fetch as unknown as typeof fetch;
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('starts a session for the display name, signs posts with it and keeps it for the next visit', async () => {
    const { api, guest } = setUp();
    expect(guest.authorId()).toBeNull();

    await api.post('lobby', { author: 'Ada', text: 'hello' });
    await api.post('lobby', { author: 'Ada', text: 'again' });

    expect(server.requests()).toEqual([
      'POST /api/session Ada',
      'POST /api/rooms/lobby/messages [token-1]',
      'POST /api/rooms/lobby/messages [token-1]',
    ]);
    expect(guest.authorId()).toBe('id-sub-1');
    expect(JSON.parse(localStorage.getItem('herald.guestSession:/api')!)).toMatchObject({
      token: 'token-1',
      authorId: 'id-sub-1',
      name: 'Ada',
    });

    // A reload: a new page finds the session where it was kept.
    TestBed.resetTestingModule();
    const again = setUp();
    expect(again.guest.authorId()).toBe('id-sub-1');
    await again.api.post('lobby', { author: 'Ada', text: 'after a reload' });
    expect(server.requests().at(-1)).toBe('POST /api/rooms/lobby/messages [token-1]');
  });

  it('keeps a session per API address', async () => {
    const { api } = setUp({ baseUrl: 'https://chat.example.com/api' });
    server.fetch.mockResolvedValue(
      answer(201, { token: 't', authorId: 'id-other', name: 'Ada', expiresAt: new Date(T0 + HOUR).toISOString() }),
    );
    await api.post('lobby', { author: 'Ada', text: 'hi' }).catch(() => undefined);
    expect(localStorage.getItem('herald.guestSession:https://chat.example.com/api')).toContain('id-other');
    expect(localStorage.getItem('herald.guestSession:/api')).toBeNull();
  });

  it('renews the session shortly before it expires, keeping who the reader is', async () => {
    const { api, guest } = setUp();
    await api.post('lobby', { author: 'Ada', text: 'first' });
    await jest.advanceTimersByTimeAsync(HOUR - 5 * 60_000);
    await api.post('lobby', { author: 'Ada', text: 'still early' });
    await jest.advanceTimersByTimeAsync(4 * 60_000 + 30_000);
    await api.post('lobby', { author: 'Ada', text: 'close to the end' });

    expect(server.requests()).toEqual([
      'POST /api/session Ada',
      'POST /api/rooms/lobby/messages [token-1]',
      'POST /api/rooms/lobby/messages [token-1]',
      'POST /api/session Ada [token-1]',
      'POST /api/rooms/lobby/messages [token-2]',
    ]);
    expect(guest.authorId()).toBe('id-sub-1');
  });

  it('renews the session silently a minute before it expires, while the page sits idle', async () => {
    const { guest } = setUp();
    await guest.token('Ada');
    await jest.advanceTimersByTimeAsync(HOUR - 61_000);
    expect(server.requests()).toEqual(['POST /api/session Ada']);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(server.requests()).toEqual(['POST /api/session Ada', 'POST /api/session Ada [token-1]']);
    await expect(guest.token('Ada')).resolves.toBe('token-2');
    expect(guest.authorId()).toBe('id-sub-1');
  });

  it('renames the session, keeping its identity, when the reader posts under a new name', async () => {
    const { api, guest } = setUp();
    await api.post('lobby', { author: 'Ada', text: 'as Ada' });
    await api.post('lobby', { author: 'Ada Lovelace', text: 'renamed' });
    expect(server.requests().slice(2)).toEqual(['POST /api/session Ada Lovelace [token-1]', 'POST /api/rooms/lobby/messages [token-2]']);
    expect(guest.authorId()).toBe('id-sub-1');
  });

  it('renews and sends once more when the server refuses the token, and starts over when it will not renew it', async () => {
    const { api, guest } = setUp();
    await api.post('lobby', { author: 'Ada', text: 'first' });
    server.tokens.get('token-1')!.expiresAt = Date.now();

    await expect(api.post('lobby', { author: 'Ada', text: 'refused, then sent' })).resolves.toMatchObject({ id: '1-0' });
    expect(server.requests().slice(2)).toEqual([
      'POST /api/rooms/lobby/messages [token-1]',
      'POST /api/session Ada [token-1]',
      'POST /api/rooms/lobby/messages [token-2]',
    ]);
    expect(guest.authorId()).toBe('id-sub-1');

    // A session the server no longer renews (too old, another key) gives way to a new one: a new person.
    server.tooOld.add('sub-1');
    server.tokens.get('token-2')!.expiresAt = Date.now();
    await api.post('lobby', { author: 'Ada', text: 'as someone new' });
    expect(server.requests().slice(5)).toEqual([
      'POST /api/rooms/lobby/messages [token-2]',
      'POST /api/session Ada [token-2]',
      'POST /api/session Ada',
      'POST /api/rooms/lobby/messages [token-3]',
    ]);
    expect(guest.authorId()).toBe('id-sub-2');
  });

  it('deletes with the session the reader holds, under whatever name they post now', async () => {
    const { api } = setUp();
    await expect(api.deleteMessage('lobby', '1-0')).rejects.toMatchObject({ status: 401 });
    await api.post('lobby', { author: 'Ada', text: 'oops' });

    await expect(api.deleteMessage('lobby', '1-0')).resolves.toMatchObject({ id: '1-0', deletedBy: 'author' });
    expect(server.requests().slice(1)).toEqual([
      'POST /api/rooms/lobby/messages [token-1]',
      'DELETE /api/rooms/lobby/messages/1-0 [token-1]',
    ]);
  });

  it('asks once for concurrent requests', async () => {
    const { guest } = setUp();
    const tokens = await Promise.all([guest.token('Ada'), guest.token('Ada'), guest.token('Ada')]);
    expect(tokens).toEqual(['token-1', 'token-1', 'token-1']);
    expect(server.requests()).toEqual(['POST /api/session Ada']);
  });

  it('posts without a session where the server has none, and asks only once', async () => {
    server.sessionsOff = true;
    const { api, guest } = setUp();
    await api.post('lobby', { author: 'Ada', text: 'one' });
    await api.post('lobby', { author: 'Ada', text: 'two' });
    expect(server.requests()).toEqual(['POST /api/session Ada', 'POST /api/rooms/lobby/messages', 'POST /api/rooms/lobby/messages']);
    expect(guest.authorId()).toBeNull();
  });

  it("leaves identity to the app's own token provider, and can be turned off", async () => {
    const withProvider = setUp({ tokenProvider: async () => 'jwt-of-the-app' });
    await withProvider.api.post('lobby', { author: 'Ada', text: 'signed in' });
    expect(server.requests()).toEqual(['POST /api/rooms/lobby/messages [jwt-of-the-app]']);
    TestBed.resetTestingModule();

    const off = setUp({ guestSessions: false });
    await off.api.post('lobby', { author: 'Ada', text: 'plain' });
    expect(server.requests().at(-1)).toBe('POST /api/rooms/lobby/messages');
    expect(server.requests()).not.toContain('POST /api/session Ada');
  });

  it("opens a public room's stream with a ticket of the reader's session, so they count as themselves", async () => {
    setUp();
    const stream = TestBed.inject(ChatStream);
    stream.connect('lobby', { name: 'Ada' });
    await jest.advanceTimersByTimeAsync(0);
    expect(server.requests()).toEqual(['GET /api/rooms/lobby/messages', 'POST /api/session Ada', 'POST /api/stream-tickets [token-1]']);
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events?ticket=ticket-for-sub-1&name=Ada');

    // Each reconnect takes a fresh ticket: the browser would retry with the spent one.
    FakeEventSource.latest.open();
    FakeEventSource.latest.fail();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(server.requests().filter((r) => r.startsWith('POST /api/stream-tickets'))).toHaveLength(2);
  });

  it('says a reader is banned when their ticket is refused for it, streams plainly meanwhile, and as them once it ends', async () => {
    const until = new Date(T0 + 60_000).toISOString();
    server.bannedUntil = until;
    setUp();
    const stream = TestBed.inject(ChatStream);
    stream.connect('lobby', { name: 'Ada' });
    await jest.advanceTimersByTimeAsync(0);
    expect(stream.ban()).toMatchObject({ status: 403, bannedUntil: until, message: `you are banned until ${until}` });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events?name=Ada');

    server.bannedUntil = null;
    await jest.advanceTimersByTimeAsync(59_000);
    expect(stream.ban()).toBeNull();
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events?ticket=ticket-for-sub-1&name=Ada');
  });

  it('opens the stream plainly where the server has no sessions', async () => {
    server.sessionsOff = true;
    setUp();
    TestBed.inject(ChatStream).connect('lobby', { name: 'Ada' });
    await jest.advanceTimersByTimeAsync(0);
    expect(FakeEventSource.latest.url).toBe('/api/rooms/lobby/events?name=Ada');
  });
});
