import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ChatMessage } from '@herald/contracts';
import type { Identity } from '../access/identity';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HttpError } from '../errors/http-error';
import { HubService } from '../hub/hub.service';
import { messageNotHeld } from './message-not-held';
import { spellDuration } from './spell-duration';

/**
 * Who may edit a message, and the edit: only its author (the verified author id the message carries), within
 * MESSAGE_EDIT_WINDOW_S of posting it. Moderators delete; they do not put words in anyone's mouth.
 */
@Injectable()
export class MessageEdits {
  constructor(
    private readonly hub: HubService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async edit(room: string, id: string, text: string, author: Identity, now = Date.now()): Promise<ChatMessage> {
    const message = await this.hub.message(room, id);
    if (!message) throw messageNotHeld(room, id);
    if (message.authorId === undefined || message.authorId !== author.authorId) {
      throw new HttpError(HttpStatus.FORBIDDEN, 'only its author may edit a message');
    }
    const windowS = this.config.messageEditWindowS;
    if (windowS === 0) throw new HttpError(HttpStatus.FORBIDDEN, 'this server does not let messages be edited');
    if (now > Date.parse(message.sentAt) + windowS * 1000) {
      throw new HttpError(HttpStatus.FORBIDDEN, `an author may edit a message for ${spellDuration(windowS)} after posting it`);
    }
    const edited = await this.hub.edit(room, id, text);
    // Deleted meanwhile.
    if (!edited) throw messageNotHeld(room, id);
    return edited;
  }
}
