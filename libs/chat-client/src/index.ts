export { provideHerald, HERALD_TOKEN_PROVIDER, type HeraldConfig, type TokenProvider } from './lib/herald-config';
export { ChatApi, type HistoryQuery } from './lib/chat-api';
export { ChatApiError } from './lib/chat-api-error';
export { CHAT_API_BASE_URL } from './lib/chat-api-base-url.token';
export { ChatStream, type ConnectOptions } from './lib/chat-stream';
export type { PresenceNotice } from './lib/presence-notice';
export type { ConnectionStatus } from './lib/connection-status';
export { compareEventIds } from './lib/event-id';
export { isPrivateRoom } from './lib/stream-access';
export { mergeMessages } from './lib/merge-messages';
export { EVENT_SOURCE, type EventSourceConstructor } from './lib/event-source.token';
export {
  TAB_CHANNEL,
  TAB_LOCKS,
  type TabChannel,
  type TabChannelConstructor,
  type TabLocks,
} from './lib/tabs/tab-coordination';
