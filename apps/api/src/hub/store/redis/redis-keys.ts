/** Every Redis key Herald uses (messages, presence, stream tickets, the guest key), under one prefix so deployments can share a Redis. */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  /** A room's messages: a stream whose entry ids are the event ids. */
  room(room: string): string {
    return `${this.prefix}room:${room}`;
  }

  /**
   * A room's edited messages: message id → JSON `{ t, id, ids }`, its latest text, the id of that edit and the ids
   * of all its edit entries (taken out with it when the message is deleted).
   */
  edits(room: string): string {
    return `${this.prefix}edits:${room}`;
  }

  /** The room a stream key belongs to. */
  roomOf(key: string): string {
    return key.slice(this.prefix.length + 'room:'.length);
  }

  /** Names of the rooms with history (bounded by MAX_ROOMS). */
  rooms(): string {
    return `${this.prefix}rooms`;
  }

  /** Names of the rooms with open streams on some instance. */
  presenceRooms(): string {
    return `${this.prefix}presence-rooms`;
  }

  /** The instances with open streams in a room, scored by when their entry expires (ms). */
  presenceInstances(room: string): string {
    return `${this.prefix}presence:${room}`;
  }

  /**
   * One instance's open streams in a room: member key (a name, with its author id when verified) → count
   * (anonymous under {@link ANONYMOUS}).
   */
  presence(room: string, instance: string): string {
    return `${this.prefix}presence:${room}:${instance}`;
  }

  /** The id the first post with an idempotency key got in a room, until IDEMPOTENCY_WINDOW_MS ends. */
  idempotency(room: string, key: string): string {
    return `${this.prefix}idempotency:${room}:${key}`;
  }

  /** A stream ticket, until it is used or expires. */
  ticket(ticket: string): string {
    return `${this.prefix}ticket:${ticket}`;
  }

  /** The key that signs guest sessions when GUEST_SESSION_SECRET is not set, shared by every instance. */
  guestKey(): string {
    return `${this.prefix}guest-key`;
  }

  /** The bans in force: a hash, ban id → the ban as JSON. */
  bans(): string {
    return `${this.prefix}bans`;
  }

  /** The audit trail of moderation actions: a list, newest first, capped. */
  moderationLog(): string {
    return `${this.prefix}moderation-log`;
  }

  /** Pub/sub channel of moderation signals (bans changed, streams to close). */
  moderationChannel(): string {
    return `${this.prefix}moderation`;
  }

  /** Pub/sub channel on which an instance names a room whose presence it changed. */
  presenceChannel(): string {
    return `${this.prefix}presence`;
  }

  /** The pub/sub channel of `typing` events (JSON), which every instance hands to its streams of the room. */
  typingChannel(): string {
    return `${this.prefix}typing`;
  }
}

/** Field of anonymous streams in a presence hash; display names cannot contain control characters. */
export const ANONYMOUS = '\u0000';
