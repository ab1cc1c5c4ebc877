import type { PresenceUpdate, TypingUpdate } from '@herald/contracts';
import type { PresenceMember } from './presence-member';

/** Who is in a room. */
export type PresenceSnapshot = Pick<PresenceUpdate, 'online' | 'people' | 'connections'>;

/** Open streams per room and person; people coming and going reach the room's live feed as presence events. */
export interface PresenceStore {
  /** Counts an open stream in the room as `member` (null: anonymous) until the returned function is called. */
  enter(room: string, member: PresenceMember | null): () => void;
  /** Who is in the room now, on every instance. */
  snapshot(room: string): Promise<PresenceSnapshot>;
  /** Names of the rooms with open streams. */
  rooms(): Promise<string[]>;
  /** Tells the room's streams on every instance that someone is typing (a `typing` event, not stored). */
  typing(update: TypingUpdate): Promise<void>;
}
