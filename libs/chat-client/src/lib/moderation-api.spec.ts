import { TestBed } from '@angular/core/testing';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { ChatApiError } from './chat-api-error';
import { HERALD_TOKEN_PROVIDER } from './herald-config';
import { ModerationApi } from './moderation-api';

describe('ModerationApi', () => {
  let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit?]>;
  const json = (status: number, body: unknown) => ({ ok: status < 300, status, statusText: '', json: async () => body }) as Response;
  const ban = { id: 'b1', authorId: 'mallory', room: 'lobby', until: '2026-12-02T10:10:00.000Z', at: '', by: 'Grace', byId: 'g' };

  function setUp(token: string | null): ModerationApi {
    TestBed.configureTestingModule({
      providers: [
        { provide: CHAT_API_BASE_URL, useValue: '/base' },
        { provide: HERALD_TOKEN_PROVIDER, useValue: async () => token },
      ],
    });
    return TestBed.inject(ModerationApi);
  }

  beforeEach(() => {
    fetchMock = jest.fn();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
  });
  afterEach(() => TestBed.resetTestingModule());

  it('bans with the token, sending the request as JSON, and resolves with the ban', async () => {
    fetchMock.mockResolvedValue(json(201, ban));
    const api = setUp('jwt-grace');
    await expect(api.ban({ authorId: 'mallory', room: 'lobby', seconds: 600, reason: 'spam' })).resolves.toEqual(ban);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/base/moderation/bans');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['Authorization']).toBe('Bearer jwt-grace');
    expect(JSON.parse(init?.body as string)).toEqual({ authorId: 'mallory', room: 'lobby', seconds: 600, reason: 'spam' });
  });

  it('lifts, kicks and reads the log at their own paths', async () => {
    const api = setUp('jwt-grace');
    fetchMock.mockResolvedValueOnce(json(200, ban)).mockResolvedValueOnce(json(200, { closedHere: 1 }));
    fetchMock.mockResolvedValueOnce(json(200, { actions: [{ action: 'kick' }] }));
    await api.lift('b/1');
    await expect(api.kick({ address: '203.0.113.7' })).resolves.toEqual({ closedHere: 1 });
    await expect(api.log(5)).resolves.toEqual([{ action: 'kick' }]);
    expect(fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? 'GET'} ${url}`)).toEqual([
      'DELETE /base/moderation/bans/b%2F1',
      'POST /base/moderation/kicks',
      'GET /base/moderation/log?limit=5',
    ]);
  });

  it("rejects with the server's explanation, keeping its status", async () => {
    fetchMock.mockResolvedValue(json(403, { statusCode: 403, error: 'Forbidden', message: 'moderating needs the "moderator" role' }));
    const error = await setUp('jwt-mallory')
      .bans()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatApiError);
    expect(error).toMatchObject({ status: 403, message: 'moderating needs the "moderator" role' });
  });

  it('sends nothing without a token: a 401', async () => {
    const error = await setUp(null)
      .bans()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
