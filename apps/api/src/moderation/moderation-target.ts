import type { ModerationTarget } from '@herald/contracts';

/** Whether a stream or a post (its author id, when verified, and its address) is what `target` names. */
export function isTargeted(target: ModerationTarget, authorId: string | null | undefined, address: string): boolean {
  return (target.authorId !== undefined && target.authorId === authorId) || (target.address !== undefined && target.address === address);
}

/** Whether an action for `actionRoom` (every room when null) applies in `room`. */
export function coversRoom(actionRoom: string | null, room: string): boolean {
  return actionRoom === null || actionRoom === room;
}
