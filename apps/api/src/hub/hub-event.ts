import type { ChatMessage } from '@herald/contracts';

/** A stored message together with its SSE frame, encoded once and shared by every subscriber. */
export interface HubEvent {
  readonly message: ChatMessage;
  readonly frame: Buffer;
}
