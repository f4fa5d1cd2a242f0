import { GatewayMetrics } from '../../gateway/metrics';
import { parsePrometheus, sumOf } from '../support/prometheus';

describe('the gateway’s metrics', () => {
  it('are valid Prometheus text, with bounded labels and the counts observed', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeRequest({ operation: 'query young', durationSeconds: 0.12, errorCodes: [] });
    metrics.observeRequest({
      operation: 'query young',
      durationSeconds: 0.3,
      errorCodes: ['PARTNER_UNAVAILABLE', 'FORBIDDEN'],
    });
    metrics.countPartnerFailure('cfa');
    metrics.observeSubgraphFetch('psad', 'ok', 0.05);
    metrics.observeSubgraphFetch('cfa', 'unavailable', 0.01);
    metrics.countRefusal('cost');
    metrics.countRefusal('rate_limit');
    metrics.setCircuitState('cfa', 'open');
    const samples = parsePrometheus(await metrics.render({ psad: true, cfa: false }));

    expect(sumOf(samples, 'hub_gateway_requests_total', { operation: 'query young' })).toBe(2);
    expect(sumOf(samples, 'hub_gateway_requests_with_errors_total')).toBe(1);
    expect(sumOf(samples, 'hub_gateway_request_duration_seconds_count', { operation: 'query young' })).toBe(
      2,
    );
    expect(
      sumOf(samples, 'hub_gateway_request_duration_seconds_bucket', { operation: 'query young', le: '0.25' }),
    ).toBe(1);
    expect(sumOf(samples, 'hub_gateway_errors_total', { code: 'FORBIDDEN' })).toBe(1);
    expect(sumOf(samples, 'hub_partner_unavailable_total', { subgraph: 'cfa' })).toBe(1);
    expect(sumOf(samples, 'hub_subgraph_fetch_duration_seconds_count', { subgraph: 'cfa' })).toBe(1);
    expect(sumOf(samples, 'hub_gateway_refusals_total', { reason: 'cost' })).toBe(1);
    expect(sumOf(samples, 'hub_subgraph_circuit_state', { subgraph: 'cfa' })).toBe(2);
    expect(sumOf(samples, 'hub_subgraph_up', { subgraph: 'cfa' })).toBe(0);
    expect(sumOf(samples, 'hub_subgraph_up', { subgraph: 'psad' })).toBe(1);
    expect(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('keep two gateways in one process apart', async () => {
    const one = new GatewayMetrics();
    const other = new GatewayMetrics();
    one.countPartnerFailure('e2c');
    expect(sumOf(parsePrometheus(await other.render({})), 'hub_partner_unavailable_total')).toBe(0);
  });
});

describe('the Prometheus parser of the tests', () => {
  it('refuses what is not Prometheus text', () => {
    expect(() => parsePrometheus('hub_x{a="1"} 1\n')).not.toThrow();
    expect(() => parsePrometheus('hub x 1\n')).toThrow();
    expect(() => parsePrometheus('hub_x{a=1} 1\n')).toThrow();
    expect(() => parsePrometheus('hub_x one\n')).toThrow();
    expect(() => parsePrometheus('# TYPE hub_x countr\n')).toThrow();
  });
});
