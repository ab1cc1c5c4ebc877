import { seriousViolations } from './support/axe';
import {
  describeInBrowser,
  eventually,
  raisedNotifications,
  roomLink,
  setHidden,
  useChatBrowser,
  watchNotifications,
} from './support/chat-browser';

describeInBrowser('mentions of the reader', () => {
  const chat = useChatBrowser();

  it('highlights @name, marks the message and counts mentions apart in the room’s badge', async () => {
    const ada = await chat.person('Ada Lovelace', { path: '/r/mention-lobby', bypassCSP: true });
    await roomLink(ada, 'mention-lobby').waitFor();
    await ada.getByLabel('Join or create a room').fill('mention-news');
    await ada.getByLabel('Join or create a room').press('Enter');
    await ada.waitForURL('**/r/mention-news');

    await chat.post('mention-lobby', 'Grace', 'hi @ada lovelace, the notes are ready');
    await chat.post('mention-lobby', 'Grace', 'and nothing for anyone in particular');
    await chat.post('mention-lobby', 'Grace', 'email me at grace@ada.example');
    const lobby = roomLink(ada, 'mention-lobby');
    await lobby.getByTestId('mentions').filter({ hasText: '@1' }).waitFor();
    expect(await lobby.getByTestId('unread').innerText()).toMatch(/^3\s*unread, 1 mention$/);
    expect(await seriousViolations(ada)).toEqual([]);

    await lobby.click();
    await ada.waitForURL('**/r/mention-lobby');
    const mentioning = ada.locator('li.message.mentions-you');
    await mentioning.waitFor();
    expect(await ada.locator('li.message.mentions-you').count()).toBe(1);
    expect(await mentioning.locator('mark.mention.you').innerText()).toBe('@ada lovelace');
    expect(await mentioning.getByTestId('mention-mark').textContent()).toBe('(mentions you)');
    // An address is no mention, and text stays text.
    expect(await ada.locator('li.message', { hasText: 'grace@ada.example' }).locator('mark').count()).toBe(0);
    expect(await seriousViolations(ada)).toEqual([]);
  });

  it('raises a desktop notification for a mention while the tab is hidden, once the reader turned them on', async () => {
    const context = await chat.context();
    await watchNotifications(context, chat.url());
    const page = await chat.open(context, '/r/mention-alerts');
    await page.getByLabel('Display name').fill('Ada');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('connection-status').filter({ hasText: 'Live' }).waitFor();

    // Never asked for on load: nothing is raised until the reader says so.
    await setHidden(page, true);
    await chat.post('mention-alerts', 'Bob', '@Ada before you said yes');
    await page.locator('.message', { hasText: 'before you said yes' }).waitFor();
    await setHidden(page, false);
    const toggle = page.getByRole('button', { name: 'Notify me of mentions' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await eventually(
      () => toggle.getAttribute('aria-pressed'),
      (pressed) => pressed === 'true',
    );

    await chat.post('mention-alerts', 'Bob', 'in view, so no notification @Ada');
    await page.locator('.message', { hasText: 'in view, so no notification' }).waitFor();
    await setHidden(page, true);
    await chat.post('mention-alerts', 'Bob', 'Are you there, @ada?');
    await chat.post('mention-alerts', 'Bob', 'not a mention');
    await eventually(
      () => raisedNotifications(page),
      (raised) => raised.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await raisedNotifications(page)).toEqual([
      {
        title: 'Bob mentioned you in #mention-alerts',
        body: 'Are you there, @ada?',
        tag: expect.stringMatching(/^herald-mention:mention-alerts:/),
      },
    ]);
    // The title counts what came while hidden.
    expect(await page.title()).toBe('(2) #mention-alerts · Herald');
  });
});
