import type { KeyObject } from 'node:crypto';
import { callerFromClaims, type Caller } from './claims';
import { AuthenticationFailure, failureFromVerificationError } from './failures';
import { loadJose } from './jose';

/**
 * The gateway → subgraph trust: for each subgraph fetch, the gateway signs the caller it
 * verified into a short-lived token meant for that subgraph only (audience = its name) and bound
 * to the request (jti = the gateway's request id). A subgraph accepts nothing else, so a request
 * that did not come through the gateway — or a token stolen from one subgraph and shown to
 * another, or replayed after a minute — gets no data.
 */
export const INTERNAL_TOKEN_HEADER = 'x-hub-caller';
export const INTERNAL_TOKEN_ISSUER = 'foquale-hub-gateway';
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
const ALGORITHM = 'ES256';
/** Clocks of the gateway and subgraph hosts may drift a little; never more than this. */
const CLOCK_TOLERANCE_SECONDS = 5;
const MAX_REQUEST_ID_LENGTH = 100;

export interface InternalIdentity {
  caller: Caller;
  /** The gateway's request id, so that every subgraph's trail names the same request. */
  requestId: string;
  /**
   * For a mutation: what the gateway gathered about each person the mutation names, by hub id
   * (gateway/write-attestation.ts), so that a partner decides a write on the same facts as a
   * read, without holding them.
   */
  subjects?: Record<string, WriteAttestation>;
}

/**
 * psad's attestation of one person and, where it can matter, the caller's institution's report of who follows
 * them.
 */
export interface WriteAttestation {
  /** `Young.accessSubject` from psad; null when psad knows no such person. */
  accessSubject: string | null;
  /** `<prefix>Followers`, by field, of the partners asked (gateway/write-attestation.ts says which). */
  reports: Record<string, string[]>;
}

/** Most people one mutation request may name: a form acts on one or two. */
export const MAX_ATTESTED_SUBJECTS = 20;

export async function signInternalToken(
  identity: InternalIdentity,
  subgraph: string,
  privateKey: KeyObject,
): Promise<string> {
  const { SignJWT } = await loadJose();
  const { sub, role, org, territories, purpose } = identity.caller;
  return new SignJWT({
    role,
    org,
    territories,
    purpose,
    ...(identity.subjects ? { subjects: identity.subjects } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(subgraph)
    .setJti(identity.requestId)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
    .sign(privateKey);
}

/** Checks an internal token for this subgraph; throws an AuthenticationFailure saying why it is refused. */
export async function verifyInternalToken(
  token: string,
  subgraph: string,
  publicKey: KeyObject,
): Promise<InternalIdentity> {
  const { jwtVerify } = await loadJose();
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [ALGORITHM],
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: subgraph,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: INTERNAL_TOKEN_TTL_SECONDS,
      requiredClaims: ['exp', 'iat', 'jti'],
    });
    const subjects = subjectsFrom(payload.subjects);
    return {
      caller: callerFromClaims(payload),
      requestId: requestIdFrom(payload.jti),
      ...(subjects ? { subjects } : {}),
    };
  } catch (error) {
    throw failureFromVerificationError(error);
  }
}

/**
 * One token per subgraph per request, signed on first use: a query plan may call the same
 * subgraph several times, and signing is the costly part.
 */
export function internalTokenCache(
  identity: InternalIdentity,
  privateKey: KeyObject,
): (subgraph: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (subgraph) => {
    let token = tokens.get(subgraph);
    if (!token) {
      token = signInternalToken(identity, subgraph, privateKey);
      tokens.set(subgraph, token);
    }
    return token;
  };
}

function requestIdFrom(jti: unknown): string {
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_REQUEST_ID_LENGTH) {
    throw new AuthenticationFailure('INVALID_CLAIMS', 'Invalid token: claim "jti" must be the request id.');
  }
  return jti;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isAttestation(value: unknown): value is WriteAttestation {
  return (
    isObject(value) &&
    (value.accessSubject === null || typeof value.accessSubject === 'string') &&
    isObject(value.reports) &&
    Object.values(value.reports).every(
      (codes) => Array.isArray(codes) && codes.every((code) => typeof code === 'string'),
    )
  );
}

function subjectsFrom(value: unknown): Record<string, WriteAttestation> | undefined {
  if (value === undefined) return undefined;
  const valid =
    isObject(value) &&
    Object.keys(value).length <= MAX_ATTESTED_SUBJECTS &&
    Object.values(value).every(isAttestation);
  if (!valid)
    throw new AuthenticationFailure(
      'INVALID_CLAIMS',
      'Invalid token: claim "subjects" must map hub ids to attestations.',
    );
  return value as Record<string, WriteAttestation>;
}
