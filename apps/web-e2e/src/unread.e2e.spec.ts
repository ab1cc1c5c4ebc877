import type { Page } from 'playwright-core';
import { describeInBrowser, eventually, expectStatus, messageTexts, roomLink, useChatBrowser } from './support/chat-browser';

describeInBrowser('unread that is true, across rooms and reloads', () => {
  const chat = useChatBrowser();

  const badge = (page: Page, room: string) => roomLink(page, room).getByTestId('unread');
  /** Whether each room's link shows something unread: its count, "new" for a dot, or "" for nothing. */
  async function badges(page: Page, rooms: string[]): Promise<string[]> {
    return Promise.all(
      rooms.map(async (room) => {
        const shown = badge(page, room);
        if ((await shown.count()) === 0) return '';
        if ((await shown.getAttribute('class'))?.includes('news')) return 'new';
        return /^\d+/.exec((await shown.innerText()).trim())?.[0] ?? '?';
      }),
    );
  }
  /** This browser began tracking what it read: its first overview came. */
  const tracking = (page: Page) =>
    eventually(
      () => page.evaluate(() => localStorage.getItem('herald.readMarks:/api')),
      (marks) => marks !== null,
    );

  it('marks every room with news, followed or not, and keeps the marks through a reload', async () => {
    await chat.post('unread-seen', 'Grace', 'Old news everyone has read');
    const alice = await chat.person('Alice', { path: '/r/unread-lobby' });
    await tracking(alice);
    // A first visit: what was there before is not news.
    await roomLink(alice, 'unread-seen').waitFor();
    expect(await badges(alice, ['unread-seen'])).toEqual(['']);

    // Visited, and left: followed live, so counted exactly.
    await roomLink(alice, 'unread-seen').click();
    await alice.waitForURL('**/r/unread-seen');
    await roomLink(alice, 'unread-lobby').click();
    await alice.waitForURL('**/r/unread-lobby');

    await chat.post('unread-seen', 'Grace', 'Follow-up one');
    await chat.post('unread-seen', 'Grace', 'Follow-up two');
    await chat.post('unread-art', 'Linus', 'A room Alice never opened');
    await chat.post('unread-lobby', 'Linus', 'In the room Alice is looking at');
    const rooms = ['unread-art', 'unread-lobby', 'unread-seen'];
    await eventually(
      () => badges(alice, rooms),
      (shown) => shown.join() === 'new,,2',
    );
    expect(await roomLink(alice, 'unread-art').innerText()).toContain('new messages');

    await alice.reload();
    await expectStatus(alice, 'Live');
    // Only the room in view is followed after a reload: the others say there is news, not how much.
    await eventually(
      () => badges(alice, rooms),
      (shown) => shown.join() === 'new,,new',
    );

    await roomLink(alice, 'unread-art').click();
    await alice.waitForURL('**/r/unread-art');
    await alice.locator('.message', { hasText: 'A room Alice never opened' }).waitFor();
    await alice.reload();
    await expectStatus(alice, 'Live');
    await eventually(
      () => badges(alice, rooms),
      (shown) => shown.join() === ',,new',
    );
  });

  it('puts "New since you were here" above the first message that came while the reader was away', async () => {
    await chat.post('since-room', 'Grace', 'Read before leaving');
    const bob = await chat.person('Bob', { path: '/r/since-room' });
    await tracking(bob);
    await bob.locator('.message', { hasText: 'Read before leaving' }).waitFor();
    expect(await bob.getByTestId('new-since').count()).toBe(0);
    await bob.close();

    await chat.post('since-room', 'Grace', 'Posted while Bob was away');
    await chat.post('since-room', 'Linus', 'And another one');
    const again = await chat.open(bob.context(), '/r/since-room');
    await expectStatus(again, 'Live');
    await again.locator('.message', { hasText: 'And another one' }).waitFor();

    const rows = await again.locator('[role="log"] li').evaluateAll((items) => items.map((li) => li.className.split(' ')[0]));
    expect(rows.filter((row) => row !== 'notice' && row !== 'day')).toEqual(['message', 'new-since', 'message', 'message']);
    expect(await again.getByTestId('new-since').innerText()).toMatch(/New since you were here/i);
    expect(await messageTexts(again)).toEqual(['Read before leaving', 'Posted while Bob was away', 'And another one']);

    // New messages while reading do not move it; a later visit, with nothing new, has none.
    await chat.post('since-room', 'Grace', 'Live while Bob reads');
    await again.locator('.message', { hasText: 'Live while Bob reads' }).waitFor();
    expect(await again.getByTestId('new-since').count()).toBe(1);
    await again.reload();
    await expectStatus(again, 'Live');
    await again.locator('.message', { hasText: 'Live while Bob reads' }).waitFor();
    expect(await again.getByTestId('new-since').count()).toBe(0);
  });
});
