import { Observable, of } from 'rxjs';
import type { FrameSink } from '../hub/frame-sink';

/** Ends a stream from the server's side: `lastFrame` (whole events) is written, then the response ends. */
export type EndStream = (lastFrame: Buffer) => void;

/**
 * Opens a stream onto the connection's writer; the function it returns closes it. `end` is for a stream the
 * server ends of itself (its token expired, a moderator removed its reader).
 */
export type OpenStream = (sink: FrameSink, end: EndStream) => () => void;

/** What an {@link SseStream} handler returns: the stream to open for this request, once it is let in. */
export interface EventStream {
  room: string;
  open: OpenStream;
}

/**
 * The Observable an `@Sse()` handler returns: it carries the one stream to open, and its subscription is
 * the stream's lifetime (Nest unsubscribes when the client leaves). The bytes themselves go straight
 * from the hub to the connection's writer, never through an Observable per event.
 */
export function eventStream(room: string, open: OpenStream): Observable<EventStream> {
  return of({ room, open });
}
