import { startTracing, tracingConfigured } from '../../platform/observability/tracing';
import { activeTraceId } from '../../platform/observability/trace-context';

describe('tracing', () => {
  it('is off unless an OTLP endpoint is configured', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(startTracing({ env: {} })).toBeNull();
  });

  it('gives no trace id outside a span, so that the gateway falls back to a random request id', () => {
    expect(activeTraceId()).toBeNull();
  });
});
