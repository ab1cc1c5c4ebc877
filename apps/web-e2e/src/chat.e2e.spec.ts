import { CHROMIUM_ARGS, CHROMIUM_PATH, RunningServer, WORKSPACE, chromiumAvailable, startServer } from '@herald/testing';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

const SCREENSHOTS = resolve(WORKSPACE, 'dist/screenshots');

// Skipped only where Chromium is missing and CI is not set; chromiumAvailable() says why, or fails under CI.
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

describeInBrowser('the chat in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A new person: own browser context (own localStorage), joined under `name`. */
  async function person(name: string, options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: options.viewport ?? { width: 1100, height: 760 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      throw new Error(`a dialog opened: ${dialog.message()}`);
    });
    await page.goto(server.url);
    await page.getByLabel('Display name').fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    await expectStatus(page, 'Live');
    return page;
  }

  async function expectStatus(page: Page, status: string): Promise<void> {
    await page.getByTestId('connection-status').filter({ hasText: status }).waitFor({ timeout: 15_000 });
  }

  async function send(page: Page, text: string): Promise<void> {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByLabel('Message', { exact: true }).press('Enter');
  }

  const messageTexts = (page: Page) => page.locator('.message .message-text').allTextContents();

  beforeAll(async () => {
    server = await startServer({ WEB_ROOT: 'dist/apps/web/browser' });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

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
    await alice.screenshot({ path: resolve(SCREENSHOTS, 'desktop-light.png') });
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
    await dave.screenshot({ path: resolve(SCREENSHOTS, 'desktop-dark.png') });
  });

  it('works on a phone-sized screen', async () => {
    const erin = await person('Erin', { viewport: { width: 390, height: 780 } });
    await send(erin, 'Typed on a phone');
    await erin.locator('.message.own', { hasText: 'Typed on a phone' }).waitFor();
    const width = await erin.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await erin.screenshot({ path: resolve(SCREENSHOTS, 'phone-light.png') });
  });
});
