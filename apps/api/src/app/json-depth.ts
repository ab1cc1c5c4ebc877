/** Deepest nesting of arrays and objects a body may have; a chat message needs 1. */
export const MAX_JSON_DEPTH = 16;

/**
 * Whether `value` nests deeper than `max`, found without recursion: a 16 KiB body can nest 8,000 levels,
 * which would overflow the stack of the validation that walks it.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: current, depth } = item;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
