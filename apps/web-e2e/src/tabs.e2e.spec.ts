import type { BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, eventually, expectStatus, send, useChatBrowser } from './support/chat-browser';

describeInBrowser('one event stream per browser, shared by its tabs', () => {
  const chat = useChatBrowser();

  /** A browser profile that already knows its reader's name. */
  async function profile(name: string): Promise<BrowserContext> {
    const context = await chat.context();
    await context.addInitScript((value) => localStorage.setItem('herald.displayName', value), name);
    return context;
  }

  async function tabs(context: BrowserContext, room: string, count: number): Promise<Page[]> {
    const pages: Page[] = [];
    for (let i = 0; i < count; i++) {
      const page = await chat.open(context, `/r/${room}`);
      await expectStatus(page, 'Live');
      pages.push(page);
    }
    return pages;
  }

  const shows = (page: Page, text: string) => page.locator('.message', { hasText: text }).waitFor();

  it('holds exactly one connection for three tabs, and all three show new messages', async () => {
    const pages = await tabs(await profile('Alice'), 'three-tabs', 3);

    await eventually(
      () => chat.connections('three-tabs'),
      (n) => n === 1,
    );
    // Give a stray second stream time to show up before the final count.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await chat.connections('three-tabs')).toBe(1);

    await chat.post('three-tabs', 'Bob', 'Hello all three tabs');
    await send(pages[2], 'Sent from the third tab');
    for (const page of pages) {
      await shows(page, 'Hello all three tabs');
      await shows(page, 'Sent from the third tab');
    }
  });

  it('does not stall with eight tabs open', async () => {
    const pages = await tabs(await profile('Alice'), 'eight-tabs', 8);
    expect(await chat.connections('eight-tabs')).toBe(1);
    await send(pages[7], 'Posted from the eighth tab');
    for (const page of pages) await shows(page, 'Posted from the eighth tab');
  });

  it('hands the stream over when the leading tab closes, without missing a message', async () => {
    const context = await profile('Alice');
    // The first tab open takes the lead; the others queue behind it.
    const [leader, ...others] = await tabs(context, 'handover', 3);
    await chat.post('handover', 'Bob', 'before the handover');
    for (const page of others) await shows(page, 'before the handover');

    await leader.close();
    // Posted while nobody in this browser may be listening: the next leader resumes after its last id.
    await chat.post('handover', 'Bob', 'during the handover 1');
    await chat.post('handover', 'Bob', 'during the handover 2');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await chat.post('handover', 'Bob', 'after the handover');

    for (const page of others) {
      await shows(page, 'after the handover');
      const texts = await page.locator('.message .message-text').allTextContents();
      expect(texts).toEqual(['before the handover', 'during the handover 1', 'during the handover 2', 'after the handover']);
      await expectStatus(page, 'Live');
    }
    await eventually(
      () => chat.connections('handover'),
      (n) => n === 1,
    );
  });
});
