import { CHAT_EVENT, ChatMessage, PresenceUpdate, StreamReset } from '@herald/contracts';
import { FeedFrame, HubEvent } from './hub-event';

/**
 * The only place that turns events into bytes of the event stream. Ids and event names never carry CR,
 * LF or NUL (ids are generated, names are constants) and `data:` is one line of JSON, which escapes
 * every line break, so no field of a message can start another field or event.
 */
export function toHubEvent(message: ChatMessage): HubEvent {
  return {
    id: message.id,
    message,
    frame: Buffer.from(`id: ${message.id}\nevent: ${CHAT_EVENT.message}\ndata: ${JSON.stringify(message)}\n\n`),
  };
}

/** The `reset` event; it carries no id, so the client's last event id stays as it was. */
export function resetFrame(reset: StreamReset): Buffer {
  return Buffer.from(`event: ${CHAT_EVENT.reset}\ndata: ${JSON.stringify(reset)}\n\n`);
}

/** The `presence` event; no id, like `reset`. */
export function presenceFrame(update: PresenceUpdate): FeedFrame {
  return { id: null, frame: Buffer.from(`event: ${CHAT_EVENT.presence}\ndata: ${JSON.stringify(update)}\n\n`) };
}

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
