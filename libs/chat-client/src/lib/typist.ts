import { TYPING_HOLD_MS, type TypingUpdate } from '@herald/contracts';

/** Someone typing in the room, as the reader is shown it. */
export interface Typist {
  name: string;
  authorId: string;
  /** When to stop showing it, in milliseconds by this device's clock. */
  until: number;
}

/**
 * The typists after `update`, heard of at `at`: one entry per author id, keeping its place (so a line that names
 * them does not change, nor is read out again, each time they go on typing). It holds until the update's `until`,
 * but never longer than {@link TYPING_HOLD_MS} from now: this device's clock may be behind the server's. A clock
 * ahead of it, which reads `until` as past already, holds it the full time instead of not at all.
 */
export function noteTyping(typists: readonly Typist[], update: TypingUpdate, at: number): readonly Typist[] {
  const said = Date.parse(update.until);
  const until = said > at ? Math.min(said, at + TYPING_HOLD_MS) : at + TYPING_HOLD_MS;
  const typist: Typist = { name: update.name, authorId: update.authorId, until };
  const current = typists.filter((held) => held.until > at);
  const index = current.findIndex((held) => held.authorId === update.authorId);
  return index < 0 ? [...current, typist] : current.map((held, i) => (i === index ? typist : held));
}

/** The typists still typing at `at`; the list itself when none has ended. */
export function expireTypists(typists: readonly Typist[], at: number): readonly Typist[] {
  const left = typists.filter((typist) => typist.until > at);
  return left.length === typists.length ? typists : left;
}

/** The typists but those among `authorIds` (they just posted: their message says what they typed). */
export function dropTypists(typists: readonly Typist[], authorIds: ReadonlySet<string | undefined>): readonly Typist[] {
  const left = typists.filter((typist) => !authorIds.has(typist.authorId));
  return left.length === typists.length ? typists : left;
}
