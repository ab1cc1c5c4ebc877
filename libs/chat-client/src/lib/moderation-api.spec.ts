import { TestBed } from '@angular/core/testing';
import { CHAT_API_BASE_URL } from './chat-api-base-url.token';
import { ChatApiError } from './chat-api-error';
import { HERALD_TOKEN_PROVIDER } from './herald-config';
import { ModerationApi } from './moderation-api';

describe('ModerationApi', () => {
  let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit?]>;
  const json = (status: number, body: unknown) => ({ ok: status < 300, status, statusText: '', json: async () => body }) as Response;
  const headersOf = (call: number) => fetchMock.mock.calls[call][1]?.headers as Record<string, string>;
  const grace = { name: 'Grace', authorId: 'grace-key', roles: ['moderator'] };
  const ban = { id: 'b1', authorId: 'mallory', room: 'lobby', until: '2026-12-02T10:10:00.000Z', at: '', by: 'Grace', byId: 'g' };

  function setUp(token: string | null = null): ModerationApi {
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

  describe('a moderator credential signed in', () => {
    const refused = json(401, { statusCode: 401, error: 'Unauthorized', message: 'unknown API key' });

    it('checks an API key with the server, then signs every call with it as X-API-Key, over the token', async () => {
      const api = setUp('jwt-of-the-app');
      fetchMock.mockResolvedValueOnce(json(200, grace)).mockResolvedValueOnce(json(200, []));

      await expect(api.signIn('  the-key  ')).resolves.toEqual(grace);
      expect(api.moderator()).toEqual(grace);
      await api.bans();

      expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/base/moderation/me', '/base/moderation/bans']);
      for (const call of [0, 1]) {
        expect(headersOf(call)['X-API-Key']).toBe('the-key');
        expect(headersOf(call)['Authorization']).toBeUndefined();
      }
    });

    it('sends a credential shaped like a JWT as a Bearer token', async () => {
      const api = setUp();
      fetchMock.mockResolvedValue(json(200, grace));
      await api.signIn('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJncmFjZSJ9.c2lnbmF0dXJl');
      expect(headersOf(0)['Authorization']).toBe('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJncmFjZSJ9.c2lnbmF0dXJl');
      expect(headersOf(0)['X-API-Key']).toBeUndefined();
    });

    it("refuses a wrong key with the server's explanation, keeping no one signed in", async () => {
      const api = setUp();
      fetchMock.mockResolvedValue(refused);
      await expect(api.signIn('wrong')).rejects.toMatchObject({ status: 401, message: 'unknown API key' });
      expect(api.moderator()).toBeNull();
      await expect(api.bans()).rejects.toMatchObject({ status: 401, message: 'Moderating needs a signed-in moderator.' });
      expect(fetchMock).toHaveBeenCalledTimes(1);
    });

    it('refuses a key no header could carry without sending it', async () => {
      await expect(setUp().signIn('clé secrète')).rejects.toMatchObject({ status: 401 });
      expect(fetchMock).not.toHaveBeenCalled();
    });

    it("signs out back to the token provider's token", async () => {
      const api = setUp('jwt-of-the-app');
      fetchMock.mockResolvedValueOnce(json(200, grace)).mockResolvedValueOnce(json(200, []));
      await api.signIn('the-key');
      api.signOut();
      expect(api.moderator()).toBeNull();
      await api.bans();
      expect(headersOf(1)).toMatchObject({ Authorization: 'Bearer jwt-of-the-app' });
      expect(headersOf(1)['X-API-Key']).toBeUndefined();
    });

    it('deletes any message of a room with the credential, resolving with the tombstone', async () => {
      const api = setUp();
      const tombstone = { id: '5-0', room: 'my room', deletedBy: 'moderator', deletedAt: '2026-12-02T10:00:00.000Z' };
      fetchMock.mockResolvedValueOnce(json(200, grace)).mockResolvedValueOnce(json(200, tombstone));
      await api.signIn('the-key');
      await expect(api.deleteMessage('my room', '5-0')).resolves.toEqual(tombstone);
      const [url, init] = fetchMock.mock.calls[1];
      expect(`${init?.method} ${url}`).toBe('DELETE /base/rooms/my%20room/messages/5-0');
      expect(headersOf(1)['X-API-Key']).toBe('the-key');
    });
  });

  describe('me()', () => {
    it("finds whether the token provider's reader moderates, and says who they are", async () => {
      const api = setUp('jwt-grace');
      fetchMock.mockResolvedValue(json(200, grace));
      await expect(api.me()).resolves.toEqual(grace);
      expect(api.moderator()).toEqual(grace);
      expect(headersOf(0)['Authorization']).toBe('Bearer jwt-grace');
    });

    it('is null for credentials without the role, and forgets a credential the server no longer takes', async () => {
      const api = setUp();
      fetchMock.mockResolvedValueOnce(json(200, grace));
      await api.signIn('the-key');
      fetchMock.mockResolvedValue(json(403, { statusCode: 403, error: 'Forbidden', message: 'no moderator role' }));
      await expect(api.me()).resolves.toBeNull();
      expect(api.moderator()).toBeNull();
      await expect(api.bans()).rejects.toMatchObject({ status: 401 });
      expect(fetchMock).toHaveBeenCalledTimes(2);
    });

    it('rejects when the server cannot be reached, keeping who was signed in', async () => {
      const api = setUp();
      fetchMock.mockResolvedValueOnce(json(200, grace)).mockRejectedValueOnce(new TypeError('Failed to fetch'));
      await api.signIn('the-key');
      await expect(api.me()).rejects.toMatchObject({ status: 0 });
      expect(api.moderator()).toEqual(grace);
    });
  });
});
