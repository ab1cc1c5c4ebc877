import { displayNameProblem, normalizeName, type MessageOrigin } from '@herald/contracts';
import { InvalidTokenError, JwtClaims } from './jwt-verifier';

/** Who a verified token or API key speaks for, and which rooms it opens. */
export interface Identity {
  /** The display name posts are made under: the token's `name`, else its `sub`; a key's name, or "system". */
  name: string;
  /** For a token: the private rooms it allows. For an API key: every room it may post to. '*' for all. */
  rooms: '*' | ReadonlySet<string>;
  /** Set for a backend's API key: its posts are marked with it, and it may post only to its rooms. */
  origin?: MessageOrigin;
}

export function identityOf(claims: JwtClaims): Identity {
  const named = typeof claims.name === 'string' ? normalizeName(claims.name) : '';
  const name = named || (typeof claims.sub === 'string' ? normalizeName(claims.sub) : '');
  if (!name) throw new InvalidTokenError('the token has neither a name nor a sub claim');
  // Names from tokens pass the same rule as names people type: one that could not post could not be anyone.
  const problem = displayNameProblem(name);
  if (problem) throw new InvalidTokenError(`the token's name ${problem}`);
  const rooms = claims.rooms;
  const list = typeof rooms === 'string' ? [rooms] : Array.isArray(rooms) ? rooms.filter((r): r is string => typeof r === 'string') : [];
  return { name, rooms: list.includes('*') ? '*' : new Set(list) };
}

export function allows(identity: Identity, room: string): boolean {
  return identity.rooms === '*' || identity.rooms.has(room);
}
