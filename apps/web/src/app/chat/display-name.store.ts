import { Injectable, signal } from '@angular/core';

const STORAGE_KEY = 'herald.displayName';

/** The reader's display name, remembered across visits in localStorage. */
@Injectable({ providedIn: 'root' })
export class DisplayNameStore {
  private readonly value = signal(read());

  /** The chosen name, or null before the reader has picked one. */
  readonly name = this.value.asReadonly();

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
