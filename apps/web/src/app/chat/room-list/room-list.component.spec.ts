import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { RoomEntry } from '../rooms.store';
import { RoomListComponent } from './room-list.component';

const entry = (name: string, more: Partial<RoomEntry> = {}): RoomEntry => ({
  name,
  online: 1,
  unread: 0,
  mentions: 0,
  news: false,
  current: false,
  ...more,
});

async function render(rooms: RoomEntry[]) {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const fixture = TestBed.createComponent(RoomListComponent);
  fixture.componentRef.setInput('rooms', rooms);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return (name: string) => element.querySelector<HTMLAnchorElement>(`a[data-room="${name}"]`)!;
}

describe('RoomListComponent', () => {
  it('counts the unread messages of a room, and the mentions among them, in words for screen readers', async () => {
    const link = await render([entry('lobby', { unread: 3, mentions: 1 }), entry('news', { unread: 2, mentions: 2 }), entry('quiet')]);
    expect(link('lobby').textContent?.replace(/\s+/g, ' ')).toBe('#lobby@13 unread, 1 mention1 online');
    expect(link('lobby').querySelector('[data-testid="mentions"]')?.getAttribute('aria-hidden')).toBe('true');
    expect(link('news').textContent).toContain('2 unread, 2 mentions');
    expect(link('quiet').querySelector('[data-testid="unread"]')).toBeNull();
  });

  it('shows a dot, "new messages" to screen readers, for a room whose news is not counted', async () => {
    const link = await render([entry('art', { news: true }), entry('lobby', { news: true, unread: 4 })]);
    const dot = link('art').querySelector('[data-testid="unread"]')!;
    expect(dot.classList).toContain('news');
    expect(dot.textContent).toBe('new messages');
    expect(link('lobby').querySelector('.news')).toBeNull();
  });

  it('marks the room in view as the current page', async () => {
    const link = await render([entry('lobby', { current: true }), entry('news')]);
    expect(link('lobby').getAttribute('aria-current')).toBe('page');
    expect(link('news').getAttribute('aria-current')).toBeNull();
  });
});
