import type { KeyObject } from 'node:crypto';
import type { Caller } from './claims';
import { loadJose } from './jose';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from './keys';

export interface DevelopmentTokenOptions {
  /** The development issuer's private key (`<dataDirectory>/keys/dev-issuer.private.pem`). */
  privateKey: KeyObject;
  ttlSeconds: number;
  issuer?: string;
  audience?: string;
}

/**
 * A caller token as an identity provider would issue it, signed with the development issuer
 * key: what `npm run token` prints and what the tests send. The gateway verifies it like any other.
 */
export async function signDevelopmentToken(
  caller: Caller,
  options: DevelopmentTokenOptions,
): Promise<string> {
  const { SignJWT } = await loadJose();
  const { sub, role, org, territories, purpose } = caller;
  return new SignJWT({ role, org, territories, purpose })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds}s`)
    .sign(options.privateKey);
}
