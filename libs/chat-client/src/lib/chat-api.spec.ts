import { TestBed } from '@angular/core/testing';
import { ChatApi } from './chat-api';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { ChatApiError } from './chat-api-error';
import { provideHerald } from './herald-config';

describe('ChatApi', () => {
  let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit?]>;
  let api: ChatApi;

  const json = (status: number, body: unknown) =>
    ({ ok: status < 300, status, statusText: '', json: async () => body }) as Response;

  beforeEach(() => {
    fetchMock = jest.fn();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    TestBed.configureTestingModule({ providers: [{ provide: CHAT_API_BASE_URL, useValue: '/base' }] });
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

  it('asks for a history page before an id with a limit', async () => {
    fetchMock.mockResolvedValue(json(200, { room: 'lobby', messages: [], hasMore: false }));
    await api.history('lobby', { before: '5-0', limit: 20 });
    expect(fetchMock.mock.calls[0][0]).toBe('/base/rooms/lobby/messages?before=5-0&limit=20');
  });

  it("rejects with the server's own message when a post is refused", async () => {
    fetchMock.mockResolvedValue(
      json(400, { statusCode: 400, error: 'Bad Request', message: 'text must be 1 to 2000 characters long' }),
    );
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

  it('sends no header while the token provider has no token', async () => {
    TestBed.configureTestingModule({ providers: [provideHerald({ tokenProvider: async () => null })] });
    await TestBed.inject(ChatApi).rooms();
    expect(fetchMock.mock.calls[0][0]).toBe('/api/rooms');
    expect(fetchMock.mock.calls[0][1].headers).not.toHaveProperty('Authorization');
  });
});
