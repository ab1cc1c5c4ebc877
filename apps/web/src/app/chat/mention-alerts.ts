import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { ChatMessage } from '@herald/contracts';
import { PageVisibility } from './page-visibility';

/** The browser's Notification constructor, or null where there is none; a token so tests can watch it. */
export const NOTIFICATIONS = new InjectionToken<typeof Notification | null>('NOTIFICATIONS', {
  providedIn: 'root',
  factory: () => globalThis.Notification ?? null,
});

const STORAGE_KEY = 'herald.notifyMentions';
/** A notification shows the start of the message: enough to know what it is about. */
const BODY_MAX = 140;

/**
 * Desktop notifications of messages that mention the reader, raised while the tab is hidden, once the reader
 * turned them on. The browser's permission is asked for only from that choice (a click), never on load; the choice
 * is kept in this browser. Every tab of a room tags its notification with the message's id, so the system shows
 * one per message however many tabs see it.
 */
@Injectable({ providedIn: 'root' })
export class MentionAlerts {
  private readonly visibility = inject(PageVisibility);
  private readonly router = inject(Router);
  private readonly NotificationImpl = inject(NOTIFICATIONS);
  private readonly wanted = signal(read());
  private readonly permission = signal<NotificationPermission>(this.NotificationImpl?.permission ?? 'denied');
  /** The mentions seen in each room, by id: a notification is for one that was not among them. */
  private readonly seen = new Map<string, ReadonlySet<string>>();

  /** Whether this browser can show notifications at all. */
  readonly supported = this.NotificationImpl !== null;
  /** Whether mentions raise notifications: the reader wants them, and the browser allows them. */
  readonly enabled = computed(() => this.wanted() && this.permission() === 'granted');
  /** The browser refuses notifications to this site; only its settings can change that. */
  readonly blocked = computed(() => this.supported && this.permission() === 'denied');

  /** Turns them on, asking the browser's permission first if it was never asked. Call it from a click. */
  async enable(): Promise<void> {
    const NotificationImpl = this.NotificationImpl;
    if (NotificationImpl === null) return;
    let permission = NotificationImpl.permission;
    if (permission === 'default') permission = await NotificationImpl.requestPermission();
    this.permission.set(permission);
    this.keep(permission === 'granted');
  }

  disable(): void {
    this.keep(false);
  }

  /**
   * Takes the unread mentions of the reader in `room` as they are now; each that was not there the last time raises
   * a notification while the tab is hidden. Until the room's first page is `loaded`, and on the first call after,
   * what is there is only noted: it was there before the reader came, not new.
   */
  note(room: string, mentions: readonly ChatMessage[], loaded: boolean): void {
    if (!loaded) {
      this.seen.delete(room);
      return;
    }
    const before = this.seen.get(room);
    this.seen.set(room, new Set(mentions.map((message) => message.id)));
    if (before === undefined || !this.enabled() || !this.visibility.hidden()) return;
    for (const message of mentions) if (!before.has(message.id)) this.raise(room, message);
  }

  private raise(room: string, message: ChatMessage): void {
    const NotificationImpl = this.NotificationImpl;
    if (NotificationImpl === null) return;
    const text = message.text.length > BODY_MAX ? `${message.text.slice(0, BODY_MAX - 1)}…` : message.text;
    const notification = new NotificationImpl(`${message.author} mentioned you in #${room}`, {
      body: text,
      tag: `herald-mention:${room}:${message.id}`,
    });
    notification.onclick = () => {
      globalThis.focus?.();
      void this.router.navigate(['/r', room]);
      notification.close();
    };
  }

  private keep(wanted: boolean): void {
    this.wanted.set(wanted);
    try {
      if (wanted) localStorage.setItem(STORAGE_KEY, 'on');
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage can be disabled: the choice then lasts for this visit only.
    }
  }
}

function read(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}
