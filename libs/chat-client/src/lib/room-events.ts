import type { ChatMessage, PresenceUpdate, StreamReset } from '@herald/contracts';
import type { ConnectionStatus } from './connection-status';

/** What a room's stream delivers, whichever tab holds the connection. */
export interface RoomEvents {
  message(message: ChatMessage): void;
  reset(reset: StreamReset): void;
  presence(update: PresenceUpdate): void;
  status(status: ConnectionStatus): void;
}

/** The owner of a room's messages, as the feeds see it. */
export interface RoomFeedSink extends RoomEvents {
  /**
   * Makes sure the stream can resume without a gap (loads recent history when nothing is known yet) and
   * returns the id to resume after, or null to start live. Rejects when the server cannot be reached.
   */
  resumePoint(): Promise<string | null>;
  /** Another tab now streams the room from after `id`: fetch whatever this tab might lack before that. */
  catchUp(id: string | null): void;
}

/** A room's live feed, however it is delivered; closing it stops the delivery. */
export interface RoomFeed {
  close(): void;
}
