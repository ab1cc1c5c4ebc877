import type { PresenceUpdate } from '@herald/contracts';
import { type PresenceMember, memberKey, snapshotOf } from './presence-member';
import type { PresenceSnapshot } from './presence-store';

/** Open streams of one room in this process, counted per member ({@link memberKey}: a name, with its author id when verified). */
export class RoomPresence {
  private readonly names = new Map<string, number>();
  private anonymous = 0;

  get connections(): number {
    let named = 0;
    for (const count of this.names.values()) named += count;
    return named + this.anonymous;
  }

  get isEmpty(): boolean {
    return this.anonymous === 0 && this.names.size === 0;
  }

  /** Counts a stream in; returns the member when it just came online. */
  enter(member: PresenceMember | null): PresenceMember | null {
    if (member === null) {
      this.anonymous++;
      return null;
    }
    const key = memberKey(member);
    const count = this.names.get(key) ?? 0;
    this.names.set(key, count + 1);
    return count === 0 ? member : null;
  }

  /** Counts a stream out; returns the member when it just went offline. */
  leave(member: PresenceMember | null): PresenceMember | null {
    if (member === null) {
      this.anonymous--;
      return null;
    }
    const key = memberKey(member);
    const count = this.names.get(key) ?? 0;
    if (count <= 1) {
      this.names.delete(key);
      return member;
    }
    this.names.set(key, count - 1);
    return null;
  }

  /** Streams per member key, anonymous ones under null. */
  counts(): Map<string | null, number> {
    const counts = new Map<string | null, number>(this.names);
    if (this.anonymous > 0) counts.set(null, this.anonymous);
    return counts;
  }

  snapshot(): PresenceSnapshot {
    return snapshotOf(this.names, this.anonymous);
  }

  update(room: string, change: Pick<PresenceUpdate, 'joined' | 'left'>): PresenceUpdate {
    return { room, ...this.snapshot(), ...change };
  }
}
