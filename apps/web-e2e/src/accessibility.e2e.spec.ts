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

/** A room with some conversation, another reader online, and other rooms in the list. */
async function scene(chat: ChatBrowser, options: SceneOptions): Promise<Page> {
  await chat.post('design', 'Grace', 'Shall we pick the colours today?');
  await chat.post('release', 'Linus', 'Tagging 1.0 this afternoon.');
  const bob = await chat.person('Bob', { path: '/r/lobby' });
  await chat.post('lobby', 'Grace', 'Welcome to Herald! Every message here arrives over Server-Sent Events.');
  // Only the reader who is checked with axe bypasses the CSP; everyone else runs the app under it.
  const alice = await chat.person('Alice', { ...options, bypassCSP: true, path: '/r/design' });
  const toggle = alice.getByRole('button', { name: /Rooms/ });
  if (await toggle.isVisible()) await toggle.click();
  await alice.locator('a.room[data-room="lobby"]').click();
  await alice.waitForURL('**/r/lobby');
  await send(bob, 'Hi Alice, the room list on the left shows who is where.');
  await send(alice, 'Nice. And unread counts for the rooms I am not looking at.');
  await chat.post('design', 'Grace', 'Light and dark both pass AA contrast now.');
  await alice.locator('.message.own').last().waitFor();
  await eventually(
    () => alice.getByTestId('online-now').locator('li').count(),
    (n) => n === 2,
  );
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
