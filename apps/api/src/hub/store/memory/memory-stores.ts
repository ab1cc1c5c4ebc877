import type { Stores } from '../stores';
import { MemoryLimits, MemoryMessageStore } from './memory-message-store';
import { createProcessLocalParts, processStores, type ProcessLocalParts } from './process-local-parts';

/** Every store in this process's memory (HERALD_STORE=memory:): nothing to install, nothing kept on restart. */
export function createMemoryStores(limits: MemoryLimits, now: () => number = Date.now): Stores {
  let local: ProcessLocalParts | null = null;
  const messages = new MemoryMessageStore(limits, (event) => local?.deliver(event), now);
  const parts = createProcessLocalParts((room) => messages.newestId(room));
  local = parts;
  return processStores(messages, parts, () => messages.clear());
}
