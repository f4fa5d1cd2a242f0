import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type SubgraphName } from '../partners';
import type { FactKeys } from './facts';

/**
 * The keys of the hub. Two pairs, two trust relations:
 * - caller tokens: signed by an identity provider (in embedded mode, the development issuer used
 *   by `npm run token`), verified by the gateway;
 * - internal tokens: signed by the gateway for each subgraph fetch, verified by the subgraphs.
 * In production every key comes from the environment; development keys are generated on first
 * start under `<dataDirectory>/keys/`, and never when NODE_ENV=production.
 */
export const DEFAULT_ISSUER = 'foquale-hub-dev';
export const DEFAULT_AUDIENCE = 'foquale-hub';
export const DEFAULT_ALGORITHMS = ['ES256'];

/**
 * Asymmetric algorithms only: with a shared-secret algorithm (HS256…), whoever holds the
 * verification key could mint tokens, and a public key could be abused as an HMAC secret.
 */
const KEY_FITS_ALGORITHM: Record<string, (key: KeyObject) => boolean> = {
  ES256: (key) => key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1',
  ES384: (key) => key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1',
  ES512: (key) => key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp521r1',
  RS256: (key) => key.asymmetricKeyType === 'rsa',
  RS384: (key) => key.asymmetricKeyType === 'rsa',
  RS512: (key) => key.asymmetricKeyType === 'rsa',
  PS256: (key) => key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss',
  PS384: (key) => key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss',
  PS512: (key) => key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss',
  EdDSA: (key) => key.asymmetricKeyType === 'ed25519',
};

export const KeyVariable = {
  JWKS_URL: 'HUB_AUTH_JWKS_URL',
  PUBLIC_KEY_FILE: 'HUB_AUTH_PUBLIC_KEY_FILE',
  ISSUER: 'HUB_AUTH_ISSUER',
  AUDIENCE: 'HUB_AUTH_AUDIENCE',
  ALGORITHMS: 'HUB_AUTH_ALGORITHMS',
  INTERNAL_PRIVATE_KEY_FILE: 'HUB_INTERNAL_PRIVATE_KEY_FILE',
  INTERNAL_PUBLIC_KEY_FILE: 'HUB_INTERNAL_PUBLIC_KEY_FILE',
  FACT_PRIVATE_KEY_FILE: 'HUB_FACT_PRIVATE_KEY_FILE',
  FACT_PUBLIC_KEYS_FILE: 'HUB_FACT_PUBLIC_KEYS_FILE',
} as const;

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface DevelopmentKeys {
  /** Signs development caller tokens (`npm run token`, the tests); the gateway verifies them. */
  issuer: KeyPair;
  /** Signs the gateway's internal tokens; every subgraph verifies them. */
  internal: KeyPair;
  /** Each subgraph's Ed25519 pair: it signs the access facts it owns, the others verify them (platform/auth/facts.ts). */
  facts: Record<SubgraphName, KeyPair>;
}

/** How the gateway checks callers' tokens. */
export interface CallerTokenSettings {
  /** The identity provider's JWKS, or one public key. */
  keys: { jwksUrl: URL } | { publicKey: KeyObject };
  issuer: string;
  audience: string;
  algorithms: string[];
}

export interface GatewayKeys {
  callerTokens: CallerTokenSettings;
  /** Signs the internal token of each subgraph fetch; never leaves the gateway. */
  internalPrivateKey: KeyObject;
}

export interface KeySettingsContext {
  production: boolean;
  /** Where development keys live (`<dataDirectory>/keys/`); never used in production. */
  dataDirectory: string;
}

/** A configuration that would make the hub run without a trustworthy key: the process must not start. */
export class KeyConfigurationError extends Error {}

/** Loads the development key pairs from `<dataDirectory>/keys/`, generating them on first use. */
export function loadOrCreateDevelopmentKeys(dataDirectory: string): DevelopmentKeys {
  const directory = join(dataDirectory, 'keys');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  return {
    issuer: loadOrCreateKeyPair(directory, 'dev-issuer'),
    internal: loadOrCreateKeyPair(directory, 'internal'),
    facts: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, loadOrCreateKeyPair(directory, `fact-${name}`, 'ed25519')]),
    ) as Record<SubgraphName, KeyPair>,
  };
}

/**
 * A subgraph's fact keys: its own signing key from `HUB_FACT_PRIVATE_KEY_FILE` (Ed25519, PEM) and
 * every subgraph's public key from `HUB_FACT_PUBLIC_KEYS_FILE` (a JWK Set whose `kid` is the
 * subgraph's name), or the development keys outside production.
 */
