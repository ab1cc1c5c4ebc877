import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PresencePerson } from '@herald/contracts';
import { type Reader, isReader } from '@herald/chat-client';

/** One line of the list. */
interface PersonLine {
  key: string;
  name: string;
  /** Tells namesakes apart: a short piece of the author id, or "unverified"; null when the name is unique here. */
  tag: string | null;
  you: boolean;
}

/**
 * Who is in the room now, one line per person: two people who chose the same name are two lines, each with a
 * short tag from its author id (or "unverified" for a name no session vouches for). Greyed, and saying so,
 * while the live feed is down and the list may be out of date.
 */
@Component({
  selector: 'herald-presence-list',
  templateUrl: './presence-list.component.html',
  styleUrl: './presence-list.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PresenceListComponent {
  /** The people online, or null until the server has said. */
  readonly people = input.required<readonly PresencePerson[] | null>();
  /** The reader, marked "(you)" (by author id, see {@link isReader}). */
  readonly reader = input<Reader | null>(null);
  /** True while the feed is not live: the names are the last ones the server sent. */
  readonly stale = input(false);

  protected readonly lines = computed<PersonLine[] | null>(() => {
    const people = this.people();
    if (people === null) return null;
    const reader = this.reader();
    const count = new Map<string, number>();
    for (const { name } of people) count.set(name, (count.get(name) ?? 0) + 1);
    return people.map((person) => ({
      key: person.authorId === undefined ? `name:${person.name}` : `id:${person.authorId}`,
      name: person.name,
      tag: (count.get(person.name) ?? 0) < 2 ? null : person.authorId === undefined ? 'unverified' : `#${person.authorId.slice(0, 4)}`,
      you: isReader(person, reader),
    }));
  });

  /** The first character of a name for its avatar: a whole code point, not half of one. */
  protected initial(name: string): string {
    return String.fromCodePoint(name.codePointAt(0) ?? 0x20).toUpperCase();
  }
}
