import { createHash, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { callerFromClaims, type Caller } from './claims';
import { AuthenticationFailure, failureFromVerificationError } from './failures';
import { loadJose } from './jose';
import type { ReplayCache } from './replay-cache';

/**
 * The gateway → subgraph trust: for each subgraph fetch, the gateway signs the caller it
 * verified into a short-lived token meant for that subgraph only (audience = its name), for that
 * fetch only (`bsh`: the SHA-256 of the exact body sent; `jti`: an id used once) and naming the
 * gateway's request (`rid`). A subgraph accepts nothing else, so a request that did not come
 * through the gateway — or a token captured on the internal network and shown to another
 * subgraph, with another body, a second time, or after half a minute — gets no data.
 */
export const INTERNAL_TOKEN_HEADER = 'x-hub-caller';
export const INTERNAL_TOKEN_ISSUER = 'foquale-hub-gateway';
/** Signed right before its one fetch: the lifetime only has to cover the trip and the subgraph's queue. */
export const INTERNAL_TOKEN_TTL_SECONDS = 30;
const ALGORITHM = 'ES256';
/** Clocks of the gateway and subgraph hosts may drift a little; never more than this. */
export const CLOCK_TOLERANCE_SECONDS = 5;
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
  /** `Young.accessSubject` from psad, as psad signed it (platform/auth/facts.ts); null when psad knows no such person. */
  accessSubject: string | null;
  /**
   * `<prefix>Followers`, by field, of the partners asked (gateway/write-attestation.ts says which), as each
   * signed it.
   */
  reports: Record<string, string>;
}

/** Most people one mutation request may name: a form acts on one or two. */
export const MAX_ATTESTED_SUBJECTS = 20;

/** The body hash an internal token carries (`bsh`): SHA-256 of the raw bytes, base64url. */
export function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** Signs the internal token of one fetch of `body` to `subgraph`; a token serves that fetch only. */
export async function signInternalToken(
  identity: InternalIdentity,
  subgraph: string,
  privateKey: KeyObject,
  body: string,
): Promise<string> {
  const { SignJWT } = await loadJose();
  const { sub, role, org, territories, purpose } = identity.caller;
  return new SignJWT({
    role,
    org,
    territories,
    purpose,
    rid: identity.requestId,
    bsh: bodyHash(body),
    ...(identity.subjects ? { subjects: identity.subjects } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(subgraph)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TOKEN_TTL_SECONDS}s`)
    .sign(privateKey);
}

/**
 * Checks an internal token for this subgraph and the raw `body` it came with, then spends its id in
 * `replays`; throws an AuthenticationFailure saying why it is refused. The cheap, state-free checks
 * come first, and the id is spent only by a token that passed them all.
 */
export async function verifyInternalToken(
  token: string,
  subgraph: string,
  publicKey: KeyObject,
  body: string | Uint8Array,
  replays?: ReplayCache,
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
    const identity: InternalIdentity = {
      caller: callerFromClaims(payload),
      requestId: stringClaim(payload.rid, 'rid'),
    };
    const subjects = subjectsFrom(payload.subjects);
    if (subjects) identity.subjects = subjects;
    if (!sameHash(payload.bsh, bodyHash(body)))
      throw new AuthenticationFailure('BODY_MISMATCH', 'The internal token was signed for another request.');
    if (replays) spend(replays, stringClaim(payload.jti, 'jti'), payload.iat!);
    return identity;
  } catch (error) {
    throw failureFromVerificationError(error);
  }
}

/** A token is accepted up to its lifetime (and the clock tolerance) after it was issued: its id is kept as long. */
function spend(replays: ReplayCache, tokenId: string, issuedAt: number): void {
  const expiresAt = (issuedAt + INTERNAL_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000;
  const verdict = replays.claim(tokenId, expiresAt);
  if (verdict === 'REPLAYED')
    throw new AuthenticationFailure('REPLAYED', 'This internal token was already used.');
  if (verdict === 'FULL')
    throw new AuthenticationFailure(
      'KEYS_UNAVAILABLE',
      'Tokens cannot be verified right now; try again later.',
    );
}

function sameHash(claimed: unknown, actual: string): boolean {
  if (typeof claimed !== 'string') return false;
  const [a, b] = [Buffer.from(claimed), Buffer.from(actual)];
  return a.length === b.length && timingSafeEqual(a, b);
}

function stringClaim(value: unknown, claim: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REQUEST_ID_LENGTH)
    throw new AuthenticationFailure(
      'INVALID_CLAIMS',
      `Invalid token: claim "${claim}" is missing or invalid.`,
    );
  return value;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isAttestation(value: unknown): value is WriteAttestation {
  return (
    isObject(value) &&
    (value.accessSubject === null || typeof value.accessSubject === 'string') &&
    isObject(value.reports) &&
    Object.values(value.reports).every((report) => typeof report === 'string')
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
