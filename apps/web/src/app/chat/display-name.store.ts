import { DestroyRef, Injectable, inject, signal } from '@angular/core';

const STORAGE_KEY = 'herald.displayName';

/** The reader's display name, remembered across visits in localStorage and kept the same in every tab. */
@Injectable({ providedIn: 'root' })
export class DisplayNameStore {
  private readonly value = signal(read());

  /** The chosen name, or null before the reader has picked one. */
  readonly name = this.value.asReadonly();

  constructor() {
    // A name picked in another tab applies here too, so the tabs keep sharing one stream per room.
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) this.value.set(read());
    };
    globalThis.addEventListener?.('storage', onStorage);
    inject(DestroyRef).onDestroy(() => globalThis.removeEventListener?.('storage', onStorage));
  }

  set(name: string): void {
    this.value.set(name);
    try {
      localStorage.setItem(STORAGE_KEY, name);
    } catch {
      // Storage can be disabled (private mode, quotas); the name then lasts for this visit only.
    }
  }
}

function read(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)?.trim() || null;
  } catch {
    return null;
  }
}
