/**
 * Where one stream's bytes go: its replay, its catch-up and every live batch, in that order, through this
 * one sink. The hub knows nothing of sockets or HTTP; the last mile (sse/) implements it per connection.
 * A live batch is one Buffer shared by every subscriber of the room: a sink must not change it.
 */
export interface FrameSink {
  /** Bytes of the event stream, whole events only. */
  write(frames: Buffer): void;
  /** The stream cannot go on (its store failed while it caught up): end it with this error. */
  fail(err: unknown): void;
}
