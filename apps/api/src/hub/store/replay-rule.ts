import { compareEventIds, isEventId, type StreamReset } from '@herald/contracts';
import type { HubEvent } from '../hub-event';
import type { MessageStore } from './message-store';

/** The history after a client's last event id. */
export interface Replay {
  events: HubEvent[];
  /** Set when the id was unknown or older than the history held: `events` is then all of it. */
  reset: StreamReset | null;
}

/** An id older than any event, so the history after it is all of it. */
const NO_EVENT_ID = '0-0';

/**
 * The one reset rule, for every store: an id the store knows resumes right after it; an id older than
 * what was trimmed is `history-trimmed`; anything else (unknown, from another deployment, not an id at
 * all) is `unknown-id`. Either reset comes with every message still held. A Last-Event-ID is never a
 * reason to refuse a stream.
 */
export async function replayAfter(store: MessageStore, room: string, lastEventId: string): Promise<Replay> {
  const history = await store.historyAfter(room, isEventId(lastEventId) ? lastEventId : NO_EVENT_ID);
  if (history.found && isEventId(lastEventId)) return { events: history.events, reset: null };
  const trimmed = isEventId(lastEventId) && history.trimmedThrough !== null && compareEventIds(lastEventId, history.trimmedThrough) < 0;
  return {
    events: history.events,
    reset: {
      reason: trimmed ? 'history-trimmed' : 'unknown-id',
      lastEventId: lastEventId.slice(0, 64),
      oldestId: history.events[0]?.id ?? null,
    },
  };
}