export function factKeysFromEnvironment(
  env: NodeJS.ProcessEnv,
  subgraph: SubgraphName,
  context: KeySettingsContext,
): FactKeys {
  const privateFile = env[KeyVariable.FACT_PRIVATE_KEY_FILE];
  const publicFile = env[KeyVariable.FACT_PUBLIC_KEYS_FILE];
  if (!privateFile || !publicFile) {
    if (context.production)
      throw missingInProduction(
        'to sign and verify access facts',
        `${KeyVariable.FACT_PRIVATE_KEY_FILE} and ${KeyVariable.FACT_PUBLIC_KEYS_FILE}`,
      );
    return developmentFactKeys(loadOrCreateDevelopmentKeys(context.dataDirectory), subgraph);
  }
  const privateKey = readKeyFile(privateFile, KeyVariable.FACT_PRIVATE_KEY_FILE, 'private');
  assertKeyFitsAlgorithms(privateKey, ['EdDSA'], KeyVariable.FACT_PRIVATE_KEY_FILE);
  return { issuer: subgraph, privateKey, publicKeys: readFactPublicKeys(publicFile) };
}

/** The fact keys of `subgraph` among the development keys: its own pair's private half, every public half. */
export function developmentFactKeys(keys: DevelopmentKeys, subgraph: SubgraphName): FactKeys {
  return {
    issuer: subgraph,
    privateKey: keys.facts[subgraph].privateKey,
    publicKeys: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, keys.facts[name].publicKey])),
  };
}

function readFactPublicKeys(file: string): Partial<Record<SubgraphName, KeyObject>> {
  const variable = KeyVariable.FACT_PUBLIC_KEYS_FILE;
  let keys: unknown;
  try {
    keys = (JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown }).keys;
  } catch {
    throw new KeyConfigurationError(`${variable}: ${file} is not a readable JWK Set.`);
  }
  if (!Array.isArray(keys)) throw new KeyConfigurationError(`${variable}: ${file} has no "keys" list.`);
  const publicKeys: Partial<Record<SubgraphName, KeyObject>> = {};
  for (const jwk of keys as { kid?: unknown; d?: unknown }[]) {
    const name = SUBGRAPH_NAMES.find((subgraph) => subgraph === jwk.kid);
    if (!name || jwk.d !== undefined)
      throw new KeyConfigurationError(
        `${variable}: every key needs a subgraph's name as kid, and no private part.`,
      );
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch {
      throw new KeyConfigurationError(`${variable}: the key of ${name} is not a public JWK.`);
    }
    assertKeyFitsAlgorithms(key, ['EdDSA'], variable);
    publicKeys[name] = key;
  }
  return publicKeys;
}

/** The gateway's keys: from the environment, or the development keys outside production. */
export function gatewayKeysFromEnvironment(env: NodeJS.ProcessEnv, context: KeySettingsContext): GatewayKeys {
  const development = lazyDevelopmentKeys(context);
  const algorithms = algorithmsSetting(env);
  return {
    callerTokens: {
      keys: callerTokenKeys(env, algorithms, context.production, () => development().issuer.publicKey),
      issuer: env[KeyVariable.ISSUER] || DEFAULT_ISSUER,
      audience: env[KeyVariable.AUDIENCE] || DEFAULT_AUDIENCE,
      algorithms,
    },
    internalPrivateKey: internalKey(
      {
        env,
        variable: KeyVariable.INTERNAL_PRIVATE_KEY_FILE,
        kind: 'private',
        purpose: "to sign the gateway's internal tokens",
        production: context.production,
      },
      () => development().internal.privateKey,
    ),
  };
}

/**
 * A subgraph's key to verify the gateway's internal tokens: from the environment, or the development key
 * outside production.
 */
export function internalPublicKeyFromEnvironment(
  env: NodeJS.ProcessEnv,
  context: KeySettingsContext,
): KeyObject {
  const development = lazyDevelopmentKeys(context);
  return internalKey(
    {
      env,
      variable: KeyVariable.INTERNAL_PUBLIC_KEY_FILE,
      kind: 'public',
      purpose: "to verify the gateway's internal tokens",
      production: context.production,
    },
    () => development().internal.publicKey,
  );
}

/** `HUB_AUTH_ALGORITHMS`: a comma-separated list of asymmetric JWS algorithms (default ES256). */
export function algorithmsSetting(env: NodeJS.ProcessEnv): string[] {
  const raw = env[KeyVariable.ALGORITHMS];
  if (!raw) return DEFAULT_ALGORITHMS;
  const algorithms = raw
    .split(',')
    .map((algorithm) => algorithm.trim())
    .filter(Boolean);
  const unsupported = algorithms.find((algorithm) => !KEY_FITS_ALGORITHM[algorithm]);
  if (unsupported !== undefined || algorithms.length === 0) {
    throw new KeyConfigurationError(
      `${KeyVariable.ALGORITHMS}: "${unsupported ?? raw}" is not accepted; use asymmetric algorithms only (${Object.keys(KEY_FITS_ALGORITHM).join(', ')}).`,
    );
  }
  return algorithms;
}

