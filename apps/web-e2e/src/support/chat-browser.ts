import { CHROMIUM_ARGS, CHROMIUM_PATH, RunningServer, WORKSPACE, chromiumAvailable, startServer } from '@herald/testing';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

export const SCREENSHOTS = resolve(WORKSPACE, 'dist/screenshots');

// Skipped only where Chromium is missing and CI is not set; chromiumAvailable() says why, or fails under CI.
export const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

export interface ContextOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Lets the test inject scripts (axe-core) despite the server's Content-Security-Policy. */
  bypassCSP?: boolean;
}

export const PHONE = { width: 390, height: 780 };
export const DESKTOP = { width: 1200, height: 780 };

/**
 * Starts the built server with the built web app (and `serverEnv` added to its environment) and one Chromium for
 * the calling describe block, and closes every browser context a test opened after it.
 */
export function useChatBrowser(serverEnv: Record<string, string> = {}) {
  const env = { ...serverEnv, WEB_ROOT: 'dist/apps/web/browser' };
  let server: RunningServer;
  let stoppedPort: string | null = null;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer(env);
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

  const session = {
    url: (path = '') => `${server.url}${path}`,

    /** A browser profile of its own (own localStorage, own connections). */
    async context(options: ContextOptions = {}): Promise<BrowserContext> {
      const context = await browser.newContext({
        colorScheme: options.colorScheme ?? 'light',
        viewport: options.viewport ?? DESKTOP,
        bypassCSP: options.bypassCSP ?? false,
      });
      contexts.push(context);
      return context;
    },

    /** Opens `path` in a new tab of `context`; fails the test if the page opens a dialog. */
    async open(context: BrowserContext, path = '/'): Promise<Page> {
      const page = await context.newPage();
      page.on('dialog', (dialog) => {
        throw new Error(`a dialog opened: ${dialog.message()}`);
      });
      await page.goto(server.url + path);
      return page;
    },

    /** A new person: own browser context, joined under `name` at `path` (the lobby by default). */
    async person(name: string, options: ContextOptions & { path?: string } = {}): Promise<Page> {
      const page = await session.open(await session.context(options), options.path ?? '/');
      await page.getByLabel('Display name').fill(name);
      await page.getByRole('button', { name: 'Join' }).click();
      await expectStatus(page, 'Live');
      return page;
    },

    /** Posts through the API, as another client would. */
    async post(room: string, author: string, text: string): Promise<string> {
      const response = await fetch(`${server.url}/api/rooms/${room}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ author, text }),
      });
      if (response.status !== 202) throw new Error(`post answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },

    /**
     * Stops the server and starts a new one on the same port with a new, empty in-memory store: open pages
     * reconnect to the same address, and the new server has never heard of their last event ids.
     */
    async restartServer(): Promise<void> {
      await session.stopServer();
      await session.startServerAgain();
    },

    /** Stops the server: open pages lose their streams and their posts fail, as in an outage. */
    async stopServer(): Promise<void> {
      stoppedPort = new URL(server.url).port;
      await server.stop();
    },

    /** Starts a new server, with a new, empty in-memory store, at the address of the one stopped. */
    async startServerAgain(): Promise<void> {
      server = await startServer({ ...env, PORT: stoppedPort ?? new URL(server.url).port });
      stoppedPort = null;
    },

    /** Open event streams of `room`, as the server counts them. */
    async connections(room: string): Promise<number> {
      const rooms = (await (await fetch(`${server.url}/api/rooms`)).json()) as { name: string; connections: number }[];
      return rooms.find((r) => r.name === room)?.connections ?? 0;
    },
  };
  return session;
}

export async function expectStatus(page: Page, status: string): Promise<void> {
  await page.getByTestId('connection-status').filter({ hasText: status }).waitFor({ timeout: 15_000 });
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

export const messageTexts = (page: Page) => page.locator('.message .message-text').allTextContents();

/** A room's link in the room list. */
export const roomLink = (page: Page, room: string) => page.locator(`a.room[data-room="${room}"]`);

/** What a page records of the notifications it raised (see {@link watchNotifications}). */
export interface RaisedNotification {
  title: string;
  body?: string;
  tag?: string;
}

/**
 * Lets the pages of `context` raise notifications (the permission granted, as a reader who allowed them) and records
 * each one instead of showing it, for {@link raisedNotifications}; `setHidden(page, true)` makes a page look hidden
 * to it, as a tab in the background does (a headless page is always visible).
 */
export async function watchNotifications(context: BrowserContext, origin: string): Promise<void> {
  await context.grantPermissions(['notifications'], { origin });
  await context.addInitScript(() => {
    const raised: RaisedNotification[] = [];
    const Real = window.Notification;
    function Recorded(this: { close(): void; onclick: null }, title: string, options: NotificationOptions = {}) {
      raised.push({ title, body: options.body, tag: options.tag });
      this.close = () => undefined;
      this.onclick = null;
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    Object.defineProperty(Recorded, 'requestPermission', { value: () => Real.requestPermission() });
    Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
    let hidden = false;
    Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { get: () => hidden });
    Object.assign(window, {
      heraldNotifications: raised,
      heraldSetHidden: (value: boolean) => {
        hidden = value;
        document.dispatchEvent(new Event('visibilitychange'));
      },
    });
  });
}

/** The notifications `page` raised so far (its context must be watched with {@link watchNotifications}). */
export const raisedNotifications = (page: Page) =>
  page.evaluate(() => (window as unknown as { heraldNotifications: RaisedNotification[] }).heraldNotifications);

/** Makes `page` look hidden (or visible again) to the app, as {@link watchNotifications} allows. */
export const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((value) => (window as unknown as { heraldSetHidden(hidden: boolean): void }).heraldSetHidden(value), hidden);

/** Waits until `read()` satisfies `done`, polling; fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const until = Date.now() + timeout;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`still ${JSON.stringify(value)} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
