import type { HubEvent } from '../../hub-event';
import type { LiveFeed } from '../live-feed';
import type { MessageStore } from '../message-store';
import type { PresenceStore } from '../presence-store';
import type { Stores } from '../stores';
import type { GuestKeyStore } from '../guest-key-store';
import type { TicketStore } from '../ticket-store';
import { MemoryGuestKey } from './memory-guest-key';
import { MemoryLiveFeed } from './memory-live-feed';
import { MemoryModerationStore } from './memory-moderation-store';
import type { ModerationStore } from '../moderation-store';
import { MemoryPresence } from './memory-presence';
import { MemoryTicketStore } from './memory-ticket-store';

/** What one process keeps in its own memory whatever holds its messages: the live feed, presence, tickets. */
export interface ProcessLocalParts {
  feed: LiveFeed;
  presence: PresenceStore;
  tickets: TicketStore;
  /** Hands a stored message to the room's live listeners. */
  deliver(event: HubEvent): void;
  close(): Promise<void>;
}

/** `newestId` says where a room's live feed starts: right after the newest message its store holds. */
export function createProcessLocalParts(newestId: (room: string) => string | null): ProcessLocalParts {
  const feed = new MemoryLiveFeed(newestId);
  const presence = new MemoryPresence(
    (update) => feed.announce(update),
    (update) => feed.announceTyping(update),
  );
  const tickets = new MemoryTicketStore();
  return {
    feed,
    presence,
    tickets,
    deliver: (event) => feed.deliver(event),
    async close() {
      feed.clear();
      presence.clear();
      await tickets.close();
    },
  };
}

/**
 * The stores of one process: `messages` with these parts; `closeMessages` releases the messages' side first.
 * `guestKey` and `moderation` are the process's own unless the messages' side keeps ones that outlive it.
 */
export function processStores(
  messages: MessageStore,
  parts: ProcessLocalParts,
  closeMessages: () => void | Promise<void>,
  guestKey: GuestKeyStore = new MemoryGuestKey(),
  moderation: ModerationStore = new MemoryModerationStore(),
): Stores {
  return {
    messages,
    feed: parts.feed,
    presence: parts.presence,
    tickets: parts.tickets,
    guestKey,
    moderation,
    async open() {
      // Nothing to connect to: the messages' side opened when it was made.
    },
    async close() {
      await moderation.close();
      await closeMessages();
      await parts.close();
    },
  };
}
