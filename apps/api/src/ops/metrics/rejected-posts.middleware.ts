import type { NextFunction, Request, Response } from 'express';
import { HeraldMetrics } from './herald-metrics';
import { rejectionReason } from './rejection-reason';

/** The routes that post a message: `/api/messages` (the lobby) and `/api/rooms/:room/messages`. */
const POST_MESSAGE_PATH = /^\/api\/(?:rooms\/[^/]+\/)?messages\/?$/;

/**
 * Counts refused posts by reason once their answer is sent. Mounted before the body parser, so the
 * refusals it answers itself (413, 415, malformed JSON) are counted like those of the routes.
 */
export function countRejectedPosts(metrics: HeraldMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method === 'POST' && POST_MESSAGE_PATH.test(request.path)) {
      response.once('finish', () => {
        if (response.statusCode >= 400) metrics.messageRejected(rejectionReason(response.statusCode, request.body));
      });
    }
    next();
  };
}
