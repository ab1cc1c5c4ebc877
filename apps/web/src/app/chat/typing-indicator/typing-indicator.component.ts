import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { typingText } from '../typing-text';

/**
 * Who else is typing, on one line below the messages. A polite live region whose text changes only when who types
 * changes (not each time they go on typing), so screen readers hear it once; an empty line says nothing. The line
 * keeps its height when empty, so the messages do not jump.
 */
@Component({
  selector: 'herald-typing-indicator',
  template: `<p class="typing" aria-live="polite" aria-atomic="true" data-testid="typing">{{ text() }}</p>`,
  styles: `
    .typing {
      min-height: 1.25rem;
      margin: 0;
      padding: 0 1rem;
      font-size: 0.8125rem;
      line-height: 1.25rem;
      font-style: italic;
      color: var(--muted);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TypingIndicatorComponent {
  /** The people typing now, in the order they started. */
  readonly typists = input.required<readonly { name: string }[]>();

  protected readonly text = computed(() => typingText(this.typists()));
}
