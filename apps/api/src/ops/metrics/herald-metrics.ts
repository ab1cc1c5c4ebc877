import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { ModerationActionKind } from '@herald/contracts';
import { HubMetrics } from '../../hub/hub-metrics';
import type { ModerationMetrics } from '../../moderation/moderation-metrics';
import { REJECTION_REASONS, RejectionReason } from './rejection-reason';

/** The `room` label of every private room's streams; not a room name (those have no parentheses). */
export const PRIVATE_ROOMS_LABEL = '(private)';

/**
 * Herald's Prometheus metrics, in a registry of its own (not prom-client's global one, so two apps in
 * one process, as in tests, never clash). It is the hub's {@link HubMetrics}; values that other parts
 * already hold (open streams per room, slow-consumer disconnects) are read from them at scrape time.
 */
@Injectable()
export class HeraldMetrics implements HubMetrics, ModerationMetrics {
  readonly registry = new Registry();

  private readonly accepted = new Counter({
    name: 'herald_messages_accepted_total',
    help: 'Messages stored and answered 202.',
    registers: [this.registry],
  });
  private readonly rejected = new Counter({
    name: 'herald_messages_rejected_total',
    help: 'Posts refused, by reason.',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly delivered = new Counter({
    name: 'herald_events_delivered_total',
    help: 'Live frames handed to stream clients (frames x subscribers; replays and heartbeats not included).',
    registers: [this.registry],
  });
  private readonly replays = new Counter({
    name: 'herald_stream_replays_total',
    help: 'Streams opened with a Last-Event-ID, which start with a replay of what they missed.',
    registers: [this.registry],
  });
  private readonly storeErrors = new Counter({
    name: 'herald_transport_errors_total',
    help: 'Errors reported by the message store connections (Redis).',
    registers: [this.registry],
  });

  private readonly dropped = new Counter({
    name: 'herald_rooms_dropped_total',
    help: 'Rooms dropped because they had no messages left and no open streams, giving their MAX_ROOMS slot back.',
    registers: [this.registry],
  });

  private readonly moderation = new Counter({
    name: 'herald_moderation_actions_total',
    help: 'Moderation actions taken on this instance, by action (ban, unban, kick).',
    labelNames: ['action'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Every reason shows from the start, at 0, so a rate over it is defined before the first refusal.
    for (const reason of REJECTION_REASONS) this.rejected.labels(reason).inc(0);
    for (const action of ['ban', 'unban', 'kick', 'delete'] satisfies ModerationActionKind[]) this.moderation.labels(action).inc(0);
  }

  moderationAction(action: ModerationActionKind): void {
    this.moderation.labels(action).inc();
  }

  messageAccepted(): void {
    this.accepted.inc();
  }

  eventsDelivered(count: number): void {
    this.delivered.inc(count);
  }

  streamResumed(): void {
    this.replays.inc();
  }

  storeError(): void {
    this.storeErrors.inc();
  }

  roomsDropped(count: number): void {
    this.dropped.inc(count);
  }

  messageRejected(reason: RejectionReason): void {
    this.rejected.labels(reason).inc();
  }

  /**
   * Open streams per room, read from `source` at every scrape. Private rooms are summed under one label,
   * {@link PRIVATE_ROOMS_LABEL}: their names are not for whoever reads the metrics.
   */
  observeConnections(source: () => ReadonlyMap<string, number>, isPrivate: (room: string) => boolean): void {
    new Gauge({
      name: 'herald_stream_connections',
      help: 'Open event streams of this instance, per room (private rooms together, as room="(private)").',
      labelNames: ['room'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [room, count] of source()) this.labels(isPrivate(room) ? PRIVATE_ROOMS_LABEL : room).inc(count);
      },
    });
  }

  /** Slow-consumer disconnects, read from `source` (a running total) at every scrape. */
  observeSlowConsumers(source: () => number): void {
    new Counter({
      name: 'herald_slow_consumer_disconnects_total',
      help: 'Stream clients disconnected because they stopped reading (MAX_PENDING_BYTES).',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(source());
      },
    });
  }

  /** The text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
