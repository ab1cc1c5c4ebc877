import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { PHONE, describeInBrowser, eventually, expectStatus, messageTexts, send, useChatBrowser } from './support/chat-browser';

const messageIn = (page: Page, text: string) => page.locator('li.message', { hasText: text });
const menuButton = (page: Page, text: string) => messageIn(page, text).getByRole('button', { name: 'Message actions' });

describeInBrowser('editing one’s own message', () => {
  const chat = useChatBrowser();

  it('edits in place from the menu: every browser shows the new text, marked "(edited)", and history has it after a reload', async () => {
    const room = '/r/edit-own';
    const ada = await chat.person('Ada', { path: room, bypassCSP: true });
    const adaAgain = await chat.open(ada.context(), room);
    await expectStatus(adaAgain, 'Live');
    const bob = await chat.person('Bob', { path: room });
    await send(ada, 'Meet at the lighthuose at noon');
    for (const page of [ada, adaAgain, bob]) await messageIn(page, 'lighthuose').waitFor();

    await menuButton(ada, 'lighthuose').click();
    await ada.getByRole('menuitem', { name: 'Edit' }).click();
    const editor = ada.getByLabel('Edit message');
    await eventually(
      () => editor.evaluate((el) => el === document.activeElement),
      (focused) => focused,
    );
    expect(await editor.inputValue()).toBe('Meet at the lighthuose at noon');
    expect(await seriousViolations(ada)).toEqual([]);

    await editor.fill('Meet at the lighthouse at noon');
    await editor.press('Enter');
    for (const page of [ada, adaAgain, bob]) {
      await messageIn(page, 'lighthouse at noon').getByTestId('edited').waitFor();
      expect(await messageIn(page, 'lighthouse').count()).toBe(1);
    }
    expect(await messageIn(bob, 'lighthouse').getByTestId('edited').getAttribute('title')).toMatch(/^Edited /);
    // The focus is back on the menu the edit came from.
    expect(await menuButton(ada, 'lighthouse').evaluate((el) => el === document.activeElement)).toBe(true);

    await bob.reload();
    await expectStatus(bob, 'Live');
    const texts = await messageTexts(bob);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^Meet at the lighthouse at noon\(edited /);
  });

  it('gives up on Escape, keeping the text, and offers no Edit on the messages of others', async () => {
    const room = '/r/edit-others';
    const ada = await chat.person('Ada', { path: room, viewport: PHONE });
    const bob = await chat.person('Bob', { path: room });
    await send(bob, 'Bob wrote this');
    await send(ada, 'Ada wrote that');
    for (const page of [ada, bob]) await messageIn(page, 'Ada wrote that').waitFor();

    expect(await menuButton(ada, 'Bob wrote this').count()).toBe(0);
    await menuButton(bob, 'Ada wrote that').waitFor({ state: 'detached' });
    await menuButton(bob, 'Bob wrote this').click();
    expect(await bob.getByRole('menuitem').allInnerTexts()).toEqual(['Delete', 'Edit']);
    await bob.keyboard.press('Escape');

    // By keyboard: the menu opens on Delete, Edit is next.
    await menuButton(ada, 'Ada wrote that').focus();
    await ada.keyboard.press('Enter');
    await eventually(
      () => ada.getByRole('menuitem', { name: 'Delete' }).evaluate((el) => el === document.activeElement),
      (focused) => focused,
    );
    await ada.keyboard.press('ArrowDown');
    const item = ada.getByRole('menuitem', { name: 'Edit' });
    await eventually(
      () => item.evaluate((el) => el === document.activeElement),
      (focused) => focused,
    );
    await ada.keyboard.press('Enter');
    const editor = ada.getByLabel('Edit message');
    await editor.waitFor();
    await editor.fill('Something else entirely');
    await editor.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(await messageTexts(ada)).toEqual(['Bob wrote this', 'Ada wrote that']);
    expect(await ada.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
