/** "Ada joined" / "Ada left", as seen in the room's timeline. */
export interface PresenceNotice {
  /** Unique within the stream, for tracking in lists. */
  key: number;
  name: string;
  change: 'joined' | 'left';
  /** ISO 8601 time at which this client heard of it. */
  at: string;
  /** Id of the newest message known when it happened (null in an empty room): the notice goes after it. */
  afterId: string | null;
}
