import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { PHONE, SCREENSHOTS, describeInBrowser, eventually, expectStatus, send, useChatBrowser } from './support/chat-browser';

type ChatBrowser = ReturnType<typeof useChatBrowser>;

/** Each look gets a server of its own, so every scene starts from empty rooms. */
function describeLook(name: string, body: (chat: ChatBrowser, scene: (options: SceneOptions) => Promise<Page>) => void) {
  describeInBrowser(name, () => {
    const chat = useChatBrowser();
    body(chat, (options) => scene(chat, options));
  });
}

interface SceneOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

/** A room with a conversation longer than the screen, another reader online, and other rooms in the list. */
async function scene(chat: ChatBrowser, options: SceneOptions): Promise<Page> {
  await chat.post('design', 'Grace', 'Shall we pick the colours today?');
  await chat.post('release', 'Linus', 'Tagging 1.0 this afternoon.');
  // Earlier in the day: enough for the list to scroll, so axe checks that it can be scrolled by keyboard.
  await chat.post('lobby', 'Linus', 'Morning all. The release notes are at www.herald.example/notes');
  await chat.post('lobby', 'Linus', 'Feedback welcome before three.');
  await chat.post('lobby', 'Grace', 'Read them, looks good to me.');
  await chat.post('lobby', 'Grace', 'One typo in the second paragraph.');
  await chat.post('lobby', 'Linus', 'Fixed, thanks!');
  const bob = await chat.person('Bob', { path: '/r/lobby' });
  await chat.post('lobby', 'Grace', 'Welcome to Herald! Every message here arrives over Server-Sent Events.');
  await chat.post('lobby', 'Grace', 'Links work too: https://herald.example/docs');
  // Only the reader who is checked with axe bypasses the CSP; everyone else runs the app under it.
  const alice = await chat.person('Alice', { ...options, bypassCSP: true, path: '/r/design' });
  const toggle = alice.getByRole('button', { name: /Rooms/ });
  if (await toggle.isVisible()) await toggle.click();
  await alice.locator('a.room[data-room="lobby"]').click();
  await alice.waitForURL('**/r/lobby');
  // Alice's "joined" must be in the room before Bob writes, or it would stand between his two messages.
  for (const reader of [alice, bob]) {
    await eventually(
      () => reader.getByTestId('online-now').locator('li').count(),
      (n) => n === 2,
    );
  }
  await send(bob, 'Hi Alice, the room list on the left shows who is where.');
  await send(bob, 'Messages in a row are grouped under one name.');
  await send(alice, 'Nice. And unread counts for the rooms I am not looking at.');
  await chat.post('design', 'Grace', 'Light and dark both pass AA contrast now.');
  await alice.locator('.message.own').last().waitFor();
  await alice.locator('.message.grouped', { hasText: 'grouped under one name' }).waitFor();
  await eventually(
    () => alice.getByTestId('online-now').locator('li').count(),
    (n) => n === 2,
  );
  expect(await alice.locator('.scroller').evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  return alice;
}

describeLook('accessibility in light mode on a desktop', (chat, scene) => {
  it('has no serious or critical axe findings in light mode', async () => {
    const alice = await scene({ colorScheme: 'light' });
    await alice.locator('a.room[data-room="design"] [data-testid="unread"]').waitFor();
    await alice.screenshot({ path: resolve(SCREENSHOTS, 'desktop-light.png') });
    expect(await seriousViolations(alice)).toEqual([]);
  });
});

describeLook('accessibility in dark mode on a desktop', (chat, scene) => {
  it('has no serious or critical axe findings in dark mode', async () => {
    const alice = await scene({ colorScheme: 'dark' });
    await alice.locator('a.room[data-room="design"] [data-testid="unread"]').waitFor();
    await alice.screenshot({ path: resolve(SCREENSHOTS, 'desktop-dark.png') });
    expect(await seriousViolations(alice)).toEqual([]);
  });
});

describeLook('layout and accessibility on a phone', (chat, scene) => {
  it('fits a phone, with the rooms panel behind a button, and passes axe both ways', async () => {
    const alice = await scene({ viewport: PHONE });
    expect(await alice.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await alice.locator('#side-panel').waitFor({ state: 'hidden' });
    await alice.screenshot({ path: resolve(SCREENSHOTS, 'phone-light.png') });
    expect(await seriousViolations(alice)).toEqual([]);

    const toggle = alice.getByRole('button', { name: /Rooms/ });
    await toggle.click();
    // Change detection runs just after the click's handler, not within it: wait for the result.
    await alice.locator('button[aria-controls="side-panel"][aria-expanded="true"]').waitFor();
    await alice.locator('#side-panel').waitFor();
    await alice.screenshot({ path: resolve(SCREENSHOTS, 'phone-rooms.png') });
    expect(await seriousViolations(alice)).toEqual([]);

    await alice.keyboard.press('Escape');
    await alice.locator('#side-panel').waitFor({ state: 'hidden' });
  });
});

describeLook('keyboard use', (chat) => {
  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const)('puts the cursor in the display name on a first visit, with the join prompt at the top (%s)', async (_, viewport) => {
    const page = await chat.open(await chat.context({ viewport }), '/r/lobby');
    const field = page.getByLabel('Display name');
    await field.waitFor();
    await eventually(
      () => page.evaluate(() => document.activeElement?.id),
      (id) => id === 'display-name',
    );
    const box = (await field.boundingBox())!;
    expect(box.y + box.height).toBeLessThan((viewport?.height ?? 780) / 4);
  });

  it('scrolls the message list from the keyboard, and jumps to the latest with Alt+End', async () => {
    for (let n = 1; n <= 40; n++) await chat.post('long-read', n % 3 ? 'Grace' : 'Linus', `Line ${n} of a long conversation`);
    const alice = await chat.person('Alice', { path: '/r/long-read', bypassCSP: true });
    const scroller = alice.locator('.scroller');
    await alice.locator('.message', { hasText: 'Line 40 of' }).waitFor();
    const position = () => scroller.evaluate((el) => ({ top: el.scrollTop, fromEnd: el.scrollHeight - el.scrollTop - el.clientHeight }));
    expect((await position()).fromEnd).toBeLessThan(50);

    await alice.reload();
    await expectStatus(alice, 'Live');
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await alice.keyboard.press('Tab');
      reached = await scroller.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    expect(await scroller.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

    const before = await position();
    await alice.keyboard.press('PageUp');
    await alice.keyboard.press('PageUp');
    await eventually(position, (now) => now.top < before.top - 200);
    const jump = alice.getByRole('button', { name: /Jump to latest/ });
    await jump.waitFor();
    expect(await jump.getAttribute('aria-keyshortcuts')).toBe('Alt+End');

    // From the composer too: the shortcut works wherever the focus is.
    await alice.getByLabel('Message', { exact: true }).focus();
    await alice.keyboard.press('Alt+End');
    await eventually(position, (now) => now.fromEnd < 50);
    await jump.waitFor({ state: 'detached' });
    expect(await alice.evaluate(() => document.activeElement?.id)).toBe('message-text');
    expect(await seriousViolations(alice)).toEqual([]);
  });

  it('puts the cursor in the composer after joining', async () => {
    const alice = await chat.person('Alice', { path: '/r/lobby' });
    expect(await alice.evaluate(() => document.activeElement?.id)).toBe('message-text');
  });

  it('reaches rooms, the room field and the composer by keyboard, with a visible focus ring', async () => {
    const alice = await chat.person('Alice', { path: '/r/lobby' });
    // Start from the top of the page, as a keyboard user arriving does.
    await alice.reload();
    await expectStatus(alice, 'Live');
    const reached: string[] = [];
    for (let i = 0; i < 25 && !reached.includes('textarea#message-text'); i++) {
      await alice.keyboard.press('Tab');
      const focused = await alice.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          id: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.dataset['room'] ? `[${el.dataset['room']}]` : ''}`,
          outline: style.outlineStyle,
        };
      });
      reached.push(focused.id);
      expect(focused.outline).not.toBe('none');
    }
    expect(reached).toEqual(expect.arrayContaining(['a[lobby]', 'input#room-name', 'textarea#message-text']));
  });
});
