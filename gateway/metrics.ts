/** A few Prometheus counters, kept in memory; enough for `GET /metrics` without another dependency. */
export class GatewayMetrics {
  private requests = 0;
  private errors = 0;
  private readonly partnerFailures = new Map<string, number>();
  private readonly startedAt = Date.now();

  countRequest(hadErrors: boolean): void {
    this.requests += 1;
    if (hadErrors) this.errors += 1;
  }

  countPartnerFailure(subgraph: string): void {
    this.partnerFailures.set(subgraph, (this.partnerFailures.get(subgraph) ?? 0) + 1);
  }

  render(subgraphUp: Record<string, boolean>): string {
    const lines = [
      '# HELP hub_gateway_requests_total GraphQL requests served by the gateway.',
      '# TYPE hub_gateway_requests_total counter',
      `hub_gateway_requests_total ${this.requests}`,
      '# HELP hub_gateway_requests_with_errors_total GraphQL requests whose answer carried errors.',
      '# TYPE hub_gateway_requests_with_errors_total counter',
      `hub_gateway_requests_with_errors_total ${this.errors}`,
      '# HELP hub_partner_unavailable_total Subgraph fetches that failed because the partner could not be reached.',
      '# TYPE hub_partner_unavailable_total counter',
      ...[...this.partnerFailures].map(
        ([subgraph, count]) => `hub_partner_unavailable_total{subgraph="${subgraph}"} ${count}`,
      ),
      '# HELP hub_subgraph_up Whether the subgraph answered its health check (1) or not (0).',
      '# TYPE hub_subgraph_up gauge',
      ...Object.entries(subgraphUp).map(
        ([subgraph, up]) => `hub_subgraph_up{subgraph="${subgraph}"} ${up ? 1 : 0}`,
      ),
      '# HELP hub_gateway_uptime_seconds Seconds since the gateway started.',
      '# TYPE hub_gateway_uptime_seconds gauge',
      `hub_gateway_uptime_seconds ${Math.round((Date.now() - this.startedAt) / 1000)}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
