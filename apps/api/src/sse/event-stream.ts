import { Observable, of } from 'rxjs';
import type { FrameSink } from '../hub/frame-sink';

/** Ends a stream from the server's side: `lastFrame` (whole events) is written, then the response ends. */
export type EndStream = (lastFrame: Buffer) => void;

/**
 * Opens a stream onto the connection's writer; the function it returns closes it. `end` is for a stream the
 * server ends of itself (its token expired, a moderator removed its reader).
 */
export type OpenStream = (sink: FrameSink, end: EndStream) => () => void;

/** The stream an `@Sse()` handler opens with `EventStreams.open()`, once the request is let in. */
export interface EventStream {
  room: string;
  open: OpenStream;
}

/**
 * The one stream to open, for `EventStreams.open()`; the subscription Nest holds is the stream's lifetime
 * (Nest unsubscribes when the client leaves). The bytes themselves go straight from the hub to the
 * connection's writer, never through an Observable per event.
 */
export function eventStream(room: string, open: OpenStream): Observable<EventStream> {
  return of({ room, open });
}
