import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HttpError } from '../errors/http-error';
import { RateLimiter } from './rate-limiter';

/**
 * RATE_LIMIT_POSTS posts per RATE_LIMIT_WINDOW_MS, per client IP and per verified author, and a small allowance of
 * its own for opening new rooms, RATE_LIMIT_NEW_ROOMS per RATE_LIMIT_NEW_ROOMS_WINDOW_MS per client IP,
 * so that no one can take every MAX_ROOMS slot; 0 turns a limit off.
 */
@Injectable()
export class PostLimits {
  private readonly limiter: RateLimiter | null;
  private readonly newRooms: RateLimiter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.limiter = config.rateLimitPosts > 0 ? new RateLimiter(config.rateLimitPosts, config.rateLimitWindowMs) : null;
    this.newRooms = config.rateLimitNewRooms > 0 ? new RateLimiter(config.rateLimitNewRooms, config.rateLimitNewRoomsWindowMs) : null;
  }

  /** Counts a new room opened from `ip`; refuses with 429 and Retry-After past the allowance. */
  checkNewRoom(ip: string): void {
    const waitMs = this.newRooms?.hit(ip) ?? 0;
    if (waitMs === 0) return;
    const seconds = retryAfterSeconds(waitMs);
    throw new HttpError(
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many new rooms from your address: at most ${this.config.rateLimitNewRooms} every ` +
        `${describeWindow(this.config.rateLimitNewRoomsWindowMs)}. Post to an existing room, or try again in ${seconds} s.`,
      { 'Retry-After': String(seconds) },
    );
  }

  /** Counts a post from `ip`; refuses with 429 and Retry-After past the limit. */
  checkIp(ip: string): void {
    this.check(`ip:${ip}`, 'from your address');
  }

  /** Counts a stream ticket asked for from `ip`, on an allowance of its own as large as the post limit. */
  checkTicket(ip: string): void {
    this.check(`ticket:${ip}`, 'stream tickets from your address', 'Too many');
  }

  /** Counts a guest session asked for from `ip`, on an allowance of its own as large as the post limit. */
  checkSession(ip: string): void {
    this.check(`session:${ip}`, 'guest sessions from your address', 'Too many');
  }

  /**
   * Counts a post by the verified author `authorId`, named `name` in the refusal; refuses with 429 and
   * Retry-After past the limit. Keyed by identity, never by name: a name anyone may type would let anyone
   * use up another person's allowance.
   */
  checkAuthor(authorId: string, name: string): void {
    this.check(`author:${authorId}`, `by "${name}"`);
  }

  private check(key: string, who: string, what = 'Too many posts'): void {
    const waitMs = this.limiter?.hit(key) ?? 0;
    if (waitMs === 0) return;
    const seconds = retryAfterSeconds(waitMs);
    throw new HttpError(
      HttpStatus.TOO_MANY_REQUESTS,
      `${what} ${who}: at most ${this.config.rateLimitPosts} every ` +
        `${this.config.rateLimitWindowMs / 1000} s. Try again in ${seconds} s.`,
      { 'Retry-After': String(seconds) },
    );
  }
}

function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** A window as a person says it: "10 s", "10 min", "1 h". */
function describeWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
