import type { ModerationActionKind } from '@herald/contracts';

/** What moderation reports for monitoring; the ops module implements it (moderation knows no metrics library). */
export interface ModerationMetrics {
  moderationAction(action: ModerationActionKind): void;
}

/** Injection token of the {@link ModerationMetrics}. */
export const MODERATION_METRICS = Symbol('MODERATION_METRICS');
