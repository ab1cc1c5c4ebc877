import type { PresenceUpdate } from '@herald/contracts';
import type { PresenceSnapshot } from './presence-store';

/** Open streams of one room in this process, counted per display name. */
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

  /** Counts a stream in; returns the name when it just came online. */
  enter(name: string | null): string | null {
    if (name === null) {
      this.anonymous++;
      return null;
    }
    const count = this.names.get(name) ?? 0;
    this.names.set(name, count + 1);
    return count === 0 ? name : null;
  }

  /** Counts a stream out; returns the name when it just went offline. */
  leave(name: string | null): string | null {
    if (name === null) {
      this.anonymous--;
      return null;
    }
    const count = this.names.get(name) ?? 0;
    if (count <= 1) {
      this.names.delete(name);
      return name;
    }
    this.names.set(name, count - 1);
    return null;
  }

  /** Streams per display name, anonymous ones under null. */
  counts(): Map<string | null, number> {
    const counts = new Map<string | null, number>(this.names);
    if (this.anonymous > 0) counts.set(null, this.anonymous);
    return counts;
  }

  snapshot(): PresenceSnapshot {
    return { online: [...this.names.keys()].sort(), connections: this.connections };
  }

  update(room: string, change: Pick<PresenceUpdate, 'joined' | 'left'>): PresenceUpdate {
    return { room, ...this.snapshot(), ...change };
  }
}
