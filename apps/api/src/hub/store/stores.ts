import type { LiveFeed } from './live-feed';
import type { MessageStore } from './message-store';
import type { ModerationStore } from './moderation-store';
import type { PresenceStore } from './presence-store';
import type { GuestKeyStore } from './guest-key-store';
import type { TicketStore } from './ticket-store';

/** The stores of one deployment, made together by {@link createStores} from the HERALD_STORE setting. */
export interface Stores {
  readonly messages: MessageStore;
  readonly feed: LiveFeed;
  readonly presence: PresenceStore;
  readonly tickets: TicketStore;
  /** The key that signs guest sessions when GUEST_SESSION_SECRET is not set. */
  readonly guestKey: GuestKeyStore;
  /** Bans and the audit trail, and the signal that carries moderation to every instance. */
  readonly moderation: ModerationStore;
  /** Resolves once the stores can be reached, or after a bounded wait (the server then starts not ready). */
  open(): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** Injection token of the {@link Stores}. */
export const STORES = Symbol('STORES');
