import { displayNameProblem, isRoomName, normalizeName } from '@herald/contracts';
import type { ServiceKey } from './app-config';

/**
 * API_KEYS: a JSON array of `{ "name": "deploy-bot", "sha256": "<hex SHA-256 of the key>", "rooms": ["alerts"] or
 * "*", "as": "bot" | "system", "roles": ["moderator"] (optional) }`. Each problem goes into `problems`, naming
 * the entry; keys themselves never appear.
 */
export function parseServiceKeys(raw: string, problems: string[]): ServiceKey[] {
  if (raw.trim() === '') return [];
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    problems.push('API_KEYS must be a JSON array of { name, sha256, rooms, as }');
    return [];
  }
  if (!Array.isArray(entries)) {
    problems.push('API_KEYS must be a JSON array of { name, sha256, rooms, as }');
    return [];
  }
  const keys: ServiceKey[] = [];
  entries.forEach((entry: Record<string, unknown>, index) => {
    const where = `API_KEYS entry ${index + 1}`;
    const name = typeof entry?.['name'] === 'string' ? normalizeName(entry['name']) : '';
    const sha256 = typeof entry?.['sha256'] === 'string' ? entry['sha256'].toLowerCase() : '';
    const rooms = entry?.['rooms'];
    const as = entry?.['as'] ?? 'bot';
    const roles = entry?.['roles'] ?? [];
    const nameProblem = displayNameProblem(name);
    if (nameProblem) problems.push(`${where}: name ${nameProblem}`);
    if (!/^[0-9a-f]{64}$/.test(sha256)) problems.push(`${where}: sha256 must be the 64 hex digits of the key's SHA-256`);
    const roomList = rooms === '*' ? '*' : Array.isArray(rooms) && rooms.every(isRoomName) && rooms.length > 0 ? (rooms as string[]) : null;
    if (roomList === null) problems.push(`${where}: rooms must be "*" or a non-empty list of room names`);
    if (as !== 'bot' && as !== 'system') problems.push(`${where}: as must be "bot" or "system"`);
    const roleList =
      Array.isArray(roles) && roles.every((role) => typeof role === 'string' && /^[a-z][a-z0-9-]{0,31}$/.test(role)) ? roles : null;
    if (roleList === null) problems.push(`${where}: roles must be a list of role names such as "moderator"`);
    if (keys.some((key) => key.sha256 === sha256)) problems.push(`${where}: the same key is configured twice`);
    keys.push({ name, sha256, rooms: roomList ?? [], as: as as 'bot' | 'system', roles: (roleList as string[] | null) ?? [] });
  });
  return keys;
}
