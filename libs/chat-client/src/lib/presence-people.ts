import type { PresencePerson, PresenceUpdate } from '@herald/contracts';

/**
 * A presence update with its `people`: as sent, or, from a server (or a tab) of a release before people had
 * identities, one unverified person per name online.
 */
export function withPeople(update: Omit<PresenceUpdate, 'people'> & { people?: PresencePerson[] }): PresenceUpdate {
  return { ...update, people: update.people ?? update.online.map((name) => ({ name })) };
}
