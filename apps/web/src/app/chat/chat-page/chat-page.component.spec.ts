import { TestBed } from '@angular/core/testing';
import { ChatApi, ChatApiError, EVENT_SOURCE } from '@herald/chat-client';
import type { ChatMessage } from '@herald/contracts';
import { ChatPageComponent } from './chat-page.component';

/** An event stream that never opens: the page's own behaviour is under test here, not the stream's. */
class SilentEventSource {
  readyState = 0;
  addEventListener(): void {}
  close(): void {}
}

const history: ChatMessage[] = [
  { id: '1-0', room: 'lobby', author: 'Grace', text: 'welcome', sentAt: '2025-01-01T10:00:00.000Z' },
];

describe('ChatPageComponent', () => {
  let post: jest.Mock;

  async function render() {
    const fixture = TestBed.createComponent(ChatPageComponent);
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
    post = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        { provide: EVENT_SOURCE, useValue: SilentEventSource },
        {
          provide: ChatApi,
          useValue: {
            post,
            history: async () => ({ room: 'lobby', messages: history, hasMore: false }),
            roomUrl: () => '/api/rooms/lobby/events',
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

    fill('input', 'Ada');
    button('Join').click();
    fixture.detectChanges();

    expect(localStorage.getItem('herald.displayName')).toBe('Ada');
    expect(element.querySelector('textarea')).not.toBeNull();
    expect(element.textContent).toContain('Posting as Ada');
  });

  it('posts as the remembered name and clears the draft once the server accepted it', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    post.mockResolvedValue({ id: '2-0', room: 'lobby', sentAt: '2025-01-01T10:01:00.000Z' });
    const { element, button, fill, fixture } = await render();

    fill('textarea', '  hello  ');
    button('Send').click();
    await fixture.whenStable();

    expect(post).toHaveBeenCalledWith('lobby', { author: 'Ada', text: 'hello' });
    expect(element.querySelector('textarea')?.value).toBe('');
  });

  it('keeps the draft and shows the server’s message when a post is refused', async () => {
    localStorage.setItem('herald.displayName', 'Ada');
    post.mockRejectedValue(new ChatApiError('text must be 1 to 2000 characters long', 400));
    const { element, button, fill, fixture } = await render();

    fill('textarea', 'hello');
    button('Send').click();
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toBe('text must be 1 to 2000 characters long');
    expect(element.querySelector('textarea')?.value).toBe('hello');
  });
});
