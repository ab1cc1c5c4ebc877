/** Frames of the connection itself, not of any room's events (those are the hub's, see hub/event-frames.ts). */

/** Tells EventSource how long to wait before it reconnects. */
export function retryFrame(retryMs: number): Buffer {
  return Buffer.from(`retry: ${Math.floor(retryMs)}\n\n`);
}

/** The last frame of a stream the server ends on purpose: reconnect after `retryMs`, and a comment saying why. */
export function farewellFrame(retryMs: number, why: string): Buffer {
  return Buffer.from(`retry: ${Math.floor(retryMs)}\n: ${why.replace(/[\r\n\0]/g, ' ')}\n\n`);
}

/** A comment line: ignored by clients, keeps proxies from cutting an idle stream. */
export const HEARTBEAT_FRAME = Buffer.from(':\n\n');

/**
 * The last frame of a stream whose source failed after its headers were out: an `error` event as Nest's `@Sse()`
 * sent, but without the `id: 1` Nest gave it, which would have become the client's Last-Event-ID and cost it its
 * resume. The message is never the error's own: it may tell more than a client should know.
 */
export const STREAM_FAILED_FRAME = Buffer.from('event: error\ndata: Internal server error\n\n');
