import type { Page } from 'playwright-core';
import { describeInBrowser, eventually, send, useChatBrowser } from './support/chat-browser';

describeInBrowser('who is typing, shown in the other browsers', () => {
  const chat = useChatBrowser();

  const typingLine = (page: Page) => page.getByTestId('typing').innerText();
  const onlineCount = (page: Page) => page.getByTestId('online-now').locator('li').count();

  async function twoPeople(room: string): Promise<[Page, Page]> {
    const ada = await chat.person('Ada', { path: `/r/${room}` });
    const bob = await chat.person('Bob', { path: `/r/${room}` });
    // Both with their sessions' streams, so typing is theirs to say.
    for (const page of [ada, bob])
      await eventually(
        () => onlineCount(page),
        (n) => n === 2,
      );
    return [ada, bob];
  }

  it('shows "Bob is typing…" to Ada while Bob types, never to Bob, and clears it when his message comes', async () => {
    const [ada, bob] = await twoPeople('typing-send');
    const line = ada.getByTestId('typing');
    expect(await line.getAttribute('aria-live')).toBe('polite');

    await bob.getByLabel('Message', { exact: true }).pressSequentially('Hello Ada, I am wri', { delay: 20 });
    await eventually(
      () => typingLine(ada),
      (text) => text === 'Bob is typing…',
    );
    expect(await typingLine(bob)).toBe('');

    await bob.getByLabel('Message', { exact: true }).pressSequentially('ting', { delay: 20 });
    await bob.getByLabel('Message', { exact: true }).press('Enter');
    await ada.locator('.message', { hasText: 'Hello Ada, I am writing' }).waitFor();
    await eventually(
      () => typingLine(ada),
      (text) => text === '',
    );
  });

  it('clears it on its own a few seconds after Bob stops typing, and names two typists together', async () => {
    const [ada, bob] = await twoPeople('typing-stop');
    const cy = await chat.person('Cy', { path: '/r/typing-stop' });
    await eventually(
      () => onlineCount(ada),
      (n) => n === 3,
    );

    await bob.getByLabel('Message', { exact: true }).pressSequentially('hmm', { delay: 20 });
    await cy.getByLabel('Message', { exact: true }).pressSequentially('well', { delay: 20 });
    await eventually(
      () => typingLine(ada),
      (text) => text === 'Bob and Cy are typing…' || text === 'Cy and Bob are typing…',
    );

    const stoppedAt = Date.now();
    await eventually(
      () => typingLine(ada),
      (text) => text === '',
      12_000,
    );
    // Held for about six seconds from the last word, not for ever, nor dropped at once.
    expect(Date.now() - stoppedAt).toBeGreaterThan(3_000);
    // An empty composer says nothing.
    await bob.getByLabel('Message', { exact: true }).fill('');
    await send(cy, 'done');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await typingLine(ada)).toBe('');
  });
});
