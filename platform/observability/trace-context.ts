import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The trace id of the span in progress (32 hex digits), or null without tracing: the gateway makes it the
 * request id, so that the trail's `request_id` finds the trace.
 */
export function activeTraceId(): string | null {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : null;
}
