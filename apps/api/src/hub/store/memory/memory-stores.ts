import type { Stores } from '../stores';
import { MemoryLiveFeed } from './memory-live-feed';
import { MemoryLimits, MemoryMessageStore } from './memory-message-store';
import { MemoryPresence } from './memory-presence';
import { MemoryTicketStore } from './memory-ticket-store';

/** Every store in this process's memory (HERALD_STORE=memory:): nothing to install, nothing kept on restart. */
export function createMemoryStores(limits: MemoryLimits, now: () => number = Date.now): Stores {
  let feed: MemoryLiveFeed | null = null;
  const messages = new MemoryMessageStore(limits, (event) => feed?.deliver(event), now);
  feed = new MemoryLiveFeed((room) => messages.newestId(room));
  const live = feed;
  const presence = new MemoryPresence((update) => live.announce(update));
  const tickets = new MemoryTicketStore();
  return {
    messages,
    feed,
    presence,
    tickets,
    async open() {
      // Nothing to connect to.
    },
    async close() {
      messages.clear();
      live.clear();
      presence.clear();
      await tickets.close();
    },
  };
}
