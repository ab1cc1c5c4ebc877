import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { signal } from '@angular/core';
import { ChatApi, ChatApiError, GuestSession } from '@herald/chat-client';
import { FakeEventSource, provideChatFakes } from '@herald/chat-client/testing';
import type { ChatMessage, HistoryPage } from '@herald/contracts';
import { ChatPageComponent } from './chat-page.component';

const history: ChatMessage[] = [{ id: '1-0', room: 'lobby', author: 'Grace', text: 'welcome', sentAt: '2025-01-01T10:00:00.000Z' }];

describe('ChatPageComponent', () => {
  let post: jest.Mock;
  let deleteMessage: jest.Mock;
  let editMessage: jest.Mock;
  let typing: jest.Mock;
  /** The reader's session, as the client library would hold it: none until a test gives one. */
  const authorId = signal<string | null>(null);
  /** What the newest page of history holds. */
  let held: ChatMessage[];

  async function render(room = 'lobby') {
    const fixture = TestBed.createComponent(ChatPageComponent);
    fixture.componentRef.setInput('room', room);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const button = (name: string) =>
      [...element.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) as HTMLButtonElement;
    const fill = (selector: string, value: string) => {
      const field = element.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
      field.value = value;
      field.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    return { fixture, element, button, fill };
  }

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    post = jest.fn();
    deleteMessage = jest.fn();
    editMessage = jest.fn();
    typing = jest.fn().mockResolvedValue(undefined);
    authorId.set(null);
    held = history;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideChatFakes(),
        // Streams open plainly here; the session itself is the client library's to test.
        { provide: GuestSession, useValue: { authorId, available: false, token: async () => null } },
        {
          provide: ChatApi,
          useValue: {
            post,
            history: async (room: string): Promise<HistoryPage> => ({
              room,
              messages: held.map((m) => ({ ...m, room })),
              hasMore: false,
            }),
            roomUrl: (room: string) => `/api/rooms/${room}/events`,
            settings: async () => ({ messageDeleteWindowS: 300, messageEditWindowS: 900 }),
            deleteMessage,
            editMessage,
            typing,
          },
        },
      ],
    });
  });

  it('shows the lobby’s history and asks for a name before offering the composer', async () => {
    const { element, button, fill, fixture } = await render();
    expect(element.querySelector('.message-text')?.textContent).toBe('welcome');
    expect(element.querySelector('[data-testid="connection-status"]')?.textContent).toBe('Connecting');
    expect(element.querySelector('textarea')).toBeNull();

    // A first visit: the name is all the page asks for, at the top, with the cursor already in it.
    const join = element.querySelector('section.join')!;
    expect(document.activeElement?.id).toBe('display-name');
    expect(join.compareDocumentPosition(element.querySelector('[role="log"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    fill('#display-name', 'Ada');
    button('Join').click();
    fixture.detectChanges();

    expect(localStorage.getItem('herald.displayName')).toBe('Ada');
    expect(element.querySelector('textarea')).not.toBeNull();
    expect(element.textContent).toContain('Posting as Ada');
  });

  it('posts as the remembered name, empties the composer at once and shows the message as pending until it arrives', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    post.mockResolvedValue({ id: '2-0', room: 'lobby', sentAt: '2025-01-01T10:01:00.000Z' });
    const { element, button, fill, fixture } = await render();

    fill('textarea', '  hello  ');
    button('Send').click();
    fixture.detectChanges();
    expect(element.querySelector('textarea')?.value).toBe('');
    await fixture.whenStable();

    expect(post).toHaveBeenCalledWith('lobby', { author: 'Ada', text: 'hello' }, { idempotencyKey: expect.any(String) });
    expect(element.querySelector('li.pending')?.textContent).toContain('hello');

    FakeEventSource.latest.emit('message', { ...history[0], id: '2-0', author: 'Ada', text: 'hello' });
    await fixture.whenStable();
    expect(element.querySelector('li.pending')).toBeNull();
    expect(element.querySelector('li.message.own .message-text')?.textContent).toBe('hello');
  });

  it("sets apart the reader's own messages by their session, not by the name a namesake may share", async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    authorId.set('ThIsAda0123456789abcde');
    const { element, fixture } = await render();
    FakeEventSource.latest.emit('message', { ...history[0], id: '2-0', author: 'Ada', text: 'mine', authorId: 'ThIsAda0123456789abcde' });
    FakeEventSource.latest.emit('message', {
      ...history[0],
      id: '2-1',
      author: 'Ada',
      text: 'a namesake',
      authorId: 'OtHrAda0123456789abcde',
    });
    FakeEventSource.latest.emit('presence', {
      room: 'lobby',
      online: ['Ada'],
      people: [
        { name: 'Ada', authorId: 'OtHrAda0123456789abcde' },
        { name: 'Ada', authorId: 'ThIsAda0123456789abcde' },
      ],
      connections: 2,
    });
    await fixture.whenStable();
    const own = [...element.querySelectorAll('li.message')].map((li) => [
      li.querySelector('.message-text')?.textContent,
      li.classList.contains('own'),
    ]);
    expect(own).toEqual([
      ['welcome', false],
      ['mine', true],
      ['a namesake', false],
    ]);
    const people = [...element.querySelectorAll('[data-testid="online-now"] li')].map((li) =>
      [...li.querySelectorAll('.person-name, .tag, .you')].map((part) => part.textContent?.trim()).join(' '),
    );
    expect(people).toEqual(['Ada #OtHr', 'Ada #ThIs (you)']);
  });

  it('keeps a refused message in the list with the server’s reason, to retry or discard', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    post.mockRejectedValueOnce(new ChatApiError('Too many posts: try again in 3 s', 429));
    post.mockResolvedValueOnce({ id: '2-0', room: 'lobby', sentAt: '2025-01-01T10:01:00.000Z' });
    const { element, button, fill, fixture } = await render();

    fill('textarea', 'hello');
    button('Send').click();
    await fixture.whenStable();

    const pending = element.querySelector('li.pending')!;
    expect(pending.textContent).toContain('Not sent: Too many posts: try again in 3 s');
    expect(element.querySelector('textarea')?.value).toBe('');

    button('Retry').click();
    await fixture.whenStable();
    expect(post).toHaveBeenCalledTimes(2);
    expect(post.mock.calls[1][2]).toEqual(post.mock.calls[0][2]);
    expect(element.querySelector('li.pending')?.textContent).toContain('Sent');
  });

  it('keeps a draft per room across a room switch and a reload, until it is sent', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    post.mockResolvedValue({ id: '2-0', room: 'lobby', sentAt: '2025-01-01T10:01:00.000Z' });
    const { fixture, fill, element } = await render('lobby');
    const composer = () => element.querySelector('textarea')!;

    fill('textarea', 'half a thought');
    fixture.componentRef.setInput('room', 'news');
    await fixture.whenStable();
    expect(composer().value).toBe('');
    fill('textarea', 'news draft');

    fixture.componentRef.setInput('room', 'lobby');
    await fixture.whenStable();
    expect(composer().value).toBe('half a thought');

    // A reload: a new page in the same tab.
    fixture.destroy();
    const again = await render('lobby');
    expect(again.element.querySelector('textarea')?.value).toBe('half a thought');
    again.button('Send').click();
    await again.fixture.whenStable();
    expect(sessionStorage.getItem('herald.draft.lobby')).toBeNull();
    expect(sessionStorage.getItem('herald.draft.news')).toBe('news draft');
  });

  it('puts up a banner and greys who is online while the feed is down, and clears a stale "could not reach" on reconnect', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    post.mockRejectedValue(new ChatApiError('Could not reach the server. Check your connection and try again.', 0));
    const { element, fixture, fill, button } = await render();
    const source = FakeEventSource.latest;
    source.open();
    source.emit('presence', { room: 'lobby', online: ['Ada', 'Bob'], connections: 2 });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="connection-banner"]')).toBeNull();
    expect(element.querySelector('[data-testid="presence-stale"]')).toBeNull();

    source.fail();
    fill('textarea', 'anyone?');
    button('Send').click();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="connection-banner"]')?.textContent).toContain('Reconnecting');
    expect(element.querySelector('.presence')?.classList).toContain('stale');
    expect(element.querySelector('li.pending')?.textContent).toContain('Could not reach the server');

    source.open();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="connection-banner"]')).toBeNull();
    expect(element.querySelector('.presence')?.classList).not.toContain('stale');
    const pending = element.querySelector('li.pending')!;
    expect(pending.textContent).not.toContain('Could not reach the server');
    expect(pending.textContent).toContain('Not sent.');
    expect(button('Retry')).toBeTruthy();
  });

  it('lists the rooms, marks the one in view and names it in the title', async () => {
    const { element, fixture } = await render('news');
    FakeEventSource.overview().emit('rooms', {
      rooms: [
        { name: 'lobby', connections: 1, online: 1, people: 1, lastId: '1-0' },
        { name: 'news', connections: 0, online: 0, people: 0, lastId: null },
      ],
    });
    await fixture.whenStable();
    const links = [...element.querySelectorAll<HTMLAnchorElement>('a.room')];
    expect(links.map((a) => a.dataset['room'])).toEqual(['lobby', 'news']);
    expect(links[1].getAttribute('aria-current')).toBe('page');
    expect(links[1].getAttribute('href')).toBe('/r/news');
    expect(TestBed.inject(Title).getTitle()).toBe('#news · Herald');
  });

  it('posts to the room in view', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    post.mockResolvedValue({ id: '2-0', room: 'news', sentAt: '2025-01-01T10:01:00.000Z' });
    const { button, fill, fixture } = await render('news');
    fill('textarea', 'hello news');
    button('Send').click();
    await fixture.whenStable();
    expect(post).toHaveBeenCalledWith('news', { author: 'Ada', text: 'hello news' }, expect.anything());
  });

  it('shows who is online and the unread count in the title while the tab is hidden', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    const { element, fixture } = await render();
    const source = FakeEventSource.latest;
    expect(source.url).toBe('/api/rooms/lobby/events?name=Ada&lastEventId=1-0');

    source.emit('presence', { room: 'lobby', online: ['Ada', 'Bob'], connections: 2, joined: 'Bob' });
    await fixture.whenStable();
    const people = [...element.querySelectorAll('[data-testid="online-now"] li')];
    expect(people.map((li) => li.querySelector('.person-name')?.textContent)).toEqual(['Ada', 'Bob']);
    expect(people[0].textContent).toContain('(you)');
    expect(element.querySelector('.notice')?.textContent).toContain('Bob joined');

    const hidden = jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    source.emit('message', { ...history[0], id: '1-1', author: 'Bob', text: 'psst' });
    source.emit('message', { ...history[0], id: '1-2', author: 'Bob', text: 'still there?' });
    await fixture.whenStable();
    expect(TestBed.inject(Title).getTitle()).toBe('(2) #lobby · Herald');

    hidden.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await fixture.whenStable();
    expect(TestBed.inject(Title).getTitle()).toBe('#lobby · Herald');
    hidden.mockRestore();
  });

  it('says once that earlier messages are gone when the server no longer knows the page, and shows the empty room', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    const { element, fixture } = await render();
    const source = FakeEventSource.latest;
    source.emit('presence', { room: 'lobby', online: ['Ada'], connections: 1, joined: 'Ada' });
    await fixture.whenStable();
    const lines = () => [...element.querySelectorAll('[role="log"] li')].map((li) => li.textContent?.trim().split(' · ')[0]);
    expect(lines()).toEqual([expect.any(String), expect.stringContaining('welcome'), 'Ada joined']);

    // A new server with nothing stored: it does not know 1-0, holds no messages, and announces Ada anew.
    source.emit('reset', { reason: 'unknown-id', lastEventId: '1-0', oldestId: null });
    source.emit('presence', { room: 'lobby', online: ['Ada'], connections: 1 });
    source.emit('presence', { room: 'lobby', online: ['Ada'], connections: 1, joined: 'Ada' });
    await fixture.whenStable();
    expect(lines()).toEqual(['Earlier messages are no longer available on the server', 'Ada joined', 'No messages yet. Say hello!']);
  });

  describe('moderation', () => {
    let fetchMock: jest.Mock<Promise<Response>, [string, RequestInit?]>;
    const json = (status: number, body: unknown) => ({ ok: status < 300, status, statusText: '', json: async () => body }) as Response;
    const grace = { name: 'Grace', authorId: 'grace-key', roles: ['moderator'] };
    const spam = { ...history[0], id: '2-0', author: 'Bob', text: 'buy now', authorId: 'BoB0123456789abcdefghi' };
    const tombstone = (id: string, deletedBy: string) => ({ id, room: 'lobby', deletedBy, deletedAt: new Date().toISOString() });
    const texts = (element: HTMLElement) => [...element.querySelectorAll('li.message .message-text')].map((p) => p.textContent);
    const menuOf = (element: HTMLElement, text: string) =>
      [...element.querySelectorAll('li.message')]
        .find((li) => li.querySelector('.message-text')?.textContent === text)
        ?.querySelector<HTMLButtonElement>('button[aria-label="Message actions"]') ?? null;
    const item = (element: HTMLElement, name: string) =>
      [...element.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')].find((b) => b.textContent?.trim() === name)!;

    beforeEach(() => {
      localStorage.setItem('herald.displayName', 'Ada');
      fetchMock = jest.fn(async (url: string, init?: RequestInit) => {
        if (url === '/api/moderation/me') return json(200, grace);
        if (url === '/api/moderation/bans')
          return json(201, { id: 'b1', ...JSON.parse(init?.body as string), until: '2025-01-01T10:10:00.000Z' });
        if (init?.method === 'DELETE') return json(200, tombstone(decodeURIComponent(url.split('/').at(-1)!), 'moderator'));
        return json(404, { statusCode: 404, error: 'Not Found', message: 'no such route' });
      });
      globalThis.fetch = fetchMock as unknown as typeof fetch;
    });

    afterEach(() => jest.useRealTimers());

    it('lets a moderator signed in from the side panel ban an author and delete any message from its menu', async () => {
      const { element, button, fill, fixture } = await render();
      FakeEventSource.latest.emit('message', spam);
      await fixture.whenStable();
      expect(menuOf(element, 'buy now')).toBeNull();

      button('Moderate').click();
      await fixture.whenStable();
      fill('#moderator-key', 'the-key');
      element.querySelector('#moderator-key')!.closest('form')!.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
      expect(element.querySelector('[data-testid="moderating-as"]')?.textContent).toContain('Moderating as Grace');

      menuOf(element, 'buy now')!.click();
      await fixture.whenStable();
      item(element, 'Ban author for 10 minutes').click();
      await fixture.whenStable();
      const [banUrl, banInit] = fetchMock.mock.calls.find(([url]) => url === '/api/moderation/bans')!;
      expect(banUrl).toBe('/api/moderation/bans');
      expect(JSON.parse(banInit?.body as string)).toEqual({ authorId: spam.authorId, room: 'lobby', seconds: 600 });
      expect(element.querySelector('.action-note')?.textContent).toMatch(/^Bob is banned from #lobby until /);

      menuOf(element, 'buy now')!.click();
      await fixture.whenStable();
      item(element, 'Delete').click();
      await fixture.whenStable();
      item(element, 'Confirm delete').click();
      await fixture.whenStable();
      const [, deleteInit] = fetchMock.mock.calls.find(([url]) => url === '/api/rooms/lobby/messages/2-0')!;
      expect(deleteInit?.method).toBe('DELETE');
      expect((deleteInit?.headers as Record<string, string>)['X-API-Key']).toBe('the-key');
      expect(texts(element)).toEqual(['welcome']);
      expect(deleteMessage).not.toHaveBeenCalled();
    });

    it('lets the reader delete their own message with their session, and says why when the server refuses', async () => {
      authorId.set('ThIsAda0123456789abcde');
      const sentAt = new Date().toISOString();
      const { element, fixture } = await render();
      FakeEventSource.latest.emit('message', { ...history[0], id: '2-0', author: 'Ada', text: 'oops', sentAt, authorId: authorId() });
      FakeEventSource.latest.emit('message', { ...history[0], id: '2-1', author: 'Ada', text: 'again', sentAt, authorId: authorId() });
      await fixture.whenStable();
      expect(menuOf(element, 'welcome')).toBeNull();

      deleteMessage.mockResolvedValueOnce(tombstone('2-0', 'author'));
      deleteMessage.mockRejectedValueOnce(new ChatApiError('messages can be deleted for 300 s after posting', 403));
      for (const text of ['oops', 'again']) {
        menuOf(element, text)!.click();
        await fixture.whenStable();
        item(element, 'Delete').click();
        await fixture.whenStable();
        item(element, 'Confirm delete').click();
        await fixture.whenStable();
      }
      expect(deleteMessage.mock.calls).toEqual([
        ['lobby', '2-0'],
        ['lobby', '2-1'],
      ]);
      expect(texts(element)).toEqual(['welcome', 'again']);
      const note = element.querySelector('li.message .action-note.problem');
      expect(note?.textContent).toBe('Not deleted: messages can be deleted for 300 s after posting');
      expect(note?.getAttribute('role')).toBe('alert');
    });

    it('takes out a message deleted elsewhere as soon as the stream says so', async () => {
      const { element, fixture } = await render();
      FakeEventSource.latest.emit('message', spam);
      FakeEventSource.latest.emit('deleted', tombstone('2-0', 'moderator'));
      await fixture.whenStable();
      expect(texts(element)).toEqual(['welcome']);
    });

    it('turns the composer off while the reader is banned, saying until when and why, and on again at that time', async () => {
      jest.useFakeTimers({ advanceTimers: true });
      const until = new Date(Date.now() + 10 * 60_000);
      const message = `you are banned from the room "lobby" until ${until.toISOString()} (spam)`;
      post.mockRejectedValue(new ChatApiError(message, 403, until.toISOString(), 'spam'));
      const { element, fill, button, fixture } = await render();
      fill('textarea', 'let me in');
      button('Send').click();
      await fixture.whenStable();

      const composer = element.querySelector('textarea')!;
      expect(composer.disabled).toBe(true);
      const line = element.querySelector('[data-testid="composer-blocked"]')?.textContent?.replace(/\u202f/g, ' ');
      const time = until.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' }).replace(/\u202f/g, ' ');
      expect(line).toMatch(new RegExp(`^You are banned from #lobby until (.+, )?${time} \\(spam\\)\\.$`));
      expect(element.querySelector('li.pending')?.textContent).toContain('Not sent: you are banned');
      expect(button('Retry')).toBeTruthy();

      jest.advanceTimersByTime(10 * 60_000);
      await fixture.whenStable();
      expect(element.querySelector('textarea')!.disabled).toBe(false);
      expect(element.querySelector('[data-testid="composer-blocked"]')).toBeNull();
      expect(button('Retry')).toBeTruthy();
    });
  });
  describe('typing, edits, mentions and what is new', () => {
    const menuOf = (element: HTMLElement, text: string) =>
      [...element.querySelectorAll('li.message')]
        .find((li) => li.querySelector('.message-text')?.textContent?.startsWith(text))
        ?.querySelector<HTMLButtonElement>('button[aria-label="Message actions"]') ?? null;
    const item = (element: HTMLElement, name: string) =>
      [...element.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')].find((b) => b.textContent?.trim() === name)!;

    beforeEach(() => localStorage.setItem('herald.displayName', 'Ada'));

    it('says below the messages who else is typing, until their message comes, and tells the room as the reader types', async () => {
      const { element, fixture, fill } = await render();
      const line = () => element.querySelector('[data-testid="typing"]')?.textContent;
      const until = new Date(Date.now() + 6_000).toISOString();
      FakeEventSource.latest.emit('typing', { room: 'lobby', name: 'Bob', authorId: 'bob-id', until });
      await fixture.whenStable();
      expect(line()).toBe('Bob is typing…');

      FakeEventSource.latest.emit('message', { ...history[0], id: '2-0', author: 'Bob', text: 'done', authorId: 'bob-id' });
      await fixture.whenStable();
      expect(line()).toBe('');

      fill('textarea', 'h');
      fill('textarea', 'hi');
      expect(typing.mock.calls).toEqual([['lobby']]);
    });

    it('edits the reader’s own message in place from its menu, and says it was edited', async () => {
      authorId.set('ThIsAda0123456789abcde');
      const mine = {
        ...history[0],
        id: '2-0',
        author: 'Ada',
        text: 'a typo hree',
        sentAt: new Date().toISOString(),
        authorId: authorId()!,
      };
      const { element, fixture } = await render();
      document.body.append(element);
      FakeEventSource.latest.emit('message', mine);
      await fixture.whenStable();

      menuOf(element, 'a typo hree')!.click();
      await fixture.whenStable();
      item(element, 'Edit').click();
      await fixture.whenStable();
      const field = element.querySelector<HTMLTextAreaElement>('li.message.editing textarea')!;
      expect(document.activeElement).toBe(field);

      editMessage.mockRejectedValueOnce(new ChatApiError('messages can be edited for 900 s after posting', 403));
      editMessage.mockResolvedValueOnce({ ...mine, text: 'a typo here', editedAt: new Date().toISOString() });
      field.value = 'a typo here';
      field.dispatchEvent(new Event('input'));
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
      await fixture.whenStable();
      expect(element.querySelector('li.message .action-note.problem')?.textContent).toBe(
        'Not saved: messages can be edited for 900 s after posting',
      );
      expect(element.querySelector('li.message.editing')).not.toBeNull();

      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
      await fixture.whenStable();
      expect(editMessage.mock.calls).toEqual([
        ['lobby', '2-0', 'a typo here'],
        ['lobby', '2-0', 'a typo here'],
      ]);
      expect(element.querySelector('li.message.editing')).toBeNull();
      expect(element.querySelector('li.message .action-note')).toBeNull();
      const text = [...element.querySelectorAll('li.message .message-text')].map((p) => p.textContent)[1];
      expect(text).toMatch(/^a typo here\(edited /);
      element.remove();
    });

    it('offers no Edit on the messages of others', async () => {
      authorId.set('ThIsAda0123456789abcde');
      const { element, fixture } = await render();
      FakeEventSource.latest.emit('message', { ...history[0], id: '2-0', author: 'Bob', text: 'not yours', authorId: 'bob-id' });
      await fixture.whenStable();
      expect(menuOf(element, 'not yours')).toBeNull();
    });

    it('shows what came since the reader was last here under a line, from the mark this browser kept', async () => {
      localStorage.setItem('herald.readMarks:/api', JSON.stringify({ floor: '0-0', rooms: { lobby: '1-0' } }));
      held = [...history, { ...history[0], id: '1-1', author: 'Bob', text: 'while you were away' }];
      const { element } = await render();
      const lines = [...element.querySelectorAll('[role="log"] li')].map((li) => li.className.split(' ')[0]);
      expect(lines).toEqual(['day', 'message', 'new-since', 'message']);
      // Seen now, and kept for the next visit.
      expect(JSON.parse(localStorage.getItem('herald.readMarks:/api') ?? '').rooms.lobby).toBe('1-1');
    });

    it('shows no such line in a room the reader never read here, whatever the browser tracked before', async () => {
      localStorage.setItem('herald.readMarks:/api', JSON.stringify({ floor: '0-0', rooms: { news: '1-0' } }));
      held = [...history, { ...history[0], id: '1-1', author: 'Bob', text: 'from before' }];
      const { element } = await render();
      expect(element.querySelector('[data-testid="new-since"]')).toBeNull();
      expect(JSON.parse(localStorage.getItem('herald.readMarks:/api') ?? '').rooms.lobby).toBe('1-1');
    });

    it('sets apart a mention of the reader in a message and marks that message', async () => {
      const { element, fixture } = await render();
      FakeEventSource.latest.emit('message', { ...history[0], id: '2-0', author: 'Bob', text: 'over to you @ada' });
      await fixture.whenStable();
      const last = [...element.querySelectorAll('li.message')].at(-1)!;
      expect(last.classList).toContain('mentions-you');
      expect(last.querySelector('mark.mention.you')?.textContent).toBe('@ada');
    });

    it('says in the header that other rooms have news it does not count', async () => {
      localStorage.setItem('herald.readMarks:/api', JSON.stringify({ floor: '5-0', rooms: {} }));
      const { element, fixture } = await render();
      FakeEventSource.overview().emit('rooms', { rooms: [{ name: 'art', connections: 0, online: 0, people: 0, lastId: '6-0' }] });
      await fixture.whenStable();
      expect(element.querySelector('.panel-toggle .badge.dot')?.textContent).toBe('new messages');
      expect(element.querySelector('a.room[data-room="art"] [data-testid="unread"]')?.classList).toContain('news');
    });
  });
});
