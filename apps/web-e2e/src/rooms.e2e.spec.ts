import type { Page } from 'playwright-core';
import { describeInBrowser, eventually, messageTexts, send, useChatBrowser } from './support/chat-browser';

describeInBrowser('rooms, presence and history in a real browser', () => {
  const chat = useChatBrowser();

  const roomLink = (page: Page, room: string) => page.locator(`a.room[data-room="${room}"]`);
  const onlineNames = (page: Page) => page.getByTestId('online-now').locator('.person-name').allTextContents();

  async function openRoomByName(page: Page, room: string): Promise<void> {
    await page.getByLabel('Join or create a room').fill(room);
    await page.getByLabel('Join or create a room').press('Enter');
    await page.waitForURL(`**/r/${room}`);
  }

  it('keeps the messages of each room apart when switching, and a room’s link opens it', async () => {
    const alice = await chat.person('Alice');
    await send(alice, 'Hello lobby');
    await alice.locator('.message', { hasText: 'Hello lobby' }).waitFor();

    await openRoomByName(alice, 'release-party');
    await send(alice, 'Hello party');
    await alice.locator('.message', { hasText: 'Hello party' }).waitFor();
    expect(await messageTexts(alice)).not.toContain('Hello lobby');

    await roomLink(alice, 'lobby').click();
    await alice.waitForURL('**/r/lobby');
    await alice.locator('.message', { hasText: 'Hello lobby' }).waitFor();
    expect(await messageTexts(alice)).not.toContain('Hello party');

    const bob = await chat.person('Bob', { path: '/r/release-party' });
    expect(await messageTexts(bob)).toEqual(['Hello party']);
    expect(await roomLink(bob, 'release-party').getAttribute('aria-current')).toBe('page');
  });

  it('counts unread messages on rooms not in view and clears them on opening the room', async () => {
    const alice = await chat.person('Alice', { path: '/r/news' });
    await roomLink(alice, 'lobby').click();
    await alice.waitForURL('**/r/lobby');

    await chat.post('news', 'Bob', 'Breaking: one');
    await chat.post('news', 'Bob', 'Breaking: two');
    await chat.post('lobby', 'Bob', 'Meanwhile in the lobby');

    await roomLink(alice, 'news').getByTestId('unread').filter({ hasText: '2' }).waitFor();
    expect(await roomLink(alice, 'lobby').getByTestId('unread').count()).toBe(0);
    // Screen readers hear the link as "news 2 unread 1 online".
    expect(await roomLink(alice, 'news').textContent()).toMatch(/news\s*2 unread/);

    await roomLink(alice, 'news').click();
    await alice.locator('.message', { hasText: 'Breaking: two' }).waitFor();
    await roomLink(alice, 'news').getByTestId('unread').waitFor({ state: 'detached' });
  });

  it('shows who is online in two pages and drops one when its page closes', async () => {
    const alice = await chat.person('Alice', { path: '/r/presence' });
    const bob = await chat.person('Bob', { path: '/r/presence' });

    for (const page of [alice, bob]) {
      await eventually(
        () => onlineNames(page),
        (names) => names.join() === 'Alice,Bob',
      );
    }
    await alice.locator('.notice', { hasText: 'Bob joined' }).waitFor();

    await bob.context().close();

    await eventually(
      () => onlineNames(alice),
      (names) => names.join() === 'Alice',
    );
    await alice.locator('.notice', { hasText: 'Bob left' }).waitFor();
    expect(await roomLink(alice, 'presence').getByTestId('online').innerText()).toMatch(/^1/);
  });

  it('loads older messages on scrolling up without moving the view, oldest first, each once', async () => {
    const total = 120;
    const label = (n: number) => `Message number ${String(n).padStart(3, '0')}`;
    for (let n = 1; n <= total; n++) await chat.post('archive', n % 2 ? 'Grace' : 'Linus', label(n));

    const alice = await chat.person('Alice', { path: '/r/archive' });
    await alice.locator('.message', { hasText: label(total) }).waitFor();
    const firstShown = await alice.locator('.message-text').first().textContent();
    expect(firstShown).toBe(label(total - 49));
    expect(await alice.locator('li.day').first().textContent()).toContain('Today');
    const time = alice.locator('.message time').last();
    expect(await time.textContent()).toMatch(/just now|min ago/);
    expect(await time.getAttribute('title')).toMatch(/\d{4}/);

    const scroller = alice.locator('.scroller');
    const anchor = alice.locator('.message', { hasText: label(total - 49) });
    // Scroll up to the top: the next page comes in above, and the message that was at the top stays put.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await eventually(
      () => alice.locator('.message').count(),
      (count) => count >= 100,
    );
    const anchorTop = await anchor.evaluate((el) => el.getBoundingClientRect().top - el.closest('.scroller')!.getBoundingClientRect().top);
    expect(anchorTop).toBeGreaterThan(0);
    expect(anchorTop).toBeLessThan(200);

    // Again, until the beginning.
    await eventually(
      async () => {
        await scroller.evaluate((el) => (el.scrollTop = 0));
        return alice.locator('.message').count();
      },
      (count) => count === total,
    );
    await alice.getByText('beginning of the room’s history').waitFor();
    const texts = await messageTexts(alice);
    expect(texts).toEqual(Array.from({ length: total }, (_, i) => label(i + 1)));
  });
});
