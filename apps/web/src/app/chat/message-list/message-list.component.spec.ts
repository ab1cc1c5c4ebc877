import { TestBed } from '@angular/core/testing';
import type { ChatMessage } from '@herald/contracts';
import { MessageListComponent } from './message-list.component';

const message = (id: string, author: string, text: string): ChatMessage => ({
  id,
  room: 'lobby',
  author,
  text,
  sentAt: '2025-03-04T09:05:00.000Z',
});

function render(messages: ChatMessage[], ownAuthor: string | null) {
  const fixture = TestBed.createComponent(MessageListComponent);
  fixture.componentRef.setInput('messages', messages);
  fixture.componentRef.setInput('ownAuthor', ownAuthor);
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
});
