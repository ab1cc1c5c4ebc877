import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ChatApi, ChatApiError, ChatStream } from '@herald/chat-client';
import { DEFAULT_ROOM } from '@herald/contracts';
import { ComposerComponent } from '../composer/composer.component';
import { ConnectionStatusComponent } from '../connection-status/connection-status.component';
import { DisplayNameStore } from '../display-name.store';
import { MessageListComponent } from '../message-list/message-list.component';
import { NameFormComponent } from '../name-form/name-form.component';

/** The lobby: wires the live feed and the API to the presentational pieces. */
@Component({
  selector: 'herald-chat-page',
  imports: [ComposerComponent, ConnectionStatusComponent, MessageListComponent, NameFormComponent],
  providers: [ChatStream],
  templateUrl: './chat-page.component.html',
  styleUrl: './chat-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatPageComponent {
  private readonly stream = inject(ChatStream);
  private readonly api = inject(ChatApi);
  private readonly displayName = inject(DisplayNameStore);

  protected readonly room = DEFAULT_ROOM;
  protected readonly messages = this.stream.messages;
  protected readonly status = this.stream.status;
  protected readonly name = this.displayName.name;
  protected readonly editingName = signal(false);
  protected readonly askName = computed(() => this.name() === null || this.editingName());

  protected readonly draft = signal('');
  protected readonly sending = signal(false);
  protected readonly sendError = signal<string | null>(null);

  constructor() {
    this.stream.connect(this.room);
  }

  protected setName(name: string): void {
    this.displayName.set(name);
    this.editingName.set(false);
  }

  protected editDraft(text: string): void {
    this.draft.set(text);
    this.sendError.set(null);
  }

  protected async send(text: string): Promise<void> {
    const author = this.name();
    if (author === null) return;
    this.sending.set(true);
    this.sendError.set(null);
    try {
      await this.api.post(this.room, { author, text });
      // Keep anything typed while the post was in flight.
      if (this.draft().trim() === text) this.draft.set('');
    } catch (error) {
      this.sendError.set(error instanceof ChatApiError ? error.message : 'The message could not be sent. Try again.');
    } finally {
      this.sending.set(false);
    }
  }
}
