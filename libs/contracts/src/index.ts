export * from './lib/limits';
export * from './lib/chat-events';
export * from './lib/api-responses';
export * from './lib/create-message.dto';
