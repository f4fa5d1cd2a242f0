import type { Caller } from '../platform/auth/claims';
import type { WriteAttestation } from '../platform/auth/internal-token';
import type { SubgraphClient } from './subgraph-client';

/**
 * What the gateway knows about one incoming request: the verified caller, and what data sources
 * need to vouch for that caller to each subgraph.
 */
export interface GatewayContext {
  requestId: string;
  /** Verified from the `Authorization: Bearer` token (gateway/authentication.ts). */
  caller: Caller;
  /**
   * The internal token of one fetch of this request: for one subgraph and the exact body sent, used once
   * (platform/auth/internal-token.ts).
   */
  internalToken(subgraph: string, body: string): Promise<string>;
  /**
   * Adds psad's attestations of the people a mutation names to the internal tokens signed from now on
   * (gateway/write-attestation.ts).
   */
  attestSubjects(subjects: Record<string, WriteAttestation>): void;
  /** Called when a partner could not be reached, for logs and metrics. */
  onPartnerFailure?: (subgraph: string, error: unknown) => void;
  /** How each subgraph is called, by name (gateway/subgraph-client.ts); absent: the global fetch. */
  subgraphClients?: ReadonlyMap<string, SubgraphClient>;
}
