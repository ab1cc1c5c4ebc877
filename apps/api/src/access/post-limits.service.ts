import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HttpError } from '../errors/http-error';
import { RateLimiter } from './rate-limiter';

/** RATE_LIMIT_POSTS posts per RATE_LIMIT_WINDOW_MS, per client IP and per author; 0 turns it off. */
@Injectable()
export class PostLimits {
  private readonly limiter: RateLimiter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.limiter = config.rateLimitPosts > 0 ? new RateLimiter(config.rateLimitPosts, config.rateLimitWindowMs) : null;
  }

  /** Counts a post from `ip`; refuses with 429 and Retry-After past the limit. */
  checkIp(ip: string): void {
    this.check(`ip:${ip}`, 'from your address');
  }

  /** Counts a post by `author`; refuses with 429 and Retry-After past the limit. */
  checkAuthor(author: string): void {
    this.check(`author:${author}`, `by "${author}"`);
  }

  private check(key: string, who: string): void {
    const waitMs = this.limiter?.hit(key) ?? 0;
    if (waitMs === 0) return;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new HttpError(
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many posts ${who}: at most ${this.config.rateLimitPosts} every ` +
        `${this.config.rateLimitWindowMs / 1000} s. Try again in ${seconds} s.`,
      { 'Retry-After': String(seconds) },
    );
  }
}
