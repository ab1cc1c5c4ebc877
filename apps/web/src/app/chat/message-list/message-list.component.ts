import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterNextRender,
  afterRenderEffect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { ChatMessage } from '@herald/contracts';

/** How close to the bottom (px) still counts as "reading the newest messages". */
const BOTTOM_SLACK = 48;

/**
 * The room's messages, newest at the bottom. Follows new messages while the reader is at the bottom;
 * once they scroll up it stays put and offers a "New messages" button instead.
 */
@Component({
  selector: 'herald-message-list',
  imports: [DatePipe],
  templateUrl: './message-list.component.html',
  styleUrl: './message-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageListComponent {
  readonly messages = input.required<readonly ChatMessage[]>();
  /** The reader's display name: their messages are set apart. */
  readonly ownAuthor = input<string | null>(null);

  protected readonly unseen = signal(false);
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private following = true;
  private renderedIds = new Set<string>();

  constructor() {
    afterRenderEffect(() => {
      const messages = this.messages();
      const own = untracked(this.ownAuthor);
      const added = messages.filter((m) => !this.renderedIds.has(m.id));
      this.renderedIds = new Set(messages.map((m) => m.id));
      if (added.length === 0) return;
      // The reader's own message always brings them down: they just sent it and expect to see it.
      if (this.following || added.some((m) => m.author === own)) this.scrollToEnd();
      else this.unseen.set(true);
    });

    // The list shrinks when the composer grows (a second line, an error): keep the newest message in view.
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => {
        if (this.following) this.scrollToEnd();
      });
      observer.observe(this.scroller().nativeElement);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected onScroll(): void {
    const el = this.scroller().nativeElement;
    this.following = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    if (this.following) this.unseen.set(false);
  }

  protected scrollToEnd(): void {
    const el = this.scroller().nativeElement;
    el.scrollTop = el.scrollHeight;
    this.following = true;
    this.unseen.set(false);
  }
}
