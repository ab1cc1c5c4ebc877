import { displayNameProblem, normalizeName, type MessageOrigin } from '@herald/contracts';
import { tokenAuthorId } from './author-id';
import { InvalidTokenError, JwtClaims } from './jwt-verifier';

/** Who a verified token, guest session or API key speaks for, and which rooms it opens. */
export interface Identity {
  /** The display name posts are made under: the token's `name`, else its `sub`; a key's name, or "system". */
  name: string;
  /** The stable, non-secret id its messages carry and its post allowance is counted under. */
  authorId: string;
  /** Set for a guest session of the open chat (which opens no private room). */
  guest?: true;
  /** For a token: the private rooms it allows. For an API key: every room it may post to. '*' for all. */
  rooms: '*' | ReadonlySet<string>;
  /** Set for a backend's API key: its posts are marked with it, and it may post only to its rooms. */
  origin?: MessageOrigin;
  /** What it may do besides posting, e.g. "moderator": from the token's roles claim, or the API key's `roles`. */
  roles?: ReadonlySet<string>;
  /** For a token: its `exp`, in milliseconds since the epoch; a stream it opens ends then. Absent for an API key. */
  expiresAt?: number;
}

/** `rolesClaim`: the claim that lists the token's roles (AUTH_JWT_ROLES_CLAIM), a string or an array of strings. */
export function identityOf(claims: JwtClaims, rolesClaim = 'roles'): Identity {
  const named = typeof claims.name === 'string' ? normalizeName(claims.name) : '';
  const name = named || (typeof claims.sub === 'string' ? normalizeName(claims.sub) : '');
  if (!name) throw new InvalidTokenError('the token has neither a name nor a sub claim');
  // Names from tokens pass the same rule as names people type: one that could not post could not be anyone.
  const problem = displayNameProblem(name);
  if (problem) throw new InvalidTokenError(`the token's name ${problem}`);
  const rooms = claims.rooms;
  const list = typeof rooms === 'string' ? [rooms] : Array.isArray(rooms) ? rooms.filter((r): r is string => typeof r === 'string') : [];
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  // The provider's subject is the person, whatever name the token gives them today.
  const subject = typeof claims.sub === 'string' && claims.sub !== '' ? `sub:${claims.sub}` : `name:${name}`;
  const authorId = tokenAuthorId(claims.iss ?? '', subject);
  const claimed = claims[rolesClaim];
  const roles = new Set(
    typeof claimed === 'string' ? [claimed] : Array.isArray(claimed) ? claimed.filter((r): r is string => typeof r === 'string') : [],
  );
  return { name, authorId, rooms: list.includes('*') ? '*' : new Set(list), expiresAt, roles };
}

export function allows(identity: Identity, room: string): boolean {
  return identity.rooms === '*' || identity.rooms.has(room);
}
