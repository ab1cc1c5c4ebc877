import type { PresenceUpdate } from '@herald/contracts';
import type { PresenceNotice } from './presence-notice';

/** Presence notices kept per room (the oldest go first). */
export const MAX_NOTICES = 50;
/** A name that leaves and comes back within this time (a reload, a tab handing over) was never gone. */
export const REJOIN_WINDOW_MS = 10_000;

/** The notices after a presence update, and the key the next notice takes. */
export interface NoticesAfter {
  notices: readonly PresenceNotice[];
  nextKey: number;
}

/**
 * Notes the join and the leave an update reports, after message `afterId`, heard of at `at` (milliseconds
 * since the epoch). A leave followed by the same name's join within {@link REJOIN_WINDOW_MS} cancels out.
 * Returns `notices` itself when nothing changed.
 */
export function notePresence(
  notices: readonly PresenceNotice[],
  update: PresenceUpdate,
  afterId: string | null,
  at: number,
  nextKey: number,
): NoticesAfter {
  const next = [...notices];
  let key = nextKey;
  const time = new Date(at).toISOString();
  if (update.left !== undefined) next.push({ key: key++, name: update.left, change: 'left', at: time, afterId });
  if (update.joined !== undefined) {
    const last = next.at(-1);
    const rejoined = last?.change === 'left' && last.name === update.joined && at - Date.parse(last.at) < REJOIN_WINDOW_MS;
    if (rejoined) next.pop();
    else next.push({ key: key++, name: update.joined, change: 'joined', at: time, afterId });
  }
  const changed = next.length !== notices.length || next.at(-1) !== notices.at(-1);
  return { notices: changed ? next.slice(-MAX_NOTICES) : notices, nextKey: key };
}
