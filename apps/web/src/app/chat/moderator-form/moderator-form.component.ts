import { ChangeDetectionStrategy, Component, type ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { ChatApiError } from '@herald/chat-client';
import { ModeratorStore } from '../moderator.store';

/**
 * The moderator sign-in of this tab, at the foot of the side panel: "Moderate" opens a field for a moderator key
 * (an API key with the moderator role, or such a token), which the server checks; signed in, it says as whom, with
 * a way to sign out. The web app has no sign-in of its own, so this is the one way in.
 */
@Component({
  selector: 'herald-moderator-form',
  templateUrl: './moderator-form.component.html',
  styleUrl: './moderator-form.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModeratorFormComponent {
  private readonly store = inject(ModeratorStore);
  private readonly injector = inject(Injector);
  private readonly field = viewChild<ElementRef<HTMLInputElement>>('field');
  private readonly toggle = viewChild<ElementRef<HTMLButtonElement>>('toggle');
  private readonly signedIn = viewChild<ElementRef<HTMLElement>>('signedIn');

  protected readonly moderator = this.store.moderator;
  protected readonly open = signal(false);
  protected readonly key = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected show(): void {
    this.open.set(true);
    this.after(() => this.field()?.nativeElement.focus());
  }

  protected cancel(): void {
    this.reset();
    this.after(() => this.toggle()?.nativeElement.focus());
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.key().trim() === '' || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.store.signIn(this.key());
      this.reset();
      // The form is gone: the line that replaces it takes the focus, so it is read out.
      this.after(() => this.signedIn()?.nativeElement.focus());
    } catch (error) {
      this.problem.set(refusal(error));
      this.after(() => this.field()?.nativeElement.select());
    } finally {
      this.busy.set(false);
    }
  }

  protected signOut(): void {
    this.store.signOut();
    this.after(() => this.toggle()?.nativeElement.focus());
  }

  private reset(): void {
    this.open.set(false);
    this.key.set('');
    this.problem.set(null);
  }

  private after(step: () => void): void {
    afterNextRender(step, { injector: this.injector });
  }
}

/** Why a key was not taken, in words that say what to do. */
function refusal(error: unknown): string {
  if (!(error instanceof ChatApiError)) return 'The key could not be checked. Try again.';
  if (error.status === 401) return 'That key is not valid. Check it and try again.';
  if (error.status === 403) return 'That key is valid but not a moderator’s.';
  if (error.status === 404) return 'This server has no moderation.';
  return error.message;
}
