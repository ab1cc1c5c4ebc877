// Test doubles for code built on @herald/chat-client: `import { provideChatFakes, FakeEventSource } from '@herald/chat-client/testing'`.
export { FakeEventSource } from './fake-event-source';
export { FakeBroadcastChannel } from './fake-broadcast-channel';
export { FakeLocks } from './fake-locks';
export { provideChatFakes, type ChatFakesOptions } from './provide-chat-fakes';
