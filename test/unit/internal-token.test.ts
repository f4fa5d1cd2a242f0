import { generateKeyPairSync } from 'node:crypto';
import type { Caller } from '../../platform/auth/claims';
import { AuthenticationFailure } from '../../platform/auth/failures';
import { signInternalToken, verifyInternalToken } from '../../platform/auth/internal-token';
import { loadJose } from '../../platform/auth/jose';
import { ReplayCache } from '../../platform/auth/replay-cache';

const gateway = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const caller: Caller = {
  sub: 'agent-1',
  role: 'cfa-staff',
  org: '0381234A',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};
const identity = { caller, requestId: '5f0c1a52-8f7e-4b43-9d4f-3c2e2a1b0c9d' };
const BODY = '{"query":"{ _service { sdl } }"}';

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
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey, BODY);
    expect(await verifyInternalToken(token, 'cfa', gateway.publicKey, BODY)).toEqual(identity);
  });

  it('lives 30 s at most, names the gateway as issuer, the request, and has an id of its own', async () => {
    const { decodeJwt, decodeProtectedHeader } = await loadJose();
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey, BODY);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: 'foquale-hub-gateway',
      aud: 'cfa',
      rid: identity.requestId,
      sub: 'agent-1',
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.jti).not.toBe(identity.requestId);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(30);
    expect(decodeProtectedHeader(token).alg).toBe('ES256');
  });

  it('is refused by another subgraph', async () => {
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey, BODY);
    expect(await refusal(verifyInternalToken(token, 'pjj', gateway.publicKey, BODY))).toBe('WRONG_AUDIENCE');
  });

  it('is refused when signed by another key', async () => {
    const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await signInternalToken(identity, 'cfa', forger.privateKey, BODY);
    expect(await refusal(verifyInternalToken(token, 'cfa', gateway.publicKey, BODY))).toBe(
      'INVALID_SIGNATURE',
    );
  });

  it('is refused when its claims do not make a caller', async () => {
    const token = await signInternalToken(
      { ...identity, caller: { ...caller, role: 'root' as Caller['role'] } },
      'cfa',
      gateway.privateKey,
      BODY,
    );
    expect(await refusal(verifyInternalToken(token, 'cfa', gateway.publicKey, BODY))).toBe('INVALID_CLAIMS');
  });

  it('is refused with any other body than the one it was signed for, to the byte', async () => {
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey, BODY);
    for (const other of ['', `${BODY} `, BODY.replace('sdl', 'sdL'), '{"query":"{ __typename }"}'])
      expect(await refusal(verifyInternalToken(token, 'cfa', gateway.publicKey, other))).toBe(
        'BODY_MISMATCH',
      );
    expect(await verifyInternalToken(token, 'cfa', gateway.publicKey, Buffer.from(BODY))).toEqual(identity);
  });

  it('is accepted once: shown again to the same subgraph process, it is refused', async () => {
    const replays = new ReplayCache();
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey, BODY);
    await verifyInternalToken(token, 'cfa', gateway.publicKey, BODY, replays);
    expect(await refusal(verifyInternalToken(token, 'cfa', gateway.publicKey, BODY, replays))).toBe(
      'REPLAYED',
    );
    const next = await signInternalToken(identity, 'cfa', gateway.privateKey, BODY);
    expect(next).not.toBe(token);
    expect(await verifyInternalToken(next, 'cfa', gateway.publicKey, BODY, replays)).toEqual(identity);
  });

  it('spends its id only when everything else holds', async () => {
    const replays = new ReplayCache();
    const token = await signInternalToken(identity, 'cfa', gateway.privateKey, BODY);
    expect(await refusal(verifyInternalToken(token, 'cfa', gateway.publicKey, 'other', replays))).toBe(
      'BODY_MISMATCH',
    );
    expect(replays.size).toBe(0);
    expect(await verifyInternalToken(token, 'cfa', gateway.publicKey, BODY, replays)).toEqual(identity);
  });
});

describe('the replay cache of a subgraph process', () => {
  it('forgets an id once its token has expired, and refuses new ids rather than forget live ones', () => {
    let now = 1_000_000;
    const cache = new ReplayCache(2, () => now);
    expect(cache.claim('a', now + 1000)).toBe('FIRST_USE');
    expect(cache.claim('a', now + 1000)).toBe('REPLAYED');
    expect(cache.claim('b', now + 2000)).toBe('FIRST_USE');
    expect(cache.claim('c', now + 3000)).toBe('FULL');
    now += 1500;
    expect(cache.claim('c', now + 3000)).toBe('FIRST_USE');
    expect(cache.size).toBe(2);
    expect(cache.claim('b', now + 2000)).toBe('REPLAYED');
  });
});

describe('the attestations of a mutation', () => {
  const attested = {
    ...identity,
    subjects: {
      '0b6f8a1e-6a34-4a57-9f6b-2d1c4b9e7a10': {
        accessSubject: '{"youngId":"0b6f8a1e-6a34-4a57-9f6b-2d1c4b9e7a10"}',
        reports: { cfaFollowers: 'eyJhbGciOiJFZERTQSJ9.e30.c2lnbmF0dXJl' },
      },
    },
  };

  it('travel signed to the subgraph, and only when the gateway gathered some', async () => {
    const token = await signInternalToken(attested, 'cfa', gateway.privateKey, BODY);
    expect(await verifyInternalToken(token, 'cfa', gateway.publicKey, BODY)).toEqual(attested);
    const plain = await verifyInternalToken(
      await signInternalToken(identity, 'cfa', gateway.privateKey, BODY),
      'cfa',
      gateway.publicKey,
      BODY,
    );
    expect(plain).not.toHaveProperty('subjects');
  });

  it('are refused when malformed, like any other claim', async () => {
    const malformed = { ...identity, subjects: { someone: { accessSubject: 42, reports: {} } } } as never;
    expect(
      await refusal(
        verifyInternalToken(
          await signInternalToken(malformed, 'cfa', gateway.privateKey, BODY),
          'cfa',
          gateway.publicKey,
          BODY,
        ),
      ),
    ).toBe('INVALID_CLAIMS');
  });
});
