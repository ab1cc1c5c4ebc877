import { Injectable, computed, inject, signal } from '@angular/core';
import { ChatApi } from '@herald/chat-client';
import type { ChatSettings } from '@herald/contracts';

/** The server's settings that change what the page offers, loaded once. */
@Injectable({ providedIn: 'root' })
export class SettingsStore {
  private readonly settings = signal<ChatSettings | null>(null);

  /** For how long authors may delete their own messages, in seconds: 0 until known (or on a server without it). */
  readonly deleteWindowS = computed(() => this.settings()?.messageDeleteWindowS ?? 0);
  /** For how long authors may edit their own messages, in seconds: 0 until known (or on a server without edits). */
  readonly editWindowS = computed(() => this.settings()?.messageEditWindowS ?? 0);

  constructor() {
    inject(ChatApi)
      .settings()
      .then(
        (settings) => this.settings.set(settings),
        // Without them the page offers what needs no settings: moderators still delete.
        () => undefined,
      );
  }
}
