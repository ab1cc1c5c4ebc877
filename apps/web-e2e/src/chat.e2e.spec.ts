import { PHONE, describeInBrowser, expectStatus, messageTexts, send, useChatBrowser } from './support/chat-browser';

describeInBrowser('the chat in a real browser', () => {
  const chat = useChatBrowser();
  const person = chat.person;

  it('shows a message typed in one window in the other, set apart as own or other', async () => {
    const alice = await person('Alice');
    const bob = await person('Bob');
    await send(alice, 'Hello Bob, this is Alice');
    const atBob = bob.locator('.message', { hasText: 'Hello Bob, this is Alice' });
    await atBob.waitFor();
    expect(await atBob.locator('.message-author').textContent()).toContain('Alice');
    expect(await atBob.getAttribute('class')).not.toMatch(/\bown\b/);
    const atAlice = alice.locator('.message', { hasText: 'Hello Bob, this is Alice' });
    await atAlice.waitFor();
    expect(await atAlice.getAttribute('class')).toMatch(/\bown\b/);
    // The composer is cleared once the message is sent.
    expect(await alice.getByLabel('Message', { exact: true }).inputValue()).toBe('');
    await send(bob, 'Hi Alice!');
    await alice.locator('.message', { hasText: 'Hi Alice!' }).waitFor();
  });

  it('keeps the history across a reload', async () => {
    const carol = await person('Carol');
    await send(carol, 'Remember me after a reload');
    await carol.locator('.message', { hasText: 'Remember me after a reload' }).waitFor();
    await carol.reload();
    await expectStatus(carol, 'Live');
    await carol.locator('.message', { hasText: 'Remember me after a reload' }).waitFor();
    // Still known by name: the display name is kept in localStorage.
    expect(await carol.locator('.message.own', { hasText: 'Remember me after a reload' }).count()).toBe(1);
    const texts = await messageTexts(carol);
    expect(texts.filter((t) => t.includes('Remember me after a reload'))).toHaveLength(1);
  });

  it('shows markup as text and runs none of it', async () => {
    const mallory = await person('Mallory');
    const dave = await person('Dave', { colorScheme: 'dark' });
    const attack = '<img src=x onerror=alert(1)>';
    await send(mallory, attack);
    const atDave = dave.locator('.message', { hasText: attack });
    await atDave.waitFor();
    expect(await atDave.locator('.message-text').textContent()).toContain(attack);
    expect(await dave.locator('[role="log"] img').count()).toBe(0);
  });

  it('opens the lobby at / and keeps the room in the URL', async () => {
    const page = await chat.open(await chat.context());
    await page.waitForURL('**/r/lobby');
    expect(await page.getByTestId('current-room').textContent()).toContain('lobby');
  });

  it('works on a phone-sized screen', async () => {
    const erin = await person('Erin', { viewport: PHONE });
    await send(erin, 'Typed on a phone');
    await erin.locator('.message.own', { hasText: 'Typed on a phone' }).waitFor();
    const width = await erin.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
