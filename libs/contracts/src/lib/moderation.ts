/**
 * The role, in a token's roles claim or an API key's `roles`, that may delete any message, ban, lift bans, kick and
 * read the audit log.
 */
export const MODERATOR_ROLE = 'moderator';

/** Longest ban one action sets: a year. A longer one is a new action when it ends. */
export const BAN_MAX_SECONDS = 365 * 86_400;

/** Longest reason a moderator may give, in code points. */
export const MODERATION_REASON_MAX_LENGTH = 200;

/** Shape of an author id (`ChatMessage.authorId`): URL-safe base64. */
export const AUTHOR_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Whom a ban or a kick applies to: a verified author id, a client address, or both (either matches). */
export interface ModerationTarget {
  authorId?: string;
  /** A client address as the server sees it (after TRUST_PROXY). */
  address?: string;
}

/** A ban: posts from its target to its room (every room when null) answer 403 until `until`, and its streams close. */
export interface Ban extends ModerationTarget {
  id: string;
  room: string | null;
  /** ISO 8601 time at which the ban ends of itself. */
  until: string;
  reason?: string;
  /** ISO 8601 time at which it was made. */
  at: string;
  /** The moderator's name and author id. */
  by: string;
  byId: string;
}

export type ModerationActionKind = 'ban' | 'unban' | 'kick' | 'delete';

/** One line of the audit trail: who did what to whom, where and when. */
export interface ModerationAction extends ModerationTarget {
  action: ModerationActionKind;
  room: string | null;
  at: string;
  by: string;
  byId: string;
  /** The ban made or lifted. */
  banId?: string;
  /** The message deleted (a `delete` action, whose target is the message's author). */
  messageId?: string;
  until?: string;
  reason?: string;
}

/** Answer of `GET /api/moderation/log`: the most recent actions, newest first. */
export interface ModerationLog {
  actions: ModerationAction[];
}

/** Answer of `POST /api/moderation/kicks`: the streams closed on this instance (others close theirs too). */
export interface KickResult {
  closedHere: number;
}

/** Answer of `GET /api/moderation/me`: the moderator the credentials are. */
export interface ModeratorSelf {
  name: string;
  authorId: string;
  roles: string[];
}
