import { generateKeyPairSync } from 'node:crypto';
import type { Caller } from '../../platform/auth/claims';
import { AuthenticationFailure } from '../../platform/auth/failures';
import {
  internalTokenCache,
  signInternalToken,
  verifyInternalToken,
} from '../../platform/auth/internal-token';
import { loadJose } from '../../platform/auth/jose';

const gateway = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const caller: Caller = {
  sub: 'agent-1',
  role: 'cfa-staff',
  org: '0381234A',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};
const identity = { caller, requestId: '5f0c1a52-8f7e-4b43-9d4f-3c2e2a1b0c9d' };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AuthenticationFailure);
  return (error as AuthenticationFailure).reason;
}

describe('the internal token', () => {
  it('carries the caller and the request id to the subgraph it is meant for', async () => {
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey);
    expect(await verifyInternalToken(token, 'cfa', gateway.publicKey)).toEqual(identity);
  });

  it('lives 60 s at most and names the gateway as issuer', async () => {
    const { decodeJwt, decodeProtectedHeader } = await loadJose();
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: 'foquale-hub-gateway',
      aud: 'cfa',
      jti: identity.requestId,
      sub: 'agent-1',
    });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(60);
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
  });

  it('is refused by another subgraph', async () => {
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey);
    expect(await refusal(verifyInternalToken(token, 'pjj', gateway.publicKey))).toBe('WRONG_AUDIENCE');
  });

  it('is refused when signed by another key', async () => {
    const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await signInternalToken(identity, 'cfa', forger.privateKey);
    expect(await refusal(verifyInternalToken(token, 'cfa', gateway.publicKey))).toBe('INVALID_SIGNATURE');
  });

  it('is refused when its claims do not make a caller', async () => {
    const token = await signInternalToken(
      { ...identity, caller: { ...caller, role: 'root' as Caller['role'] } },
      'cfa',
      gateway.privateKey,
    );
    expect(await refusal(verifyInternalToken(token, 'cfa', gateway.publicKey))).toBe('INVALID_CLAIMS');
  });

  it('is signed once per subgraph for a request, and separately for each subgraph', async () => {
    const tokenFor = internalTokenCache(identity, gateway.privateKey);
    const [first, again, other] = await Promise.all([tokenFor('cfa'), tokenFor('cfa'), tokenFor('pjj')]);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect((await verifyInternalToken(other, 'pjj', gateway.publicKey)).requestId).toBe(identity.requestId);
  });
});

describe('the attestations of a mutation', () => {
  const attested = {
    ...identity,
    subjects: {
      '0b6f8a1e-6a34-4a57-9f6b-2d1c4b9e7a10': {
        accessSubject: '{"youngId":"0b6f8a1e-6a34-4a57-9f6b-2d1c4b9e7a10"}',
        reports: { cfaFollowers: ['0381234A'] },
      },
    },
  };

  it('travel signed to the subgraph, and only when the gateway gathered some', async () => {
    const token = await signInternalToken(attested, 'cfa', gateway.privateKey);
    expect(await verifyInternalToken(token, 'cfa', gateway.publicKey)).toEqual(attested);
    const plain = await verifyInternalToken(
      await signInternalToken(identity, 'cfa', gateway.privateKey),
      'cfa',
      gateway.publicKey,
    );
    expect(plain).not.toHaveProperty('subjects');
  });

  it('are refused when malformed, like any other claim', async () => {
    const malformed = { ...identity, subjects: { someone: { accessSubject: 42, reports: {} } } } as never;
    expect(
      await refusal(
        verifyInternalToken(
          await signInternalToken(malformed, 'cfa', gateway.privateKey),
          'cfa',
          gateway.publicKey,
        ),
      ),
    ).toBe('INVALID_CLAIMS');
  });
});
