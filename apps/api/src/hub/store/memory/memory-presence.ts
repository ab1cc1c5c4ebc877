import type { PresenceUpdate, TypingUpdate } from '@herald/contracts';
import type { PresenceMember } from '../presence-member';
import type { PresenceSnapshot, PresenceStore } from '../presence-store';
import { RoomPresence } from '../room-presence';

/** Presence of one process; joins and leaves are announced to the room's live feed at once. */
export class MemoryPresence implements PresenceStore {
  private readonly byRoom = new Map<string, RoomPresence>();

  constructor(
    private readonly announce: (update: PresenceUpdate) => void,
    private readonly announceTyping: (update: TypingUpdate) => void,
  ) {}

  enter(room: string, member: PresenceMember | null): () => void {
    let presence = this.byRoom.get(room);
    if (!presence) {
      presence = new RoomPresence();
      this.byRoom.set(room, presence);
    }
    const own = presence;
    const joined = own.enter(member);
    if (joined !== null) this.announce(own.update(room, { joined: joined.name }));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const gone = own.leave(member);
      if (own.isEmpty && this.byRoom.get(room) === own) this.byRoom.delete(room);
      if (gone !== null) this.announce(own.update(room, { left: gone.name }));
    };
  }

  async snapshot(room: string): Promise<PresenceSnapshot> {
    return this.byRoom.get(room)?.snapshot() ?? { online: [], people: [], connections: 0 };
  }

  async rooms(): Promise<string[]> {
    return [...this.byRoom.keys()];
  }

  async typing(update: TypingUpdate): Promise<void> {
    this.announceTyping(update);
  }

  clear(): void {
    this.byRoom.clear();
  }
}
