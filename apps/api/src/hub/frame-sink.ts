/**
 * Where one stream's bytes go: its replay, its catch-up and every live batch, in that order, through this
 * one sink. The hub knows nothing of sockets or HTTP; the last mile (sse/) implements it per connection.
 * A live batch is one Buffer shared by every subscriber of the room: a sink must not change it.
 */
export interface FrameSink {
  /**
   * The replay the stream starts with (whole events, at most the room's history, ending with presence):
   * sent at the pace the client reads it, so its size alone never makes the client a slow one.
   */
  writeReplay(frames: readonly Buffer[]): void;
  /** Bytes of the event stream, whole events only; what is written during a replay waits behind it. */
  write(frames: Buffer): void;
  /** The stream cannot go on (its store failed while it caught up): end it with this error. */
  fail(err: unknown): void;
}
