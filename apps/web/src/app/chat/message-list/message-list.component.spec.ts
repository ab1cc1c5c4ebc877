import { TestBed } from '@angular/core/testing';
import { ChatApiError, type PendingMessage, type PresenceNotice, type ResetNotice } from '@herald/chat-client';
import type { ChatMessage } from '@herald/contracts';
import { MessageListComponent } from './message-list.component';

const message = (id: string, author: string, text: string): ChatMessage => ({
  id,
  room: 'lobby',
  author,
  text,
  sentAt: '2025-03-04T09:05:00.000Z',
});

/** Renders the list for a reader named `ownAuthor` without a session (`reader` overrides), or for nobody. */
function render(messages: ChatMessage[], ownAuthor: string | null, more: Record<string, unknown> = {}) {
  const fixture = TestBed.createComponent(MessageListComponent);
  fixture.componentRef.setInput('reader', ownAuthor === null ? null : { name: ownAuthor, authorId: null });
  for (const [name, value] of Object.entries(more)) fixture.componentRef.setInput(name, value);
  fixture.componentRef.setInput('messages', messages);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, items: () => [...element.querySelectorAll<HTMLElement>('li.message')] };
}

describe('MessageListComponent', () => {
  it('sets the reader’s own messages apart from everyone else’s', () => {
    const { items } = render([message('1-0', 'Ada', 'hi all'), message('1-1', 'Grace', 'hello Ada')], 'Ada');

    const [mine, theirs] = items();
    expect(mine.classList).toContain('own');
    expect(theirs.classList).not.toContain('own');
    // Screen readers get the distinction in words too (jsdom does not apply component CSS, so the
    // right/left placement of .own is checked in the browser tests).
    expect(mine.textContent).toContain('(you)');
    expect(theirs.textContent).not.toContain('(you)');
  });

  it('sets apart only the messages of the reader’s session when another person chose the same name', () => {
    const reader = { name: 'Ada', authorId: 'id-of-this-ada' };
    const { items } = render(
      [
        { ...message('1-0', 'Ada', 'mine'), authorId: 'id-of-this-ada' },
        { ...message('1-1', 'Ada', 'a namesake'), authorId: 'id-of-another-ada' },
      ],
      null,
      { reader },
    );
    expect(items().map((li) => li.classList.contains('own'))).toEqual([true, false]);
    // Two people, so two groups: each shows its author.
    expect(items().map((li) => li.querySelector('.meta')?.classList.contains('visually-hidden'))).toEqual([false, false]);
  });

  it('marks a name no session vouches for, says so to screen readers, and marks bots and system notices', () => {
    const { items } = render(
      [
        message('1-0', 'Ada', 'typed by anyone'),
        { ...message('1-1', 'Grace', 'with a session'), authorId: 'id-of-grace' },
        { ...message('1-2', 'deploy-bot', 'deployed'), origin: 'bot', authorId: 'id-of-the-bot' },
        { ...message('1-3', 'system', 'maintenance at noon'), origin: 'system', authorId: 'id-of-the-console' },
      ],
      null,
    );
    const [anyone, grace, bot, system] = items();
    expect(anyone.querySelector('[data-testid="unverified-mark"]')?.textContent).toContain('unverified name: posted without a session');
    expect(grace.querySelector('.mark')).toBeNull();
    expect(bot.querySelector('[data-testid="bot-mark"]')?.textContent).toBe('bot');
    expect(system.classList).toContain('system');
    expect(system.querySelector('.message-author')?.textContent).toBe('System notice');
    expect(system.querySelector('.mark')).toBeNull();
  });

  it('shows author, text and time of each message in order', () => {
    const { items } = render([message('1-0', 'Ada', 'first'), message('1-1', 'Grace', 'second')], null);

    expect(items().map((li) => li.querySelector('.message-author')?.textContent)).toEqual(['Ada', 'Grace']);
    expect(items().map((li) => li.querySelector('.message-text')?.textContent)).toEqual(['first', 'second']);
    expect(items()[0].querySelector('time')?.getAttribute('datetime')).toBe('2025-03-04T09:05:00.000Z');
  });

  it('renders markup in a message as literal text', () => {
    const attack = '<img src=x onerror=alert(1)>';
    const { element, items } = render([message('1-0', '<b>Mallory</b>', attack)], null);

    expect(items()[0].querySelector('.message-text')?.textContent).toBe(attack);
    expect(items()[0].querySelector('.message-author')?.textContent).toBe('<b>Mallory</b>');
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('b')).toBeNull();
  });

  it('is a log named "Messages" and says so when the room is empty', () => {
    const { element } = render([], null);
    const log = element.querySelector('[role="log"]');
    expect(log?.getAttribute('aria-label')).toBe('Messages');
    expect(log?.textContent).toContain('No messages yet');
  });

  it('still says the room is empty when the only lines are notices', () => {
    const joined: PresenceNotice = { key: 1, name: 'Ada', change: 'joined', at: '2025-03-04T09:05:00.000Z', afterId: null };
    const { element } = render([], 'Ada', { notices: [joined] });
    const lines = [...element.querySelectorAll('[role="log"] li')].map((li) => li.className);
    expect(lines).toEqual(['notice', 'empty']);
    expect(element.querySelector('li.empty')?.textContent).toContain('No messages yet');
  });

  it('says in the log, once and at the top, that earlier messages are gone after a reset', () => {
    const reset: ResetNotice = { key: 3, reason: 'history-trimmed', at: '2025-03-04T09:06:00.000Z' };
    const { fixture, element } = render([message('50-0', 'Grace', 'still held')], null, { resetNotice: reset });
    const log = element.querySelector('[role="log"]')!;
    const notices = [...log.querySelectorAll('li.notice')];
    expect(notices).toHaveLength(1);
    expect(notices[0].textContent).toContain('Earlier messages are no longer available on the server');
    expect(notices[0].querySelector('time')?.getAttribute('datetime')).toBe(reset.at);
    expect(log.querySelector('li')).toBe(notices[0]);
    // The line says where the history now begins; the note above the log would say it twice.
    expect(element.textContent).not.toContain('beginning of the room’s history');
    expect(element.querySelector('li.empty')).toBeNull();

    fixture.componentRef.setInput('messages', []);
    fixture.detectChanges();
    expect([...log.querySelectorAll('li')].map((li) => li.className)).toEqual(['notice', 'empty']);
  });

  it('offers a "New messages" button instead of jumping when the reader has scrolled up', () => {
    const { fixture, element } = render([message('1-0', 'Grace', 'one')], 'Ada');
    const scroller = element.querySelector<HTMLElement>('.scroller')!;
    // jsdom has no layout: describe a tall list scrolled far from its end.
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 400 });
    scroller.scrollTop = 100;
    scroller.dispatchEvent(new Event('scroll'));

    fixture.componentRef.setInput('messages', [message('1-0', 'Grace', 'one'), message('1-1', 'Grace', 'two')]);
    fixture.detectChanges();

    expect(scroller.scrollTop).toBe(100);
    const jump = [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('New messages'));
    expect(jump).toBeTruthy();

    jump!.click();
    fixture.detectChanges();
    expect(scroller.scrollTop).toBe(2000);
    expect(element.textContent).not.toContain('New messages');
  });

  it('follows new messages while the reader is at the bottom', () => {
    const { fixture, element } = render([message('1-0', 'Grace', 'one')], 'Ada');
    const scroller = element.querySelector<HTMLElement>('.scroller')!;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 3000 });

    fixture.componentRef.setInput('messages', [message('1-0', 'Grace', 'one'), message('1-1', 'Grace', 'two')]);
    fixture.detectChanges();

    expect(scroller.scrollTop).toBe(3000);
    expect(element.textContent).not.toContain('New messages');
  });

  it('announces new messages politely and shows the exact time on hover', () => {
    const { element, items } = render([message('1-0', 'Grace', 'one')], null);
    expect(element.querySelector('[role="log"]')?.getAttribute('aria-live')).toBe('polite');
    const time = items()[0].querySelector('time')!;
    expect(time.getAttribute('title')).toMatch(/2025/);
    expect(element.querySelector('li.day')?.textContent).toBeTruthy();
  });

  it('asks for older messages near the top and keeps the reader’s place when they arrive', () => {
    const loads: number[] = [];
    const later = [message('51-0', 'Grace', 'fifty-one'), message('52-0', 'Grace', 'fifty-two')];
    const { fixture, element } = render(later, 'Ada', { hasMore: true });
    fixture.componentInstance.loadOlder.subscribe(() => loads.push(1));
    const scroller = element.querySelector<HTMLElement>('.scroller')!;
    let height = 2000;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, get: () => height });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 400 });

    scroller.scrollTop = 50;
    scroller.dispatchEvent(new Event('scroll'));
    expect(loads).toHaveLength(1);

    // The older page adds 1,500 px above what the reader looks at.
    height = 3500;
    fixture.componentRef.setInput('messages', [message('1-0', 'Grace', 'one'), ...later]);
    fixture.componentRef.setInput('hasMore', false);
    fixture.detectChanges();

    expect(scroller.scrollTop).toBe(1550);
    expect(element.textContent).not.toContain('New messages');
    expect(element.textContent).toContain('beginning of the room’s history');
  });

  it('offers a keyboard-reachable button to load older messages and says when they are loading', () => {
    const loads: number[] = [];
    const { fixture, element } = render([message('9-0', 'Grace', 'nine')], null, { hasMore: true });
    fixture.componentInstance.loadOlder.subscribe(() => loads.push(1));
    const button = [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Load older messages'))!;
    button.click();
    expect(loads).toHaveLength(1);

    fixture.componentRef.setInput('loadingOlder', true);
    fixture.detectChanges();
    expect(element.querySelector('[role="log"]')?.getAttribute('aria-busy')).toBe('true');
    expect(element.textContent).toContain('Loading older messages');
  });
  it('makes web addresses links that open in a new tab, without the opener or the referrer, and leaves the rest text', () => {
    const text = 'docs: https://herald.example/docs, not javascript:alert(1) <b>bold</b>';
    const { items } = render([message('1-0', 'Grace', text)], null);
    const paragraph = items()[0].querySelector('.message-text')!;
    expect(paragraph.textContent).toBe(text);
    const links = [...paragraph.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.target, a.rel])).toEqual([
      ['https://herald.example/docs', 'https://herald.example/docs', '_blank', 'noopener noreferrer nofollow'],
    ]);
    expect(paragraph.querySelector('b')).toBeNull();
    // Screen readers are told where the link opens.
    const note = paragraph.ownerDocument.getElementById(links[0].getAttribute('aria-describedby')!);
    expect(note?.textContent).toBe('Opens in a new tab');
  });

  it('lets message text, authors and names in notices take their own direction', () => {
    const joined: PresenceNotice = { key: 1, name: 'דנה', change: 'joined', at: '2025-03-04T09:05:00.000Z', afterId: '1-0' };
    const { items, element } = render([message('1-0', 'דנה', 'שלום world')], null, { notices: [joined] });
    expect(items()[0].querySelector('.message-text')?.getAttribute('dir')).toBe('auto');
    expect(items()[0].querySelector('.message-author')?.getAttribute('dir')).toBe('auto');
    expect(element.querySelector('li.notice bdi')?.textContent).toBe('דנה');
  });

  it('shows author and time once for a run of messages by the same author, keeping them for screen readers', () => {
    const at = (minute: number) => `2025-03-04T09:0${minute}:00.000Z`;
    const { items } = render(
      [
        { ...message('1-0', 'Grace', 'one'), sentAt: at(0) },
        { ...message('1-1', 'Grace', 'two'), sentAt: at(1) },
        { ...message('1-2', 'Linus', 'three'), sentAt: at(2) },
      ],
      null,
    );
    expect(items().map((li) => li.classList.contains('grouped'))).toEqual([false, true, false]);
    const meta = items()[1].querySelector('.meta')!;
    expect(meta.classList).toContain('visually-hidden');
    expect(meta.textContent).toContain('Grace');
    expect(items()[0].querySelector('.meta')?.classList).not.toContain('visually-hidden');
  });

  it('shows pending messages last, and offers Retry and Discard for one that failed', () => {
    const failed: PendingMessage = {
      key: 'k1',
      author: 'Ada',
      text: 'lost in transit',
      at: '2025-03-04T09:06:00.000Z',
      state: 'failed',
      id: null,
      error: new ChatApiError('Could not reach the server. Check your connection and try again.', 0),
    };
    const sending: PendingMessage = { ...failed, key: 'k2', text: 'on its way', state: 'sending', error: null };
    const { fixture, element } = render([message('1-0', 'Grace', 'one')], 'Ada', { pending: [failed, sending] });
    const retried: string[] = [];
    const discarded: string[] = [];
    fixture.componentInstance.retry.subscribe((key) => retried.push(key));
    fixture.componentInstance.discard.subscribe((key) => discarded.push(key));

    const lines = [...element.querySelectorAll('[role="log"] li')];
    expect(lines.map((li) => li.className.split(' ')[0])).toEqual(['day', 'message', 'pending', 'pending']);
    expect(lines[2].textContent).toContain('Not sent: Could not reach the server');
    expect(lines[3].textContent).toContain('Sending…');
    expect(lines[3].querySelector('button')).toBeNull();

    const button = (name: string) => [...lines[2].querySelectorAll('button')].find((b) => b.textContent === name)!;
    button('Retry').click();
    button('Discard').click();
    expect(retried).toEqual(['k1']);
    expect(discarded).toEqual(['k1']);
  });

  it('can be scrolled from the keyboard: the history is a focusable, named region', () => {
    const { element } = render([message('1-0', 'Grace', 'one')], null);
    const scroller = element.querySelector<HTMLElement>('.scroller')!;
    expect(scroller.tabIndex).toBe(0);
    expect(scroller.getAttribute('role')).toBe('region');
    expect(scroller.getAttribute('aria-label')).toBe('Message history');
  });

  it('jumps to the latest messages on Alt+End from anywhere, and offers a button while scrolled up', () => {
    const { fixture, element } = render([message('1-0', 'Grace', 'one')], 'Ada');
    const scroller = element.querySelector<HTMLElement>('.scroller')!;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 400 });
    scroller.scrollTop = 300;
    scroller.dispatchEvent(new Event('scroll'));
    fixture.detectChanges();
    const jump = element.querySelector<HTMLButtonElement>('button.jump');
    expect(jump?.textContent).toContain('Jump to latest');
    expect(jump?.getAttribute('aria-keyshortcuts')).toBe('Alt+End');

    const shortcut = new KeyboardEvent('keydown', { key: 'End', altKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(shortcut);
    fixture.detectChanges();
    expect(shortcut.defaultPrevented).toBe(true);
    expect(scroller.scrollTop).toBe(2000);
    expect(element.querySelector('button.jump')).toBeNull();
  });

  it('scrolls to a message the reader just sent, even when scrolled up', () => {
    const { fixture, element } = render([message('1-0', 'Grace', 'one')], 'Ada');
    const scroller = element.querySelector<HTMLElement>('.scroller')!;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 400 });
    scroller.scrollTop = 100;
    scroller.dispatchEvent(new Event('scroll'));

    const sending: PendingMessage = {
      key: 'k',
      author: 'Ada',
      text: 'mine',
      at: '2025-03-04T09:06:00.000Z',
      state: 'sending',
      id: null,
      error: null,
    };
    fixture.componentRef.setInput('pending', [sending]);
    fixture.detectChanges();
    expect(scroller.scrollTop).toBe(2000);
  });

  describe('actions on messages', () => {
    const moderator = { moderator: { name: 'Grace', authorId: 'grace-key', roles: ['moderator'] }, deleteWindowS: 300 };
    const triggers = (element: HTMLElement) =>
      [...element.querySelectorAll('li.message')].map((li) => li.querySelector('button[aria-label="Message actions"]') !== null);

    afterEach(() => jest.useRealTimers());

    it('gives a reader a menu on their own recent messages only, and takes it away when the window closes', () => {
      jest.useFakeTimers({ now: Date.parse('2025-03-04T09:06:00.000Z') });
      const reader = { name: 'Ada', authorId: 'ada-id' };
      const { element, fixture } = render(
        [
          { ...message('1-0', 'Ada', 'mine, a minute ago'), authorId: 'ada-id' },
          { ...message('1-1', 'Bob', 'not mine'), authorId: 'bob-id' },
          message('1-2', 'Ada', 'under my name, without a session'),
        ],
        null,
        { reader, powers: { moderator: null, deleteWindowS: 300 } },
      );
      expect(triggers(element)).toEqual([true, false, false]);
      expect(element.querySelector('li.message')?.classList).toContain('has-actions');

      jest.advanceTimersByTime(4 * 60_000 - 1);
      fixture.detectChanges();
      expect(triggers(element)).toEqual([true, false, false]);
      jest.advanceTimersByTime(1);
      fixture.detectChanges();
      expect(triggers(element)).toEqual([false, false, false]);
    });

    it('gives a moderator a menu on every message, and says which message and action was chosen', () => {
      const bob = { ...message('1-1', 'Bob', 'spam'), authorId: 'bob-id' };
      const { element, fixture } = render([message('1-0', 'Ada', 'hi'), bob], null, { powers: moderator });
      const chosen: unknown[] = [];
      fixture.componentInstance.act.subscribe((request) => chosen.push(request));
      expect(triggers(element)).toEqual([true, true]);

      const second = element.querySelectorAll('li.message')[1];
      second.querySelector<HTMLButtonElement>('button[aria-label="Message actions"]')!.click();
      fixture.detectChanges();
      const items = [...second.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
      expect(items.map((item) => item.textContent?.trim())).toContain('Ban author for 1 hour');
      items.find((item) => item.textContent?.includes('1 hour'))!.click();
      expect(chosen).toEqual([{ message: bob, action: { kind: 'ban', seconds: 3600, label: 'Ban author for 1 hour' } }]);
    });

    it('shows a line under a message about what is done to it, as an alert when it failed', () => {
      const notes = new Map([
        ['1-0', { text: 'Deleting…', problem: false }],
        ['1-1', { text: 'Not deleted: no such message in the room', problem: true }],
      ]);
      const { element } = render([message('1-0', 'Ada', 'one'), message('1-1', 'Bob', 'two')], null, { notes });
      const lines = [...element.querySelectorAll('li.message .action-note')];
      expect(lines.map((line) => [line.textContent, line.getAttribute('role')])).toEqual([
        ['Deleting…', 'status'],
        ['Not deleted: no such message in the room', 'alert'],
      ]);
    });
  });
  describe('mentions, edits and what is new', () => {
    it('sets apart known names after an @, and marks a message of someone else that mentions the reader, in words too', () => {
      const { items } = render([message('1-0', 'Bob', 'hi @ada and @Cy, see @nobody'), message('1-1', 'Bob', 'hi @Cy')], 'Ada', {
        names: ['Ada', 'Bob', 'Cy'],
      });
      const [first, second] = items();
      expect([...first.querySelectorAll('mark.mention')].map((m) => [m.textContent, m.classList.contains('you')])).toEqual([
        ['@ada', true],
        ['@Cy', false],
      ]);
      expect(first.classList).toContain('mentions-you');
      expect(first.querySelector('[data-testid="mention-mark"]')?.textContent).toBe('(mentions you)');
      expect(second.classList).not.toContain('mentions-you');
      expect(first.querySelector('.message-text')?.textContent).toBe('hi @ada and @Cy, see @nobody');
    });

    it('says "(edited)" on an edited message, with the time of the edit on hover and for screen readers', () => {
      const edited = { ...message('1-0', 'Ada', 'fixed'), editedAt: '2025-03-04T09:07:00.000Z' };
      const { items } = render([edited, message('1-1', 'Bob', 'never edited')], null);
      const mark = items()[0].querySelector('[data-testid="edited"]')!;
      expect(mark.textContent).toMatch(/^\(edited Mar 4, 2025, \d+:07:00\s[AP]M\)$/);
      expect(mark.getAttribute('title')).toMatch(/^Edited Mar 4, 2025/);
      expect(items()[1].querySelector('[data-testid="edited"]')).toBeNull();
    });

    it('puts a line saying what is new above the first new message', () => {
      const { element } = render([message('1-0', 'Bob', 'old'), message('1-1', 'Bob', 'new')], null, { newSince: '1-1' });
      const lines = [...element.querySelectorAll('ol.messages > li')].map((li) => li.className.split(' ')[0]);
      expect(lines).toEqual(['day', 'message', 'new-since', 'message']);
      expect(element.querySelector('[data-testid="new-since"]')?.textContent).toBe('New since you were here');
    });

    it('shows an editor in place of the text of the message being edited, without its menu, and says what was asked', async () => {
      const reader = { name: 'Ada', authorId: 'ada-id' };
      const mine = { ...message('1-0', 'Ada', 'a typo hree'), authorId: 'ada-id', sentAt: new Date().toISOString() };
      const fixture = TestBed.createComponent(MessageListComponent);
      const element = fixture.nativeElement as HTMLElement;
      // In the document before the first render, for the editor to take the focus.
      document.body.append(element);
      fixture.componentRef.setInput('reader', reader);
      fixture.componentRef.setInput('powers', { moderator: null, deleteWindowS: 300, editWindowS: 900 });
      fixture.componentRef.setInput('editing', '1-0');
      fixture.componentRef.setInput('messages', [mine]);
      const items = () => [...element.querySelectorAll<HTMLElement>('li.message')];
      const saved: unknown[] = [];
      let cancelled = 0;
      fixture.componentInstance.saveEdit.subscribe((edit) => saved.push(edit));
      fixture.componentInstance.cancelEdit.subscribe(() => cancelled++);
      await fixture.whenStable();

      const [li] = items();
      expect(li.classList).toContain('editing');
      expect(li.querySelector('.message-text')).toBeNull();
      expect(li.querySelector('button[aria-label="Message actions"]')).toBeNull();
      const field = li.querySelector('textarea')!;
      expect(document.activeElement).toBe(field);
      field.value = 'a typo here';
      field.dispatchEvent(new Event('input'));
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', cancelable: true }));
      expect(saved).toEqual([{ message: mine, text: 'a typo here' }]);
      expect(cancelled).toBe(1);

      // Closed: the focus goes back to the menu the edit came from.
      fixture.componentRef.setInput('editing', null);
      await fixture.whenStable();
      expect(document.activeElement).toBe(li.querySelector('button[aria-label="Message actions"]'));
      element.remove();
    });
  });
});
