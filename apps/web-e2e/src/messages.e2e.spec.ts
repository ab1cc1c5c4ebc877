import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, send, useChatBrowser } from './support/chat-browser';

/** Left edge (px) of `text` as laid out inside `element`: where a reader sees it on the line. */
async function leftOf(element: Locator, text: string): Promise<number> {
  return element.evaluate((el, needle) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      return range.getBoundingClientRect().left;
    }
    throw new Error(`"${needle}" not found`);
  }, text);
}

const isRtl = (element: Locator) => element.evaluate((el) => el.matches(':dir(rtl)'));

describeInBrowser('how messages read in a real browser', () => {
  const chat = useChatBrowser();
  const bubble = (page: Page, text: string) => page.locator('.message', { hasText: text });

  it('turns web addresses into links that open in a new tab with no way back to the chat, and nothing else', async () => {
    const target = chat.url('/api/rooms');
    await chat.post('links', 'Grace', `Rooms are listed at ${target}. Not a link: javascript:alert(1) or <a href="x">x</a>`);
    await chat.post('links', 'Grace', 'And the guide: www.example.org/guide');
    const ada = await chat.person('Ada', { path: '/r/links' });

    const first = bubble(ada, 'Rooms are listed at').locator('.message-text');
    await first.waitFor();
    const links = first.locator('a');
    expect(await links.count()).toBe(1);
    expect(await links.first().textContent()).toBe(target);
    expect(await links.first().getAttribute('href')).toBe(target);
    expect(await links.first().getAttribute('target')).toBe('_blank');
    expect(await links.first().getAttribute('rel')).toBe('noopener noreferrer nofollow');
    // The markup is shown as it was typed.
    expect(await first.textContent()).toContain('<a href="x">x</a>');
    expect(await bubble(ada, 'And the guide').locator('a').getAttribute('href')).toBe('https://www.example.org/guide');

    const [tab] = await Promise.all([ada.context().waitForEvent('page'), links.first().click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(target);
    expect(await tab.evaluate(() => [window.opener === null, document.referrer])).toEqual([true, '']);
    // The chat stays where it was.
    expect(ada.url()).toContain('/r/links');
  });

  it('lays out mixed Hebrew and English in the order each line is written, in messages, names and the composer', async () => {
    await chat.post('bidi', 'דנה', 'שלום world');
    await chat.post('bidi', 'Linus', 'hello עולם');
    const ada = await chat.person('Ada', { path: '/r/bidi' });

    const hebrewFirst = bubble(ada, 'שלום world').locator('.message-text');
    await hebrewFirst.waitFor();
    expect(await isRtl(hebrewFirst)).toBe(true);
    // Right to left: the Hebrew word comes first, at the right; the English one after it, to its left.
    expect(await leftOf(hebrewFirst, 'world')).toBeLessThan(await leftOf(hebrewFirst, 'שלום'));

    const englishFirst = bubble(ada, 'hello עולם').locator('.message-text');
    expect(await isRtl(englishFirst)).toBe(false);
    expect(await leftOf(englishFirst, 'hello')).toBeLessThan(await leftOf(englishFirst, 'עולם'));

    expect(await isRtl(bubble(ada, 'שלום world').locator('.message-author'))).toBe(true);

    const composer = ada.getByLabel('Message', { exact: true });
    await composer.fill('שלום, how are you');
    expect(await isRtl(composer)).toBe(true);
    await composer.fill('hi שלום');
    expect(await isRtl(composer)).toBe(false);

    const dana = await chat.open(await chat.context(), '/r/bidi');
    const nameField = dana.getByLabel('Display name');
    await nameField.fill('דנה');
    expect(await isRtl(nameField)).toBe(true);
    await dana.getByRole('button', { name: 'Join' }).click();
    expect(await isRtl(dana.locator('.me'))).toBe(true);
    const name = ada.getByTestId('online-now').locator('.person-name', { hasText: 'דנה' });
    await name.waitFor();
    expect(await isRtl(name)).toBe(true);
  });

  it('groups consecutive messages by one author: author and time once, the rest close under it', async () => {
    await chat.post('groups', 'Grace', 'First of three');
    await chat.post('groups', 'Grace', 'Second of three');
    await chat.post('groups', 'Grace', 'Third of three');
    await chat.post('groups', 'Linus', 'Someone else');
    const ada = await chat.person('Ada', { path: '/r/groups' });
    await bubble(ada, 'Someone else').waitFor();

    const headerShown = (text: string) =>
      bubble(ada, text)
        .locator('.meta')
        .evaluate((el) => el.getBoundingClientRect().height > 2);
    expect(await headerShown('First of three')).toBe(true);
    expect(await headerShown('Second of three')).toBe(false);
    expect(await headerShown('Third of three')).toBe(false);
    expect(await headerShown('Someone else')).toBe(true);

    const box = async (text: string) => (await bubble(ada, text).boundingBox())!;
    const [first, second, third] = [await box('First of three'), await box('Second of three'), await box('Third of three')];
    // A grouped bubble is a line shorter than one with a header, and sits closer to the one above.
    expect(second.height).toBeLessThan(first.height - 10);
    expect(third.y - (second.y + second.height)).toBeLessThan(6);
    // Screen readers still hear who wrote each one.
    expect(await bubble(ada, 'Second of three').textContent()).toContain('Grace');
  });

  it('keeps the reader’s own consecutive messages together too', async () => {
    const ada = await chat.person('Ada', { path: '/r/own-groups' });
    await send(ada, 'one of mine');
    await bubble(ada, 'one of mine').waitFor();
    await send(ada, 'another of mine');
    await ada.locator('.message.own.grouped', { hasText: 'another of mine' }).waitFor();
  });
});
