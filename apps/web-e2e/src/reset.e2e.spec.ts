import { resolve } from 'node:path';
import { seriousViolations } from './support/axe';
import { SCREENSHOTS, describeInBrowser, expectStatus, messageTexts, send, useChatBrowser } from './support/chat-browser';

const RESET_LINE = 'Earlier messages are no longer available on the server';
const PLACEHOLDER = 'No messages yet. Say hello!';

describeInBrowser('a page whose server started over on an empty store', () => {
  const chat = useChatBrowser();

  it.each(['light', 'dark'] as const)(
    'says once that earlier messages are gone, with no doubled joins, then shows the empty room (%s mode)',
    async (colorScheme) => {
      const room = `restart-${colorScheme}`;
      const ada = await chat.person('Ada', { colorScheme, bypassCSP: true, path: `/r/${room}` });
      await chat.post(room, 'Grace', 'Said before the restart');
      const log = ada.getByRole('log', { name: 'Messages' });
      await log.locator('.message', { hasText: 'Said before the restart' }).waitFor();
      await log.locator('.notice', { hasText: 'Ada joined' }).waitFor();

      // Same address, new store: the page resumes from an id the new server never heard of, so it gets a
      // reset and no messages, and it announces Ada's join anew.
      await chat.restartServer();
      await log.locator('.notice', { hasText: RESET_LINE }).waitFor({ timeout: 20_000 });
      await expectStatus(ada, 'Live');
      // Give a late or doubled notice time to show up before the counts.
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      const lines = await log.locator('li').allInnerTexts();
      expect(lines.filter((line) => line.includes(RESET_LINE))).toHaveLength(1);
      expect(lines[0]).toContain(RESET_LINE);
      expect(lines.filter((line) => line.includes('joined')).length).toBeLessThanOrEqual(1);
      expect(await messageTexts(ada)).toEqual([]);
      expect(lines.at(-1)).toBe(PLACEHOLDER);
      await ada.screenshot({ path: resolve(SCREENSHOTS, `reset-${colorScheme}.png`) });
      expect(await seriousViolations(ada)).toEqual([]);

      // The room goes on under the line.
      await send(ada, 'Anyone still here?');
      await log.locator('.message.own', { hasText: 'Anyone still here?' }).waitFor();
      expect(await log.getByText(PLACEHOLDER).count()).toBe(0);
      expect((await log.locator('li').allInnerTexts())[0]).toContain(RESET_LINE);
    },
  );
});
