import { Injectable } from '@angular/core';

const KEY_PREFIX = 'herald.draft.';

/**
 * What the reader was writing in each room, kept in sessionStorage until it is sent: it survives a room
 * switch, back and forward, and a reload of the tab, and stays with the tab (another tab has its own).
 */
@Injectable({ providedIn: 'root' })
export class DraftStore {
  /** The draft of `room`, or '' when there is none. */
  get(room: string): string {
    try {
      return sessionStorage.getItem(KEY_PREFIX + room) ?? '';
    } catch {
      return '';
    }
  }

  /** Keeps `text` as the draft of `room`; an empty text removes it. */
  set(room: string, text: string): void {
    try {
      if (text === '') sessionStorage.removeItem(KEY_PREFIX + room);
      else sessionStorage.setItem(KEY_PREFIX + room, text);
    } catch {
      // Storage can be disabled or full: the draft then lasts until the room is left.
    }
  }
}
