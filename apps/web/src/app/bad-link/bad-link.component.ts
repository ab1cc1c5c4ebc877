import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { DEFAULT_ROOM } from '@herald/contracts';
import { describeBadLink } from '../room-link';

/**
 * The page for a link that leads to no room (`/r/My_Room`, a name too long, `/nonsense`): what was wrong with
 * it and the room it most likely meant, instead of quietly showing another room.
 */
@Component({
  selector: 'herald-bad-link',
  imports: [RouterLink],
  templateUrl: './bad-link.component.html',
  styleUrl: './bad-link.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BadLinkComponent {
  private readonly url = toSignal(inject(ActivatedRoute).url, { requireSync: true });
  protected readonly link = computed(() => describeBadLink(this.url().map((segment) => segment.path)));
  protected readonly lobby = DEFAULT_ROOM;
}
