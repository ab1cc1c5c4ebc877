import type { Page } from 'playwright-core';
import { describeInBrowser, eventually, send, useChatBrowser } from './support/chat-browser';

describeInBrowser('who is who in a real browser', () => {
  const chat = useChatBrowser();
  const ownTexts = (page: Page) => page.locator('.message.own .message-text').allTextContents();
  const people = (page: Page) =>
    page
      .getByTestId('online-now')
      .locator('li.person')
      .evaluateAll((lines) =>
        lines.map((li) => [...li.querySelectorAll('.person-name, .tag, .you')].map((part) => part.textContent?.trim()).join(' ')),
      );

  it('tells two people who both chose "Ada" apart: each sees only their own messages as own, and two Adas online', async () => {
    const first = await chat.person('Ada', { path: '/r/namesakes' });
    const second = await chat.person('Ada', { path: '/r/namesakes' });
    await send(first, 'I am the first Ada');
    await send(second, 'I am the second Ada');
    for (const page of [first, second]) {
      await page.locator('.message', { hasText: 'I am the first Ada' }).waitFor();
      await page.locator('.message', { hasText: 'I am the second Ada' }).waitFor();
    }
    expect(await ownTexts(first)).toEqual(['I am the first Ada']);
    expect(await ownTexts(second)).toEqual(['I am the second Ada']);
    // Two people, so two groups: the second Ada's message shows its own author line.
    expect(await first.locator('.message:not(.grouped) .message-author').allTextContents()).toEqual(['Ada', 'Ada']);

    // Two lines online, each with a tag from its session, and "(you)" on one's own.
    const atFirst = await eventually(
      () => people(first),
      (lines) => lines.length === 2,
    );
    expect(atFirst.every((line) => /^Ada #[A-Za-z0-9_-]{4}/.test(line))).toBe(true);
    expect(atFirst.filter((line) => line.endsWith('(you)'))).toHaveLength(1);
    const atSecond = await eventually(
      () => people(second),
      (lines) => lines.length === 2,
    );
    expect(new Set(atSecond)).not.toEqual(new Set(atFirst));
    expect(atSecond.map((line) => line.replace(' (you)', '')).sort()).toEqual(atFirst.map((line) => line.replace(' (you)', '')).sort());
    // The room list counts people, not names.
    expect(await first.locator('[data-room="namesakes"] [data-testid="online"]').innerText()).toMatch(/^2/);

    // Still the same person after a reload: the session is kept in the browser.
    await first.reload();
    await first.locator('.message.own', { hasText: 'I am the first Ada' }).waitFor();
    expect(await ownTexts(first)).toEqual(['I am the first Ada']);
  });

  it('marks a message posted without a session as unverified, in words for screen readers too', async () => {
    const grace = await chat.person('Grace', { path: '/r/unverified' });
    await chat.post('unverified', 'Grace', 'posted with curl, as anyone could');
    await send(grace, 'posted from the page');
    const curl = grace.locator('.message', { hasText: 'posted with curl, as anyone could' });
    await curl.waitFor();
    // A namesake without a session is not the reader.
    expect(await curl.getAttribute('class')).not.toMatch(/\bown\b/);
    expect(await curl.getByTestId('unverified-mark').innerText()).toMatch(/unverified/i);
    expect(await curl.getByTestId('unverified-mark').textContent()).toContain('posted without a session');
    const mine = grace.locator('.message.own', { hasText: 'posted from the page' });
    await mine.waitFor();
    expect(await mine.getByTestId('unverified-mark').count()).toBe(0);
  });
});
