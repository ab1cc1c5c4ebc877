import { TestBed } from '@angular/core/testing';
import { ChatApi } from './chat-api';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { ChatApiError } from './chat-api-error';
import { HERALD_GUEST_SESSIONS, provideHerald } from './herald-config';

describe('ChatApi', () => {
  let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit?]>;
  let api: ChatApi;

  const json = (status: number, body: unknown) => ({ ok: status < 300, status, statusText: '', json: async () => body }) as Response;

  beforeEach(() => {
    fetchMock = jest.fn();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    // Requests as they are without a session; signed with one, they are guest-session.spec.ts's.
    TestBed.configureTestingModule({
      providers: [
        { provide: CHAT_API_BASE_URL, useValue: '/base' },
        { provide: HERALD_GUEST_SESSIONS, useValue: false },
      ],
    });
    api = TestBed.inject(ChatApi);
  });

  it('posts only author and text as JSON to the room and resolves with the acceptance', async () => {
    const accepted = { id: '1-0', room: 'my room', sentAt: '2025-01-01T00:00:00.000Z' };
    fetchMock.mockResolvedValue(json(202, accepted));

    await expect(api.post('my room', { author: 'Ada', text: 'hi' })).resolves.toEqual(accepted);

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/base/rooms/my%20room/messages');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({ author: 'Ada', text: 'hi' });
  });

  it('sends an idempotency key with a post when given one, and none otherwise', async () => {
    fetchMock.mockResolvedValue(json(202, { id: '1-0', room: 'lobby', sentAt: '2025-01-01T00:00:00.000Z' }));
    await api.post('lobby', { author: 'Ada', text: 'hi' }, { idempotencyKey: 'key-1' });
    await api.post('lobby', { author: 'Ada', text: 'hi' });
    const headers = fetchMock.mock.calls.map(([, init]) => (init?.headers as Record<string, string>)['Idempotency-Key']);
    expect(headers).toEqual(['key-1', undefined]);
  });

  it('asks for a history page before an id with a limit', async () => {
    fetchMock.mockResolvedValue(json(200, { room: 'lobby', messages: [], hasMore: false }));
    await api.history('lobby', { before: '5-0', limit: 20 });
    expect(fetchMock.mock.calls[0][0]).toBe('/base/rooms/lobby/messages?before=5-0&limit=20');
  });

  it("rejects with the server's own message when a post is refused", async () => {
    fetchMock.mockResolvedValue(json(400, { statusCode: 400, error: 'Bad Request', message: 'text must be 1 to 2000 characters long' }));
    const failure = api.post('lobby', { author: 'Ada', text: '' });
    await expect(failure).rejects.toBeInstanceOf(ChatApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, message: 'text must be 1 to 2000 characters long' });
  });

  it('describes the status when the error body is not JSON', async () => {
    fetchMock.mockResolvedValue({
      ok: false,
      status: 502,
      statusText: 'Bad Gateway',
      json: async () => JSON.parse('<html>'),
    } as Response);
    await expect(api.history('lobby')).rejects.toMatchObject({ status: 502, message: 'The server answered 502 Bad Gateway.' });
  });

  it('says the server could not be reached when the network fails', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(api.post('lobby', { author: 'Ada', text: 'hi' })).rejects.toMatchObject({
      status: 0,
      message: 'Could not reach the server. Check your connection and try again.',
    });
  });

  it("carries a ban's end with the refusal of a post", async () => {
    const until = '2026-12-02T10:00:00.000Z';
    const message = `you are banned from the room "lobby" until ${until} (spam)`;
    fetchMock.mockResolvedValue(json(403, { statusCode: 403, error: 'Forbidden', message, bannedUntil: until }));
    await expect(api.post('lobby', { author: 'Ada', text: 'hi' })).rejects.toMatchObject({ status: 403, message, bannedUntil: until });
  });

  it('carries no ban with other refusals', async () => {
    fetchMock.mockResolvedValue(json(403, { statusCode: 403, error: 'Forbidden', message: 'not yours' }));
    await expect(api.history('lobby')).rejects.toMatchObject({ status: 403, bannedUntil: null });
  });

  it('reads the settings a client needs', async () => {
    fetchMock.mockResolvedValue(json(200, { messageDeleteWindowS: 300 }));
    await expect(api.settings()).resolves.toEqual({ messageDeleteWindowS: 300 });
    expect(fetchMock.mock.calls[0][0]).toBe('/base/settings');
  });

  it('refuses to delete without a session (401) and asks nothing of the server', async () => {
    await expect(api.deleteMessage('lobby', '5-0')).rejects.toMatchObject({ status: 401 });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses to edit or say the reader is typing without a session (401), asking nothing of the server', async () => {
    await expect(api.editMessage('lobby', '5-0', 'fixed')).rejects.toMatchObject({ status: 401 });
    await expect(api.typing('lobby')).rejects.toMatchObject({ status: 401 });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('lists the rooms', async () => {
    const rooms = [{ name: 'lobby', connections: 2, online: 1 }];
    fetchMock.mockResolvedValue(json(200, rooms));
    await expect(api.rooms()).resolves.toEqual(rooms);
    expect(fetchMock.mock.calls[0][0]).toBe('/base/rooms');
  });

  it('sends no Authorization header without a token provider', async () => {
    fetchMock.mockResolvedValue(json(200, []));
    await api.rooms();
    expect(fetchMock.mock.calls[0][1]?.headers).not.toHaveProperty('Authorization');
  });
});

