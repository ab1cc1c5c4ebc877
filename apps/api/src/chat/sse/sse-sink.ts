import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FrameBatch } from '../../hub/frame-batch';

/** Where a stream's live batches can be written directly, skipping the per-client Observable chain. */
export type SseSink = (batch: FrameBatch) => void;

const SINK = Symbol('heraldSseSink');
type RequestWithSink = { [SINK]?: SseSink };

/** Called by the frame writer before the handler runs. */
export function attachSseSink(request: object, sink: SseSink): void {
  (request as RequestWithSink)[SINK] = sink;
}

/**
 * The sink the frame writer attached to this request, if any. The handler still returns the hub's
 * Observable (which Nest subscribes and tears down); the sink only shortens the path each live batch takes
 * to the socket, which is the hot path of fan-out.
 */
export const DirectSink = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SseSink | undefined => context.switchToHttp().getRequest<RequestWithSink>()[SINK],
);
