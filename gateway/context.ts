/**
 * What the gateway knows about one incoming request. The access-control layer extends it with
 * the verified caller; data sources read it to forward identity and the request id.
 */
export interface GatewayContext {
  requestId: string;
  /** Called when a partner could not be reached, for logs and metrics. */
  onPartnerFailure?: (subgraph: string, error: unknown) => void;
}
