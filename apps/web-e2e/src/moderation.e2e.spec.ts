import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { PHONE, describeInBrowser, eventually, expectStatus, messageTexts, send, useChatBrowser } from './support/chat-browser';

const MODERATOR_KEY = 'browser-tests-moderator-key-0123456789';
const API_KEYS = JSON.stringify([
  { name: 'Grace', sha256: createHash('sha256').update(MODERATOR_KEY).digest('hex'), rooms: '*', as: 'bot', roles: ['moderator'] },
]);

const messageIn = (page: Page, text: string) => page.locator('li.message', { hasText: text });
const menuButton = (page: Page, text: string) => messageIn(page, text).getByRole('button', { name: 'Message actions' });

/** Signs in from the side panel with the moderator key, as a moderator of this deployment would. */
async function signInAsModerator(page: Page, key = MODERATOR_KEY): Promise<void> {
  const toggle = page.getByRole('button', { name: /Rooms/ });
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('button', { name: 'Moderate' }).click();
  await page.getByLabel('Moderator key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Deletes a message from its menu with the mouse: Delete, then Confirm delete. */
async function deleteFromMenu(page: Page, text: string): Promise<void> {
  await menuButton(page, text).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('menuitem', { name: 'Confirm delete' }).click();
}

describeInBrowser('moderation in the browser', () => {
  const chat = useChatBrowser({ API_KEYS });

  it('tells a wrong moderator key clearly, and keeps a right one in this tab only', async () => {
    const grace = await chat.person('Grace', { path: '/r/mod-sign-in' });
    await signInAsModerator(grace, 'not-the-key');
    await grace.getByText('That key is not valid. Check it and try again.').waitFor();

    await grace.getByLabel('Moderator key').fill(MODERATOR_KEY);
    await grace.getByRole('button', { name: 'Sign in' }).click();
    await grace.getByTestId('moderating-as').filter({ hasText: 'Moderating as Grace' }).waitFor();
    expect(await grace.evaluate(() => Object.keys(localStorage))).not.toContain('herald.moderatorKey');
    expect(grace.url()).not.toContain(MODERATOR_KEY);

    // A reload of the tab keeps it; another tab of the same browser is no moderator.
    await grace.reload();
    await grace.getByTestId('moderating-as').waitFor();
    const other = await chat.open(grace.context(), '/r/mod-sign-in');
    await expectStatus(other, 'Live');
    expect(await other.getByTestId('moderating-as').count()).toBe(0);

    await grace.getByRole('button', { name: 'Sign out' }).click();
    await grace.getByRole('button', { name: 'Moderate' }).waitFor();
  });

  it("lets a moderator delete another person's message from its menu: it goes in every browser and tab, for good", async () => {
    const room = '/r/mod-delete';
    const bob = await chat.person('Bob', { path: room });
    const bobAgain = await chat.open(bob.context(), room);
    await expectStatus(bobAgain, 'Live');
    const grace = await chat.person('Grace', { path: room, bypassCSP: true });
    await signInAsModerator(grace);
    await grace.getByTestId('moderating-as').waitFor();

    await send(bob, 'cheap watches here');
    await send(bob, 'and a real question');
    for (const page of [bob, bobAgain, grace]) await messageIn(page, 'and a real question').waitFor();

    // The menu, open on the message, passes axe too.
    await menuButton(grace, 'cheap watches here').click();
    await grace.getByRole('menuitem', { name: 'Ban author for 1 day' }).waitFor();
    expect(await seriousViolations(grace)).toEqual([]);
    await grace.keyboard.press('Escape');

    await deleteFromMenu(grace, 'cheap watches here');
    for (const page of [grace, bob, bobAgain]) {
      await messageIn(page, 'cheap watches here').waitFor({ state: 'detached' });
      expect(await messageTexts(page)).toEqual(['and a real question']);
    }
    await bob.reload();
    await expectStatus(bob, 'Live');
    expect(await messageTexts(bob)).toEqual(['and a real question']);
  });

  it('lets an author delete their own message by keyboard, and gives a reader no delete on the messages of others', async () => {
    const room = '/r/own-delete';
    const ada = await chat.person('Ada', { path: room, viewport: PHONE, colorScheme: 'dark', bypassCSP: true });
    const bob = await chat.person('Bob', { path: room });
    await send(ada, 'שלום, a typo hree');
    await send(bob, 'hello Ada');
    for (const page of [ada, bob]) await messageIn(page, 'hello Ada').waitFor();
    await messageIn(bob, 'a typo hree').waitFor();

    expect(await menuButton(bob, 'a typo hree').count()).toBe(0);
    expect(await menuButton(ada, 'hello Ada').count()).toBe(0);
    expect(await menuButton(bob, 'hello Ada').count()).toBe(1);

    const trigger = menuButton(ada, 'a typo hree');
    await trigger.focus();
    await ada.keyboard.press('Enter');
    const item = ada.getByRole('menuitem', { name: 'Delete' });
    await eventually(
      () => item.evaluate((el) => el === document.activeElement),
      (focused) => focused,
    );
    await ada.keyboard.press('Enter');
    await ada.getByRole('menuitem', { name: 'Confirm delete' }).waitFor();
    expect(await ada.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(ada)).toEqual([]);
    await ada.keyboard.press('Enter');

    for (const page of [ada, bob]) {
      await messageIn(page, 'a typo hree').waitFor({ state: 'detached' });
      expect(await messageTexts(page)).toEqual(['hello Ada']);
    }
  });

  it("lets a moderator ban an author for 10 minutes: the banned author's composer says until when", async () => {
    const room = '/r/mod-ban';
    const mallory = await chat.person('Mallory', { path: room });
    const grace = await chat.person('Grace', { path: room });
    await signInAsModerator(grace);
    await grace.getByTestId('moderating-as').waitFor();
    await send(mallory, 'spam spam spam');
    await messageIn(grace, 'spam spam spam').waitFor();

    await menuButton(grace, 'spam spam spam').click();
    await grace.getByRole('menuitem', { name: 'Ban author for 10 minutes' }).click();
    await messageIn(grace, 'spam spam spam')
      .getByText(/^Mallory is banned from #mod-ban until /)
      .waitFor();

    // The page hears of the ban when its stream comes back refused, or when it posts: whichever is first.
    const composer = mallory.getByLabel('Message', { exact: true });
    let posted = true;
    try {
      await composer.fill('more spam', { timeout: 1_000 });
      await composer.press('Enter', { timeout: 1_000 });
    } catch {
      posted = false;
    }
    const blocked = mallory.getByTestId('composer-blocked');
    await blocked.waitFor();
    expect(await blocked.innerText()).toMatch(/^You are banned from #mod-ban until \d{1,2}:\d{2}\s?[AP]M\.$/);
    expect(await composer.isDisabled()).toBe(true);
    if (posted) {
      const pending = mallory.locator('li.pending', { hasText: 'more spam' });
      await pending.getByText(/Not sent: you are banned/).waitFor();
      await pending.getByRole('button', { name: 'Retry' }).waitFor();
    }
    expect(await messageTexts(grace)).toEqual(['spam spam spam']);
  });
});
