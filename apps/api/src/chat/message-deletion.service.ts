import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { MODERATOR_ROLE, type MessageDeleted } from '@herald/contracts';
import type { Identity } from '../access/identity';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HttpError } from '../errors/http-error';
import { HubService } from '../hub/hub.service';
import { Moderation } from '../moderation/moderation.service';
import { messageNotHeld } from './message-not-held';
import { spellDuration } from './spell-duration';

/**
 * Who may delete a message, and the deletion: its author (the verified author id the message carries) within
 * MESSAGE_DELETE_WINDOW_S of posting it, a moderator at any time. A moderator's deletion of someone else's
 * message is a moderation action, in the audit trail; an author's own is only logged.
 */
@Injectable()
export class MessageDeletion {
  private readonly logger = new Logger('MessageDeletion');

  constructor(
    private readonly hub: HubService,
    private readonly moderation: Moderation,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async delete(room: string, id: string, actor: Identity, now = Date.now()): Promise<MessageDeleted> {
    const message = await this.hub.message(room, id);
    if (!message) throw messageNotHeld(room, id);
    const own = message.authorId !== undefined && message.authorId === actor.authorId;
    const moderator = actor.roles?.has(MODERATOR_ROLE) === true;
    if (!own && !moderator) throw new HttpError(HttpStatus.FORBIDDEN, 'only its author or a moderator may delete this message');
    if (own && !moderator) this.checkWindow(Date.parse(message.sentAt), now);
    const deleted = await this.hub.remove(room, id, own ? 'author' : 'moderator');
    // Deleted meanwhile, by someone else.
    if (!deleted) throw messageNotHeld(room, id);
    if (own) this.logger.log({ deleted }, `${actor.name} (${actor.authorId}) deleted their message ${id} in room "${room}"`);
    else await this.moderation.deleted(actor, message);
    return deleted;
  }

  private checkWindow(sentAt: number, now: number): void {
    const windowS = this.config.messageDeleteWindowS;
    if (windowS === 0) throw new HttpError(HttpStatus.FORBIDDEN, 'on this server only moderators delete messages');
    if (now > sentAt + windowS * 1000) {
      throw new HttpError(
        HttpStatus.FORBIDDEN,
        `an author may delete a message for ${spellDuration(windowS)} after posting it; ask a moderator`,
      );
    }
  }
}
