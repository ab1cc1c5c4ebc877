export { ChatApi, type HistoryQuery } from './lib/chat-api';
export { ChatApiError } from './lib/chat-api-error';
export { CHAT_API_BASE_URL } from './lib/chat-api-base-url.token';
export { ChatStream } from './lib/chat-stream';
export type { ConnectionStatus } from './lib/connection-status';
export { EVENT_SOURCE, type EventSourceConstructor } from './lib/event-source.token';
