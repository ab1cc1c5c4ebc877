import type { PresenceUpdate } from '@herald/contracts';

/** Who is in a room. */
export type PresenceSnapshot = Pick<PresenceUpdate, 'online' | 'connections'>;

/** Open streams per room and display name; joins and leaves reach the room's live feed as presence events. */
export interface PresenceStore {
  /** Counts an open stream in the room under `name` (null: anonymous) until the returned function is called. */
  enter(room: string, name: string | null): () => void;
  /** Who is in the room now, on every instance. */
  snapshot(room: string): Promise<PresenceSnapshot>;
  /** Names of the rooms with open streams. */
  rooms(): Promise<string[]>;
}
