import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { SCREENSHOTS, describeInBrowser, expectStatus, useChatBrowser } from './support/chat-browser';

describeInBrowser('links that lead to no room, in a real browser', () => {
  const chat = useChatBrowser();

  async function visit(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await chat.open(await chat.context({ colorScheme, bypassCSP: true }), path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  it('says what is wrong with /r/My_Room, stays there, and opens the corrected room on request', async () => {
    const page = await visit('/r/My_Room');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This room link does not work');
    expect(await page.getByTestId('link-problems').innerText()).toMatch(/lower case[\s\S]*not “_”/);
    expect(new URL(page.url()).pathname).toBe('/r/My_Room');
    expect(await page.getByTestId('current-room').count()).toBe(0);

    await page.getByRole('link', { name: '#my-room' }).click();
    await page.waitForURL('**/r/my-room');
    expect(await page.getByTestId('current-room').textContent()).toContain('my-room');
    await expectStatus(page, 'Live');
  });

  it('says by how much a 33-character name is too long and offers it cut to 32', async () => {
    const page = await visit(`/r/${'a'.repeat(33)}`);
    expect(await page.getByTestId('link-problems').innerText()).toContain('33 characters, 1 character too many');
    expect(await page.getByTestId('suggested-room').getAttribute('href')).toBe(`/r/${'a'.repeat(32)}`);
  });

  it.each(['light', 'dark'] as const)(
    'answers /nonsense with the room it could mean and the lobby, passing axe (%s)',
    async (colorScheme) => {
      const page = await visit('/nonsense', colorScheme);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('There is no page here');
      expect(new URL(page.url()).pathname).toBe('/nonsense');
      expect(await page.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
        '/r/nonsense',
        '/r/lobby',
      ]);
      expect(await page.title()).toBe('Link not found · Herald');
      await page.screenshot({ path: resolve(SCREENSHOTS, `bad-link-${colorScheme}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
    },
  );

  it('still opens /r/News as #news: only the case was off, and it is the same room', async () => {
    const page = await chat.open(await chat.context(), '/r/News');
    await page.waitForURL('**/r/news');
    expect(await page.getByTestId('current-room').textContent()).toContain('news');
  });
});
