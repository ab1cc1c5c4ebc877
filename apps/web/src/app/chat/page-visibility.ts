import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';

/** Whether the tab is hidden (another tab in front, window minimised), as a signal. */
@Injectable({ providedIn: 'root' })
export class PageVisibility {
  private readonly document = inject(DOCUMENT);
  private readonly state = signal(this.document.visibilityState === 'hidden');
  readonly hidden = this.state.asReadonly();

  constructor() {
    const onChange = () => this.state.set(this.document.visibilityState === 'hidden');
    this.document.addEventListener('visibilitychange', onChange);
    inject(DestroyRef).onDestroy(() => this.document.removeEventListener('visibilitychange', onChange));
  }
}
