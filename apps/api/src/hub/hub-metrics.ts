/**
 * What the hub reports for monitoring. The hub knows only this interface, not the metrics library: the ops
 * module implements it, and the hub runs without it (tests, tools) on {@link NO_HUB_METRICS}.
 */
export interface HubMetrics {
  /** A message was stored (its POST answers 202). */
  messageAccepted(): void;
  /** `count` frames were handed to subscribers: frames × subscribers, added once per flush. */
  eventsDelivered(count: number): void;
  /** A stream was opened with a Last-Event-ID, so it starts with a replay. */
  streamResumed(): void;
  /** The store reported an error (e.g. a Redis connection failed). */
  storeError(): void;
  /** A sweep dropped `count` rooms that had no messages left and no open streams. */
  roomsDropped(count: number): void;
}

/** Reports nothing. */
export const NO_HUB_METRICS: HubMetrics = {
  messageAccepted: () => undefined,
  eventsDelivered: () => undefined,
  streamResumed: () => undefined,
  storeError: () => undefined,
  roomsDropped: () => undefined,
};

/** Injection token of the {@link HubMetrics}; optional, the hub falls back to {@link NO_HUB_METRICS}. */
export const HUB_METRICS = Symbol('HUB_METRICS');