describe('ChatApi configured with provideHerald', () => {
  let fetchMock: jest.Mock;
  const json = (status: number, body: unknown) => ({ ok: status < 300, status, statusText: '', json: async () => body }) as Response;

  beforeEach(() => {
    fetchMock = jest.fn().mockResolvedValue({ ok: true, status: 200, json: async () => [] } as unknown as Response);
    globalThis.fetch = fetchMock as unknown as typeof fetch;
  });

  it('uses the base URL and sends the token as a Bearer header', async () => {
    TestBed.configureTestingModule({
      providers: [provideHerald({ baseUrl: 'https://chat.example.com/api/', tokenProvider: async () => 'secret' })],
    });
    await TestBed.inject(ChatApi).post('lobby', { author: 'Ada', text: 'hi' });

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('https://chat.example.com/api/rooms/lobby/messages');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer secret', 'Content-Type': 'application/json' });
  });

  it('asks for a stream ticket with the token and the room as JSON', async () => {
    const ticket = { ticket: 'abc', expiresAt: '2025-01-01T00:00:30.000Z' };
    fetchMock.mockResolvedValue({ ok: true, status: 201, json: async () => ticket } as unknown as Response);
    TestBed.configureTestingModule({ providers: [provideHerald({ baseUrl: '/base', tokenProvider: async () => 'secret' })] });

    await expect(TestBed.inject(ChatApi).streamTicket('private-team')).resolves.toEqual(ticket);

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/base/stream-tickets');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer secret', 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body)).toEqual({ room: 'private-team' });
  });

  it.each([
    ['without a token provider', undefined],
    ['while the token provider has no token', async () => null],
  ])('refuses a stream ticket %s (401) without asking the server', async (_, tokenProvider) => {
    TestBed.configureTestingModule({ providers: [provideHerald({ tokenProvider })] });
    const failure = TestBed.inject(ChatApi).streamTicket('private-team');
    await expect(failure).rejects.toBeInstanceOf(ChatApiError);
    await expect(failure).rejects.toMatchObject({ status: 401, message: 'Room "private-team" is private: sign in to follow it.' });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("rejects a refused ticket with the server's explanation", async () => {
    fetchMock.mockResolvedValue({
      ok: false,
      status: 403,
      statusText: 'Forbidden',
      json: async () => ({ statusCode: 403, error: 'Forbidden', message: 'your token does not allow the private room "x"' }),
    } as unknown as Response);
    TestBed.configureTestingModule({ providers: [provideHerald({ tokenProvider: async () => 'secret' })] });
    await expect(TestBed.inject(ChatApi).streamTicket('x')).rejects.toMatchObject({
      status: 403,
      message: 'your token does not allow the private room "x"',
    });
  });

  it("deletes a message with the token provider's token and resolves with the tombstone", async () => {
    const tombstone = { id: '5-0', room: 'my room', deletedBy: 'author', deletedAt: '2025-01-01T00:01:00.000Z' };
    fetchMock.mockResolvedValue({ ok: true, status: 200, json: async () => tombstone } as unknown as Response);
    TestBed.configureTestingModule({ providers: [provideHerald({ baseUrl: '/base', tokenProvider: async () => 'secret' })] });

    await expect(TestBed.inject(ChatApi).deleteMessage('my room', '5-0')).resolves.toEqual(tombstone);

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/base/rooms/my%20room/messages/5-0');
    expect(init.method).toBe('DELETE');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer secret' });
  });

  it("edits a message with the token provider's token, sending only the new text, and resolves with the edited message", async () => {
    const edited = {
      id: '5-0',
      room: 'my room',
      author: 'Ada',
      text: 'fixed',
      sentAt: '2025-01-01T00:00:00.000Z',
      editedAt: '2025-01-01T00:01:00.000Z',
    };
    fetchMock.mockResolvedValue(json(200, edited));
    TestBed.configureTestingModule({ providers: [provideHerald({ baseUrl: '/base', tokenProvider: async () => 'secret' })] });

    await expect(TestBed.inject(ChatApi).editMessage('my room', '5-0', 'fixed')).resolves.toEqual(edited);

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/base/rooms/my%20room/messages/5-0');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(init.body)).toEqual({ text: 'fixed' });
    expect(init.headers).toMatchObject({ Authorization: 'Bearer secret', 'Content-Type': 'application/json' });
  });

  it("rejects an edit with the server's reason: too late, or not the reader's", async () => {
    const message = 'messages can be edited by their author for 900 s after posting';
    fetchMock.mockResolvedValue(json(403, { statusCode: 403, error: 'Forbidden', message }));
    TestBed.configureTestingModule({ providers: [provideHerald({ tokenProvider: async () => 'secret' })] });
    await expect(TestBed.inject(ChatApi).editMessage('lobby', '5-0', 'fixed')).rejects.toMatchObject({ status: 403, message });
  });

  it('says the reader is typing with a bodiless POST, and takes the 204 that answers it', async () => {
    fetchMock.mockResolvedValue({
      ok: true,
      status: 204,
      json: async () => Promise.reject(new SyntaxError('no body')),
    } as unknown as Response);
    TestBed.configureTestingModule({ providers: [provideHerald({ baseUrl: '/base', tokenProvider: async () => 'secret' })] });

    await expect(TestBed.inject(ChatApi).typing('lobby')).resolves.toBeUndefined();

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/base/rooms/lobby/typing');
    expect(init.method).toBe('POST');
    expect(init.body).toBeUndefined();
    expect(init.headers).toMatchObject({ Authorization: 'Bearer secret' });
  });

  it("rejects a delete with the server's reason: too late, or not the reader's", async () => {
    const message = 'messages can be deleted by their author for 300 s after posting';
    fetchMock.mockResolvedValue({
      ok: false,
      status: 403,
      statusText: 'Forbidden',
      json: async () => ({ statusCode: 403, error: 'Forbidden', message }),
    } as unknown as Response);
    TestBed.configureTestingModule({ providers: [provideHerald({ tokenProvider: async () => 'secret' })] });
    await expect(TestBed.inject(ChatApi).deleteMessage('lobby', '5-0')).rejects.toMatchObject({ status: 403, message });
  });

  it('sends no header while the token provider has no token', async () => {
    TestBed.configureTestingModule({ providers: [provideHerald({ tokenProvider: async () => null })] });
    await TestBed.inject(ChatApi).rooms();
    expect(fetchMock.mock.calls[0][0]).toBe('/api/rooms');
    expect(fetchMock.mock.calls[0][1].headers).not.toHaveProperty('Authorization');
  });
});
