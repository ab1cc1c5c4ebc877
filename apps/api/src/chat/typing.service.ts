import { Injectable } from '@nestjs/common';
import { TYPING_HOLD_MS } from '@herald/contracts';
import type { Identity } from '../access/identity';
import { HubService } from '../hub/hub.service';

/** A person's `typing` events in a room go out at most this often; calls in between are answered and dropped. */
export const TYPING_INTERVAL_MS = 2_000;

/** Past this many people typing at once, the ones whose interval is over are forgotten on the next call. */
const TRACKED_MAX = 10_000;

/**
 * "Ada is typing": told to the room's streams like presence, never stored. A client calls while its reader types;
 * each person's events are held to one per {@link TYPING_INTERVAL_MS} per room, so typing costs the room's
 * streams a few frames per person, however often a client calls.
 */
@Injectable()
export class Typing {
  /** When each person (room, newline, author id) was last told, in ms. */
  private readonly lastSent = new Map<string, number>();

  constructor(private readonly hub: HubService) {}

  /** Resolves true when the room was told, false when it was told of this person less than an interval ago. */
  async typing(room: string, typist: Identity, now = Date.now()): Promise<boolean> {
    const key = `${room}\n${typist.authorId}`;
    const last = this.lastSent.get(key);
    if (last !== undefined && now - last < TYPING_INTERVAL_MS) return false;
    if (this.lastSent.size >= TRACKED_MAX) this.forgetBefore(now - TYPING_INTERVAL_MS);
    this.lastSent.set(key, now);
    await this.hub.typing({ room, name: typist.name, authorId: typist.authorId, until: new Date(now + TYPING_HOLD_MS).toISOString() });
    return true;
  }

  private forgetBefore(time: number): void {
    for (const [key, sent] of this.lastSent) if (sent < time) this.lastSent.delete(key);
  }
}
