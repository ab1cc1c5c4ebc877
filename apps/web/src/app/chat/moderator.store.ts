import { Injectable, inject } from '@angular/core';
import { ChatApiError, ModerationApi } from '@herald/chat-client';

const STORAGE_KEY = 'herald.moderatorKey';

/**
 * The moderator signed in in this tab, if any. The credential (an API key with the moderator role, or such a
 * token) is checked by the server and kept in sessionStorage, so a reload keeps it but no other tab, nor a later
 * visit, has it; never in localStorage or the URL. A kept credential the server no longer takes is forgotten.
 */
@Injectable({ providedIn: 'root' })
export class ModeratorStore {
  private readonly api = inject(ModerationApi);

  /** Who moderates in this tab, or null. */
  readonly moderator = this.api.moderator;

  constructor() {
    const kept = read();
    if (kept === null) return;
    this.api.signIn(kept).catch((error: unknown) => {
      if (error instanceof ChatApiError && (error.status === 401 || error.status === 403)) forget();
    });
  }

  /** Signs in with `credential`; rejects with the server's refusal, keeping nothing. */
  async signIn(credential: string): Promise<void> {
    await this.api.signIn(credential);
    try {
      sessionStorage.setItem(STORAGE_KEY, credential.trim());
    } catch {
      // Storage can be disabled: the sign-in then lasts until the page is left.
    }
  }

  signOut(): void {
    this.api.signOut();
    forget();
  }
}

function read(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

function forget(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was kept where storage is disabled.
  }
}
