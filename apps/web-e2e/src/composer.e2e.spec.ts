import type { Locator, Page } from 'playwright-core';
import { PHONE, describeInBrowser, eventually, expectStatus, useChatBrowser } from './support/chat-browser';

/** The text of the elements that describe `field` (aria-describedby): what a screen reader reads with it. */
const description = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** Whether all of `element` is inside the viewport, where the reader can see it. */
const inView = (element: Locator) =>
  element.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  });

describeInBrowser('the composer in a real browser', () => {
  const chat = useChatBrowser();
  const composer = (page: Page) => page.getByLabel('Message', { exact: true });

  async function openRoom(page: Page, room: string): Promise<void> {
    await page.getByLabel('Join or create a room').fill(room);
    await page.getByLabel('Join or create a room').press('Enter');
    await inRoom(page, room);
  }

  /** Waits until the page shows `room` (the address changes a moment before the view does). */
  async function inRoom(page: Page, room: string): Promise<void> {
    await page.waitForURL(`**/r/${room}`);
    await eventually(
      () => page.getByTestId('current-room').textContent(),
      (text) => text === `#${room}`,
    );
  }

  it('keeps a draft per room across a room switch, back and forward and a reload, until it is sent', async () => {
    const ada = await chat.person('Ada', { path: '/r/drafts-a' });
    await composer(ada).fill('half a thought for a');

    await openRoom(ada, 'drafts-b');
    expect(await composer(ada).inputValue()).toBe('');
    await composer(ada).fill('something for b');

    await ada.goBack();
    await inRoom(ada, 'drafts-a');
    expect(await composer(ada).inputValue()).toBe('half a thought for a');
    await ada.goForward();
    await inRoom(ada, 'drafts-b');
    expect(await composer(ada).inputValue()).toBe('something for b');

    await ada.reload();
    await expectStatus(ada, 'Live');
    expect(await composer(ada).inputValue()).toBe('something for b');

    await composer(ada).press('Enter');
    await ada.locator('.message.own', { hasText: 'something for b' }).waitFor();
    await ada.reload();
    await expectStatus(ada, 'Live');
    expect(await composer(ada).inputValue()).toBe('');
    await openRoom(ada, 'drafts-a');
    expect(await composer(ada).inputValue()).toBe('half a thought for a');
  });

  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const)('keeps an over-long paste whole and says, in view and to screen readers, how much is too many (%s)', async (_, viewport) => {
    const ada = await chat.person('Ada', { path: '/r/long-texts', viewport });
    const long = 'x'.repeat(2500);
    await composer(ada).fill(long);

    expect(await composer(ada).inputValue()).toBe(long);
    const countdown = ada.getByTestId('countdown');
    await countdown.filter({ hasText: '500 characters too many' }).waitFor();
    expect(await inView(countdown)).toBe(true);
    expect(await description(composer(ada))).toContain('500 characters too many');
    expect(await composer(ada).getAttribute('aria-invalid')).toBe('true');
    expect(await ada.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await composer(ada).press('Enter');
    expect(await composer(ada).inputValue()).toBe(long);
  });

  it('counts characters as code points, the way the server counts them', async () => {
    const ada = await chat.person('Ada', { path: '/r/code-points' });
    // 2,000 characters outside the Basic Multilingual Plane: 4,000 UTF-16 units, which maxlength would have cut in half.
    const astral = '\u{1F600}'.repeat(2000);
    await composer(ada).fill(astral);
    expect(await composer(ada).inputValue()).toBe(astral);
    await ada.getByTestId('countdown').filter({ hasText: '0 characters left' }).waitFor();
    expect(await ada.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);
    await composer(ada).fill(`${astral}\u{1F600}`);
    await ada.getByTestId('countdown').filter({ hasText: '1 character too many' }).waitFor();
  });

  it('keeps an over-long display name and room name as typed, and says how many characters are too many', async () => {
    const page = await chat.open(await chat.context(), '/r/lobby');
    const name = page.getByLabel('Display name');
    await name.fill('N'.repeat(45));
    expect(await name.inputValue()).toBe('N'.repeat(45));
    expect(await description(name)).toContain('5 characters too many');
    expect(await page.getByRole('button', { name: 'Join' }).isDisabled()).toBe(true);
    await name.fill('Ada');
    await page.getByRole('button', { name: 'Join' }).click();

    const room = page.getByLabel('Join or create a room');
    await room.fill('r'.repeat(40));
    expect(await room.inputValue()).toBe('r'.repeat(40));
    expect(await description(room)).toContain('8 characters too many');
    expect(await page.getByRole('button', { name: 'Open room' }).isDisabled()).toBe(true);
  });
});