/**
 * Fails at start-up when the configured key cannot check the configured algorithms, rather than on every
 * request.
 */
function assertKeyFitsAlgorithms(key: KeyObject, algorithms: string[], variable: string): void {
  const misfit = algorithms.find((algorithm) => !KEY_FITS_ALGORITHM[algorithm]?.(key));
  if (misfit)
    throw new KeyConfigurationError(
      `${variable}: this ${key.asymmetricKeyType ?? key.type} key cannot verify ${misfit} signatures (${KeyVariable.ALGORITHMS}).`,
    );
}

function callerTokenKeys(
  env: NodeJS.ProcessEnv,
  algorithms: string[],
  production: boolean,
  developmentKey: () => KeyObject,
): CallerTokenSettings['keys'] {
  const jwksUrl = env[KeyVariable.JWKS_URL];
  const publicKeyFile = env[KeyVariable.PUBLIC_KEY_FILE];
  if (jwksUrl && publicKeyFile)
    throw new KeyConfigurationError(
      `Set ${KeyVariable.JWKS_URL} or ${KeyVariable.PUBLIC_KEY_FILE}, not both.`,
    );
  if (jwksUrl) return { jwksUrl: urlSetting(jwksUrl) };
  if (publicKeyFile) {
    const publicKey = readKeyFile(publicKeyFile, KeyVariable.PUBLIC_KEY_FILE, 'public');
    assertKeyFitsAlgorithms(publicKey, algorithms, KeyVariable.PUBLIC_KEY_FILE);
    return { publicKey };
  }
  if (production)
    throw missingInProduction(
      "to verify callers' tokens",
      `${KeyVariable.JWKS_URL} or ${KeyVariable.PUBLIC_KEY_FILE}`,
    );
  const publicKey = developmentKey();
  assertKeyFitsAlgorithms(publicKey, algorithms, 'The development issuer key (ES256)');
  return { publicKey };
}

interface InternalKeySetting {
  env: NodeJS.ProcessEnv;
  variable: string;
  kind: 'private' | 'public';
  /** What the key is for, in the refusal message. */
  purpose: string;
  production: boolean;
}

function internalKey(
  { env, variable, kind, purpose, production }: InternalKeySetting,
  developmentKey: () => KeyObject,
): KeyObject {
  const file = env[variable];
  if (!file) {
    if (production) throw missingInProduction(purpose, variable);
    return developmentKey();
  }
  const key = readKeyFile(file, variable, kind);
  // Internal tokens are ES256 only: the gateway and the subgraphs are ours, nothing to negotiate.
  assertKeyFitsAlgorithms(key, ['ES256'], variable);
  return key;
}

function missingInProduction(purpose: string, variables: string): KeyConfigurationError {
  return new KeyConfigurationError(
    `NODE_ENV=production but no key ${purpose} is configured: set ${variables}. Refusing to start (development keys are never generated in production).`,
  );
}

function readKeyFile(file: string, variable: string, kind: 'private' | 'public'): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeyConfigurationError(
      `${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
    );
  }
  try {
    return kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new KeyConfigurationError(`${variable}: ${file} is not a PEM ${kind} key.`);
  }
}

function urlSetting(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new KeyConfigurationError(`${KeyVariable.JWKS_URL} must be a URL, got "${raw}".`);
  }
}

/** Development keys are touched (and generated) only when some key is not configured. */
function lazyDevelopmentKeys(context: KeySettingsContext): () => DevelopmentKeys {
  let keys: DevelopmentKeys | undefined;
  return () => {
    keys ??= loadOrCreateDevelopmentKeys(context.dataDirectory);
    return keys;
  };
}

function loadOrCreateKeyPair(directory: string, name: string, type: 'ec' | 'ed25519' = 'ec'): KeyPair {
  const privateFile = join(directory, `${name}.private.pem`);
  if (!existsSync(privateFile)) {
    const { privateKey } =
      type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
    writeOnce(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  }
  const privateKey = createPrivateKey(readFileSync(privateFile, 'utf8'));
  const publicKey = createPublicKey(privateKey);
  // The public half is written for operators (e.g. to start a subgraph on its own); the hub derives it from
  // the private key.
  writeOnce(
    join(directory, `${name}.public.pem`),
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    0o644,
  );
  return { privateKey, publicKey };
}

/**
 * Writes a file only if it does not exist yet, atomically: the gateway and subgraphs started
 * side by side must all end up with the same key, never with a half-written one.
 */
function writeOnce(file: string, content: string, mode: number): void {
  if (existsSync(file)) return;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}
