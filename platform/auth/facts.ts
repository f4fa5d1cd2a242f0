import type { KeyObject } from 'node:crypto';
import { withinBatchWindow } from '../database/batch-window';
import type { SubgraphName } from '../partners';
import { CLOCK_TOLERANCE_SECONDS } from './internal-token';
import { loadJose } from './jose';

/**
 * Access facts that cross subgraphs — psad's attestation of a person, a partner's report of who
 * follows them — travel in `_entities` representations, which anyone on the internal network can
 * write. So each is a compact JWS signed by the subgraph that owns it (its own Ed25519 key), about
 * one person (`sub`: the hub id), for one request (`rid`: the gateway's request id), for half a
 * minute; the subgraph that decides checks it with the owner's public key and treats anything
 * else as no fact at all, which refuses.
 */
export const FACT_ALGORITHM = 'EdDSA';
export const FACT_TTL_SECONDS = 30;
const FACT_TYPE = 'hub-fact+jwt';

export type FactKind = 'access-subject' | 'followers';

/** A subgraph's fact keys: its own signing key, and the public keys of the subgraphs whose facts it reads. */
export interface FactKeys {
  issuer: SubgraphName;
  privateKey: KeyObject;
  publicKeys: Partial<Record<SubgraphName, KeyObject>>;
}

/** What a fact says, besides whom and which request it is about. */
export type FactClaims = Record<string, unknown>;

/** Signs one fact about `youngId` for the request `requestId`. */
export async function signFact(
  keys: Pick<FactKeys, 'issuer' | 'privateKey'>,
  kind: FactKind,
  youngId: string,
  requestId: string,
  claims: FactClaims,
): Promise<string> {
  const { SignJWT } = await loadJose();
  return new SignJWT({ ...claims, kind, rid: requestId })
    .setProtectedHeader({ alg: FACT_ALGORITHM, typ: FACT_TYPE })
    .setIssuer(keys.issuer)
    .setSubject(youngId.toLowerCase())
    .setIssuedAt()
    .setExpirationTime(`${FACT_TTL_SECONDS}s`)
    .sign(keys.privateKey);
}

/**
 * What a fact says, read without checking its signature: only to skip a fact that could not matter
 * (the gateway, which holds no fact key, passes on the reports that name the caller's organisation).
 * Never a ground for a decision: the subgraph that decides checks every fact it uses.
 */
export function readFactUnchecked(fact: string): FactClaims | null {
  try {
    const claims: unknown = JSON.parse(Buffer.from(fact.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as FactClaims) : null;
  } catch {
    return null;
  }
}

/**
 * The facts of one request in one subgraph: each signed once per person (a page names the same
 * person to several fields), each token checked once.
 */
export class RequestFacts {
  private readonly signed = new Map<string, Promise<string | null>>();
  private readonly checked = new Map<string, Promise<FactClaims | null>>();

  constructor(
    private readonly keys: FactKeys,
    readonly requestId: string,
    /** Told of each signature made or checked (the subgraph's metrics). */
    private readonly count: (operation: 'signed' | 'verified') => void = () => undefined,
  ) {}

  /**
   * This subgraph's fact of `kind` about `youngId`; `claims` is computed on first use only, and null
   * claims (a fact that could open nothing) are not signed: no fact at all.
   */
  sign(kind: FactKind, youngId: string, claims: () => Promise<FactClaims | null>): Promise<string | null> {
    const key = `${kind}|${youngId}`;
    let token = this.signed.get(key);
    if (!token) {
      token = claims().then((value) =>
        value === null
          ? null
          : withinBatchWindow(() => {
              this.count('signed');
              return signFact(this.keys, kind, youngId, this.requestId, value);
            }),
      );
      this.signed.set(key, token);
    }
    return token;
  }

  /**
   * The claims of `token` if `issuer` signed it as a fact of `kind` about `youngId` for this request and
   * it has not expired; null otherwise (a forged, moved, stale or absent fact is no fact).
   */
  verify(token: unknown, kind: FactKind, issuer: SubgraphName, youngId: string): Promise<FactClaims | null> {
    if (typeof token !== 'string') return Promise.resolve(null);
    const key = `${kind}|${issuer}|${youngId}|${token}`;
    let claims = this.checked.get(key);
    if (!claims) {
      // Checked within the request's batch window: loaders called after it batch with their level.
      claims = withinBatchWindow(() => this.check(token, kind, issuer, youngId));
      this.checked.set(key, claims);
    }
    return claims;
  }

  private async check(
    token: string,
    kind: FactKind,
    issuer: SubgraphName,
    youngId: string,
  ): Promise<FactClaims | null> {
    const publicKey = this.keys.publicKeys[issuer];
    if (!publicKey) return null;
    this.count('verified');
    const { jwtVerify } = await loadJose();
    try {
      const { payload } = await jwtVerify(token, publicKey, {
        algorithms: [FACT_ALGORITHM],
        typ: FACT_TYPE,
        issuer,
        subject: youngId.toLowerCase(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: FACT_TTL_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      return payload.kind === kind && payload.rid === this.requestId ? payload : null;
    } catch {
      return null;
    }
  }
}
