import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  algorithmsSetting,
  gatewayKeysFromEnvironment,
  internalPublicKeyFromEnvironment,
  KeyConfigurationError,
  loadOrCreateDevelopmentKeys,
} from '../../platform/auth/keys';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'hub-keys-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** Writes a key as PEM (PKCS#8 for a private key, SPKI for a public one) and returns the file. */
const pemFile = (name: string, key: KeyObject) => {
  const file = join(directory, name);
  writeFileSync(
    file,
    key.type === 'private'
      ? key.export({ type: 'pkcs8', format: 'pem' })
      : key.export({ type: 'spki', format: 'pem' }),
  );
  return file;
};
const fingerprint = (key: KeyObject) => JSON.stringify(key.export({ format: 'jwk' }));

describe('development keys', () => {
  it('are generated once under <dataDirectory>/keys, private halves readable by the owner only', () => {
    const first = loadOrCreateDevelopmentKeys(directory);
    const second = loadOrCreateDevelopmentKeys(directory);
    expect(fingerprint(second.issuer.publicKey)).toBe(fingerprint(first.issuer.publicKey));
    expect(fingerprint(second.internal.publicKey)).toBe(fingerprint(first.internal.publicKey));
    expect(fingerprint(first.issuer.publicKey)).not.toBe(fingerprint(first.internal.publicKey));
    for (const name of ['dev-issuer', 'internal']) {
      expect(statSync(join(directory, 'keys', `${name}.private.pem`)).mode & 0o077).toBe(0);
      expect(readFileSync(join(directory, 'keys', `${name}.public.pem`), 'utf8')).toContain(
        'BEGIN PUBLIC KEY',
      );
    }
  });

  it('are used outside production when no key is configured, with the default issuer, audience and ES256', () => {
    const development = loadOrCreateDevelopmentKeys(directory);
    const keys = gatewayKeysFromEnvironment({}, { production: false, dataDirectory: directory });
    expect(keys.callerTokens).toMatchObject({
      issuer: 'foquale-hub-dev',
      audience: 'foquale-hub',
      algorithms: ['ES256'],
    });
    expect('publicKey' in keys.callerTokens.keys && fingerprint(keys.callerTokens.keys.publicKey)).toBe(
      fingerprint(development.issuer.publicKey),
    );
    expect(
      fingerprint(internalPublicKeyFromEnvironment({}, { production: false, dataDirectory: directory })),
    ).toBe(fingerprint(development.internal.publicKey));
  });
});

describe('keys in production', () => {
  const production = () => ({ production: true, dataDirectory: directory });

  it('are never generated: the gateway refuses to start without a caller-token key', () => {
    const internal = pemFile('internal.pem', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    expect(() =>
      gatewayKeysFromEnvironment({ HUB_INTERNAL_PRIVATE_KEY_FILE: internal }, production()),
    ).toThrow(
      /no key to verify callers' tokens is configured: set HUB_AUTH_JWKS_URL or HUB_AUTH_PUBLIC_KEY_FILE. Refusing to start/,
    );
    expect(() => readFileSync(join(directory, 'keys', 'dev-issuer.private.pem'))).toThrow();
  });

  it('are never generated: the gateway refuses to start without its internal signing key', () => {
    expect(() =>
      gatewayKeysFromEnvironment({ HUB_AUTH_JWKS_URL: 'https://idp.example.org/jwks' }, production()),
    ).toThrow(/set HUB_INTERNAL_PRIVATE_KEY_FILE/);
  });

  it('are never generated: a subgraph refuses to start without the gateway public key', () => {
    expect(() => internalPublicKeyFromEnvironment({}, production())).toThrow(
      /set HUB_INTERNAL_PUBLIC_KEY_FILE/,
    );
  });

  it('are read from the configured files and URL', () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const env = {
      HUB_AUTH_JWKS_URL: 'https://idp.example.org/jwks',
      HUB_AUTH_ISSUER: 'https://idp.example.org',
      HUB_AUTH_AUDIENCE: 'hub',
      HUB_INTERNAL_PRIVATE_KEY_FILE: pemFile('internal.pem', pair.privateKey),
    };
    const keys = gatewayKeysFromEnvironment(env, production());
    expect(keys.callerTokens).toMatchObject({
      keys: { jwksUrl: new URL('https://idp.example.org/jwks') },
      issuer: 'https://idp.example.org',
      audience: 'hub',
    });
    expect(
      fingerprint(
        internalPublicKeyFromEnvironment(
          { HUB_INTERNAL_PUBLIC_KEY_FILE: pemFile('internal.pub', pair.publicKey) },
          production(),
        ),
      ),
    ).toBe(fingerprint(pair.publicKey));
  });
});

describe('key settings that are refused at start-up', () => {
  const context = { production: false, dataDirectory: '/nonexistent' };

  it.each(['HS256', 'none', 'ES256,HS512', ' , '])(
    'HUB_AUTH_ALGORITHMS=%j (shared secrets or nothing)',
    (value) => {
      expect(() => algorithmsSetting({ HUB_AUTH_ALGORITHMS: value })).toThrow(KeyConfigurationError);
    },
  );

  it('reads a list of asymmetric algorithms', () => {
    expect(algorithmsSetting({ HUB_AUTH_ALGORITHMS: 'RS256, ES256' })).toEqual(['RS256', 'ES256']);
  });

  it('a public key that cannot verify the configured algorithms', () => {
    const rsa = pemFile('rsa.pub', generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
    expect(() => gatewayKeysFromEnvironment({ HUB_AUTH_PUBLIC_KEY_FILE: rsa }, context)).toThrow(
      /cannot verify ES256/,
    );
  });

  it('an internal key that is not P-256 (internal tokens are ES256 only)', () => {
    const rsa = pemFile('rsa.pub', generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
    expect(() => internalPublicKeyFromEnvironment({ HUB_INTERNAL_PUBLIC_KEY_FILE: rsa }, context)).toThrow(
      /HUB_INTERNAL_PUBLIC_KEY_FILE.*cannot verify ES256/,
    );
  });

  it('a JWKS URL and a public key file at once', () => {
    expect(() =>
      gatewayKeysFromEnvironment(
        { HUB_AUTH_JWKS_URL: 'https://idp.example.org/jwks', HUB_AUTH_PUBLIC_KEY_FILE: '/x.pem' },
        context,
      ),
    ).toThrow(/not both/);
  });

  it('a missing or unreadable key file, named with its variable', () => {
    expect(() =>
      internalPublicKeyFromEnvironment(
        { HUB_INTERNAL_PUBLIC_KEY_FILE: join(directory, 'absent.pem') },
        context,
      ),
    ).toThrow(/HUB_INTERNAL_PUBLIC_KEY_FILE: cannot read .*absent\.pem \(ENOENT\)/);
    writeFileSync(join(directory, 'garbage.pem'), 'not a key');
    expect(() =>
      internalPublicKeyFromEnvironment(
        { HUB_INTERNAL_PUBLIC_KEY_FILE: join(directory, 'garbage.pem') },
        context,
      ),
    ).toThrow(/is not a PEM public key/);
  });
});
