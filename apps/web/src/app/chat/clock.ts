import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/** How often relative times ("2 min ago") are brought up to date. */
const TICK_MS = 30_000;

/** The current time as a signal, ticking often enough for relative times. */
@Injectable({ providedIn: 'root' })
export class Clock {
  private readonly tick = signal(Date.now());
  readonly now = this.tick.asReadonly();

  constructor() {
    const timer = setInterval(() => this.tick.set(Date.now()), TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
