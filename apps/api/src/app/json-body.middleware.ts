import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { MAX_BODY_BYTES } from '@herald/contracts';
import { errorBody } from '../errors/api-exception.filter';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { plainJsonLength, readPlainJson } from './plain-json-body';

const parseJson = json({ limit: MAX_BODY_BYTES, strict: true });

type BodyFault = { status?: number; type?: string } | null | undefined;

/**
 * Parses JSON bodies up to 16 KiB and answers the body's own faults (too large, not JSON, wrong content
 * type) as API errors, before any route runs. Express's parser would otherwise answer them in HTML. A
 * request with no body at all passes straight on; a plain JSON post (its length given, not compressed,
 * UTF-8) is read here, and every other body by Express's parser, which knows every encoding and charset.
 */
export function jsonBody(request: Request, response: Response, next: NextFunction): void {
  const { headers } = request;
  if (headers['transfer-encoding'] === undefined && headers['content-length'] === undefined) return next();
  const hasBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
  const length = plainJsonLength(request, MAX_BODY_BYTES);
  if (length !== null) {
    readPlainJson(request, length, (err, body) => {
      if (!err) request.body = body;
      answerFaults(request, response, next, hasBody, err);
    });
    return;
  }
  if (hasBody && !request.is('application/json')) {
    response.status(415).json(errorBody(415, 'Send the body as JSON with "Content-Type: application/json".'));
    return;
  }
  parseJson(request, response, (err?: BodyFault) => answerFaults(request, response, next, hasBody, err));
}

function answerFaults(request: Request, response: Response, next: NextFunction, hasBody: boolean, err: BodyFault): void {
  if (!err && hasBody && (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body))) {
    err = { type: 'entity.parse.failed' };
  }
  if (!err && hasBody && nestsDeeperThan(request.body, MAX_JSON_DEPTH)) {
    response.status(400).json(errorBody(400, `The body nests deeper than ${MAX_JSON_DEPTH} levels; a message is one flat object.`));
    return;
  }
  if (!err) return next();
  if (err.type === 'entity.too.large') {
    response.status(413).json(errorBody(413, `The body is larger than ${MAX_BODY_BYTES} bytes; send a shorter message.`));
  } else if (err.type === 'entity.parse.failed') {
    response.status(400).json(errorBody(400, 'The body must be a JSON object, such as {"author":"Ada","text":"Hello"}.'));
  } else {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
    response.status(status).json(errorBody(status, 'The request body could not be read.'));
  }
}
