/**
 * What operations read of the open event streams, and the one thing they do to them. The last mile
 * (sse/StreamBook) has it; the composition root binds it, so ops never imports the chat or the last mile.
 */
export interface OpenStreams {
  readonly size: number;
  countsByRoom(): ReadonlyMap<string, number>;
  /** Clients disconnected so far because they stopped reading. */
  readonly slowConsumerDisconnects: number;
  /** Ends every open stream (and any that opens later) telling its client to reconnect, saying why. */
  endAll(why: string): void;
}

/** Injection token of {@link OpenStreams}. */
export const OPEN_STREAMS = Symbol('OPEN_STREAMS');
