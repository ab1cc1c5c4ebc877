import { postJson } from './http';

/** What became of one post. */
export type PostOutcome = { status: number; id?: string } | { status: 'connection-error' };

/**
 * `loops` clients posting to `url` one after another, each until a post is not accepted or the server's
 * connection fails (as it does once a server shuts down), or until `max` posts were accepted in all.
 */
export function postUntilRefused(
  url: string,
  loops: number,
  max: number,
): { outcomes: PostOutcome[]; accepted: () => string[]; done: Promise<void> } {
  const outcomes: PostOutcome[] = [];
  const accepted = () => outcomes.flatMap((o) => (o.status === 202 && 'id' in o && o.id ? [o.id] : []));
  let n = 0;
  const loop = async (which: number) => {
    while (accepted().length < max) {
      let outcome: PostOutcome;
      try {
        const answer = await postJson(url, { author: `Loop ${which}`, text: `post ${n++}` });
        outcome = answer.status === 202 ? { status: 202, id: answer.body.id } : { status: answer.status };
      } catch {
        outcome = { status: 'connection-error' };
      }
      outcomes.push(outcome);
      if (outcome.status !== 202) return;
    }
  };
  const done = Promise.all(Array.from({ length: loops }, (_, i) => loop(i))).then(() => undefined);
  return { outcomes, accepted, done };
}

/** Resolves once `predicate` holds, checking every 10 ms; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
