import { resolve } from 'node:path';
import { seriousViolations } from './support/axe';
import { SCREENSHOTS, describeInBrowser, expectStatus, send, useChatBrowser } from './support/chat-browser';

describeInBrowser('an outage, as the reader sees it in a real browser', () => {
  const chat = useChatBrowser();
  const UNREACHABLE = 'Could not reach the server';

  it.each(['light', 'dark'] as const)(
    'shows a banner and greys who is online while the server is away, and keeps a failed message with Retry (%s)',
    async (colorScheme) => {
      const ada = await chat.person('Ada', { path: `/r/outage-${colorScheme}`, colorScheme, bypassCSP: true });
      const banner = ada.getByTestId('connection-banner');
      expect(await banner.count()).toBe(0);
      await ada.getByTestId('online-now').locator('.person-name', { hasText: 'Ada' }).waitFor();

      await chat.stopServer();
      await banner.filter({ hasText: 'Reconnecting' }).waitFor({ timeout: 15_000 });
      await ada.getByTestId('presence-stale').waitFor();
      expect(
        await ada
          .locator('.presence.stale .person-name')
          .first()
          .evaluate((el) => getComputedStyle(el).color),
      ).not.toBe(await ada.locator('h1').evaluate((el) => getComputedStyle(el).color));

      await send(ada, 'Sent while the server was away');
      const pending = ada.locator('li.pending', { hasText: 'Sent while the server was away' });
      await pending.filter({ hasText: UNREACHABLE }).waitFor();
      // The message is in the list, not left in the composer.
      expect(await ada.getByLabel('Message', { exact: true }).inputValue()).toBe('');
      expect(await pending.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
      await ada.screenshot({ path: resolve(SCREENSHOTS, `outage-${colorScheme}.png`) });
      // The banner, the greyed names and the failed message keep their contrast.
      expect(await seriousViolations(ada)).toEqual([]);

      await chat.startServerAgain();
      await expectStatus(ada, 'Live');
      await banner.waitFor({ state: 'detached' });
      await ada.getByTestId('presence-stale').waitFor({ state: 'detached' });
      // Reconnected: "could not reach" is no longer true, but the message was still not sent.
      await pending.filter({ hasNotText: UNREACHABLE }).filter({ hasText: 'Not sent' }).waitFor();

      await pending.getByRole('button', { name: 'Retry' }).click();
      await ada.locator('.message.own', { hasText: 'Sent while the server was away' }).waitFor();
      await pending.waitFor({ state: 'detached' });
    },
  );

  it('says the reader is offline as soon as the browser is, and live again when it is back', async () => {
    const ada = await chat.person('Ada', { path: '/r/offline' });
    await ada.context().setOffline(true);
    await ada.getByTestId('connection-banner').filter({ hasText: 'You are offline' }).waitFor();
    await expectStatus(ada, 'Offline');

    await ada.context().setOffline(false);
    await expectStatus(ada, 'Live');
    await ada.getByTestId('connection-banner').waitFor({ state: 'detached' });
  });

  it('lets the reader discard a message the server refused to take', async () => {
    const ada = await chat.person('Ada', { path: '/r/refused' });
    await ada.route('**/api/rooms/refused/messages', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'The store is not available right now.' }),
          })
        : route.continue(),
    );
    await send(ada, 'Refused once');
    const pending = ada.locator('li.pending', { hasText: 'Refused once' });
    await pending.filter({ hasText: 'Not sent: The store is not available right now.' }).waitFor();
    await pending.getByRole('button', { name: 'Discard' }).click();
    await pending.waitFor({ state: 'detached' });
    expect(await ada.locator('.message', { hasText: 'Refused once' }).count()).toBe(0);
  });
});
