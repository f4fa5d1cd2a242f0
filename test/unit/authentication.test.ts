import { generateKeyPairSync } from 'node:crypto';
import { bearerToken, createCallerVerifier } from '../../gateway/authentication';
import { InvalidClaimsError } from '../../platform/auth/claims';
import {
  AUTHENTICATION_FAILURE_REASONS,
  AuthenticationFailure,
  failureFromVerificationError,
} from '../../platform/auth/failures';
import { loadJose } from '../../platform/auth/jose';

describe('the Authorization header', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer   abc.def.ghi  ', 'abc.def.ghi'],
  ])('%j carries the token', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    [undefined, 'MISSING_TOKEN'],
    ['', 'MISSING_TOKEN'],
    ['   ', 'MISSING_TOKEN'],
    ['Basic dXNlcjpwYXNz', 'MALFORMED_TOKEN'],
    ['Bearer', 'MALFORMED_TOKEN'],
    ['Bearer a b', 'MALFORMED_TOKEN'],
    ['abc.def.ghi', 'MALFORMED_TOKEN'],
  ])('%j is refused as %s', (header, reason) => {
    expect(() => bearerToken(header)).toThrow(expect.objectContaining({ reason }));
  });
});

describe('verification errors', () => {
  it.each([
    [{ code: 'ERR_JWT_EXPIRED', claim: 'exp' }, 'EXPIRED', 401],
    [{ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'nbf' }, 'NOT_YET_VALID', 401],
    [{ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' }, 'WRONG_ISSUER', 401],
    [{ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' }, 'WRONG_AUDIENCE', 401],
    [{ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'exp' }, 'INVALID_CLAIMS', 401],
    [{ code: 'ERR_JOSE_ALG_NOT_ALLOWED' }, 'UNSUPPORTED_ALGORITHM', 401],
    [{ code: 'ERR_JOSE_NOT_SUPPORTED' }, 'UNSUPPORTED_ALGORITHM', 401],
    [{ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' }, 'INVALID_SIGNATURE', 401],
    [{ code: 'ERR_JWKS_NO_MATCHING_KEY' }, 'INVALID_SIGNATURE', 401],
    [{ code: 'ERR_JWS_INVALID' }, 'MALFORMED_TOKEN', 401],
    [{ code: 'ERR_JWT_INVALID' }, 'MALFORMED_TOKEN', 401],
    [new InvalidClaimsError('claim "role" must be one of …'), 'INVALID_CLAIMS', 401],
    [{ code: 'ERR_JWKS_TIMEOUT' }, 'KEYS_UNAVAILABLE', 503],
    [new TypeError('fetch failed'), 'KEYS_UNAVAILABLE', 503],
  ])('%j → %s (HTTP %i)', (error, reason, status) => {
    const failure = failureFromVerificationError(error);
    expect(failure).toBeInstanceOf(AuthenticationFailure);
    expect({ reason: failure.reason, status: failure.status }).toEqual({ reason, status });
    expect(AUTHENTICATION_FAILURE_REASONS).toContain(failure.reason);
  });
});

describe('the caller verifier', () => {
  const issuer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const verify = createCallerVerifier({
    keys: { publicKey: issuer.publicKey },
    issuer: 'idp',
    audience: 'hub',
    algorithms: ['ES256'],
  });
  const claims = { role: 'dpo', org: 'DPO-HUB', territories: ['38-GRE'], purpose: 'PILOTAGE_AGREGE' };

  it('returns the caller of a valid token', async () => {
    const { SignJWT } = await loadJose();
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('dpo-1')
      .setIssuer('idp')
      .setAudience('hub')
      .setExpirationTime('5m')
      .sign(issuer.privateKey);
    expect(await verify(token)).toEqual({ sub: 'dpo-1', ...claims });
  });

  it('refuses a token beyond the 5 s clock tolerance', async () => {
    const { SignJWT } = await loadJose();
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('dpo-1')
      .setIssuer('idp')
      .setAudience('hub')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(issuer.privateKey);
    await expect(verify(token)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });
});
