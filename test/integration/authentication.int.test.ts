import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { showcaseYoungId } from '../../demo/generate';
import { startGateway, type RunningGateway } from '../../gateway/server';
import type { Caller } from '../../platform/auth/claims';
import {
  INTERNAL_TOKEN_HEADER,
  INTERNAL_TOKEN_ISSUER,
  signInternalToken,
} from '../../platform/auth/internal-token';
import { loadJose } from '../../platform/auth/jose';
import { DEFAULT_ALGORITHMS, DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../../platform/auth/keys';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/partners';
import { readSupergraph } from '../../scripts/lib/composition';
import {
  startTestHub,
  TEST_CALLER,
  type GraphQLAnswer,
  type SubgraphQueryOptions,
  type TestHub,
} from '../harness';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

const CASELOAD = `{ youngs(first: 5) { totalCount nodes { id firstName lastName } } }`;
const nowInSeconds = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const otherEcKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

/** The claims of a valid caller token; each case below spoils one thing. */
function callerPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowInSeconds();
  return {
    ...TEST_CALLER,
    iss: DEFAULT_ISSUER,
    aud: DEFAULT_AUDIENCE,
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

async function sign(
  payload: Record<string, unknown>,
  key: KeyObject | Uint8Array = hub.keys.issuer.privateKey,
  alg = 'ES256',
): Promise<string> {
  const { SignJWT } = await loadJose();
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
}

function withoutClaim(claim: string): Record<string, unknown> {
  const payload = callerPayload();
  delete payload[claim];
  return payload;
}

/** Posts to the gateway with exactly this Authorization header (or none), keeping the HTTP response. */
async function postWithAuthorization(
  authorization: string | null,
  headers: Record<string, string> = {},
): Promise<{ response: Response; body: GraphQLAnswer }> {
  const response = await fetch(hub.stack.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === null ? {} : { authorization }),
      ...headers,
    },
    body: JSON.stringify({ query: CASELOAD }),
  });
  return { response, body: { status: response.status, ...((await response.json()) as object) } };
}

const BAD_AUTHORIZATIONS: [string, () => Promise<string | null>, string][] = [
  ['no Authorization header', async () => null, 'MISSING_TOKEN'],
  ['an empty Authorization header', async () => '', 'MISSING_TOKEN'],
  ['a Basic credential', async () => 'Basic dXNlcjpwYXNzd29yZA==', 'MALFORMED_TOKEN'],
  ['a bearer that is not a JWT', async () => 'Bearer not-a.jwt', 'MALFORMED_TOKEN'],
  [
    'an expired token',
    async () =>
      `Bearer ${await sign(callerPayload({ iat: nowInSeconds() - 3600, exp: nowInSeconds() - 60 }))}`,
    'EXPIRED',
  ],
  [
    'a token not valid yet (nbf)',
    async () => `Bearer ${await sign(callerPayload({ nbf: nowInSeconds() + 600 }))}`,
    'NOT_YET_VALID',
  ],
  [
    'a tampered token (role changed after signing)',
    async () => {
      const [header, , signature] = (await sign(callerPayload())).split('.');
      return `Bearer ${header}.${base64url(callerPayload({ role: 'dpo' }))}.${signature}`;
    },
    'INVALID_SIGNATURE',
  ],
  [
    'a token signed with another key',
    async () => `Bearer ${await sign(callerPayload(), otherEcKey())}`,
    'INVALID_SIGNATURE',
  ],
  [
    'a token from another issuer',
    async () => `Bearer ${await sign(callerPayload({ iss: 'https://idp.example.org' }))}`,
    'WRONG_ISSUER',
  ],
  [
    'a token for another audience',
    async () => `Bearer ${await sign(callerPayload({ aud: 'another-service' }))}`,
    'WRONG_AUDIENCE',
  ],
  [
    'an unsigned token (alg: none)',
    async () => `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(callerPayload())}.`,
    'UNSUPPORTED_ALGORITHM',
  ],
  [
    'an HS256 token whose secret is the public key (algorithm confusion)',
    async () =>
      `Bearer ${await sign(callerPayload(), new TextEncoder().encode(hub.keys.issuer.publicKey.export({ type: 'spki', format: 'pem' }).toString()), 'HS256')}`,
    'UNSUPPORTED_ALGORITHM',
  ],
  [
    'an RS256 token',
    async () =>
      `Bearer ${await sign(callerPayload(), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, 'RS256')}`,
    'UNSUPPORTED_ALGORITHM',
  ],
  [
    'a token with an unknown role',
    async () => `Bearer ${await sign(callerPayload({ role: 'superuser' }))}`,
    'INVALID_CLAIMS',
  ],
  [
    'a token without a purpose',
    async () => `Bearer ${await sign(withoutClaim('purpose'))}`,
    'INVALID_CLAIMS',
  ],
  [
    'a token that never expires (no exp)',
    async () => `Bearer ${await sign(withoutClaim('exp'))}`,
    'INVALID_CLAIMS',
  ],
  [
    "the gateway's internal token shown at the front door",
    async () =>
      `Bearer ${await signInternalToken({ caller: TEST_CALLER, requestId: randomUUID() }, 'psad', hub.keys.internal.privateKey, '{}')}`,
    'INVALID_SIGNATURE',
  ],
];

describe('the gateway authenticates every GraphQL request', () => {
  it.each(BAD_AUTHORIZATIONS)(
    'refuses %s with 401 and runs nothing',
    async (_case, authorization, reason) => {
      const header = await authorization();
      let answer: { response: Response; body: GraphQLAnswer } | undefined;
      const statements = await hub.countStatements(async () => {
        answer = await postWithAuthorization(header);
      });
      const { response, body } = answer!;
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="foquale-hub"/);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
      expect(Object.values(statements).every((count) => count === 0)).toBe(true);
    },
  );

  it('accepts a token that expired within the 5 s clock tolerance', async () => {
    const { response } = await postWithAuthorization(
      `Bearer ${await sign(callerPayload({ exp: nowInSeconds() - 2 }))}`,
    );
    expect(response.status).toBe(200);
  });

  it('answers a valid token', async () => {
    const answer = await hub.query(
      `{ youngs(first: 1) { totalCount } }`,
      {},
      { token: await hub.tokenFor({ territories: ['38-GRE'] }) },
    );
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(typeof answer.data!.youngs.totalCount).toBe('number');
  });

  it('leaves /health, /ready and /metrics open', async () => {
    const root = hub.stack.gateway.url.replace(/\/graphql$/, '');
    for (const path of ['/health', '/ready', '/metrics'])
      expect((await fetch(`${root}${path}`)).status).toBe(200);
  });
});

describe('a subgraph answers the gateway only', () => {
  const directCall = (
    name: SubgraphName,
    internalToken: SubgraphQueryOptions['internalToken'],
    headers?: Record<string, string>,
  ) =>
    hub.querySubgraph(
      name,
      name === 'psad' ? CASELOAD : '{ _service { sdl } }',
      {},
      { internalToken, headers },
    );
  /** Signs, for the body of the call, the token the gateway would send (with one thing overridden). */
  const internalToken =
    (overrides: { audience?: SubgraphName; key?: KeyObject; caller?: Caller } = {}) =>
    (body: string) =>
      signInternalToken(
        { caller: overrides.caller ?? TEST_CALLER, requestId: randomUUID() },
        overrides.audience ?? 'psad',
        overrides.key ?? hub.keys.internal.privateKey,
        body,
      );

  async function expectRefused(call: () => Promise<GraphQLAnswer>, reason: string) {
    let answer: GraphQLAnswer | undefined;
    const statements = await hub.countStatements(async () => {
      answer = await call();
    });
    expect(answer!.status).toBe(401);
    expect(answer!.data).toBeUndefined();
    expect(answer!.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
    expect(Object.values(statements).every((count) => count === 0)).toBe(true);
  }

  it.each(SUBGRAPH_NAMES)('%s refuses a direct call without an internal token', async (name) => {
    await expectRefused(() => directCall(name, null), 'MISSING_TOKEN');
  });

  it('refuses a caller token sent directly, as a client bypassing the gateway would', async () => {
    await expectRefused(
      async () => directCall('psad', null, { authorization: `Bearer ${await hub.tokenFor()}` }),
      'MISSING_TOKEN',
    );
  });

  it('refuses an internal token forged with another key', async () => {
    await expectRefused(
      async () => directCall('psad', await internalToken({ key: otherEcKey() })),
      'INVALID_SIGNATURE',
    );
  });

  it('refuses a caller token passed off as an internal token', async () => {
    await expectRefused(async () => directCall('psad', await hub.tokenFor()), 'INVALID_SIGNATURE');
  });

  it('refuses an internal token replayed after it expired', async () => {
    const { SignJWT } = await loadJose();
    const issuedAt = nowInSeconds() - 120;
    const expired = await new SignJWT({ ...TEST_CALLER })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(INTERNAL_TOKEN_ISSUER)
      .setAudience('psad')
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 60)
      .sign(hub.keys.internal.privateKey);
    await expectRefused(() => directCall('psad', expired), 'EXPIRED');
  });

  it('refuses an internal token meant for another subgraph', async () => {
    await expectRefused(
      async () => directCall('psad', await internalToken({ audience: 'pjj' })),
      'WRONG_AUDIENCE',
    );
  });

  it('answers a valid internal token', async () => {
    const answer = await directCall('psad', await internalToken());
    expect(answer.status).toBe(200);
    expect(typeof answer.data!.youngs.totalCount).toBe('number');
  });
});

describe('clients cannot inject the internal header through the gateway', () => {
  // A second gateway on the same subgraphs, with psad behind a proxy that records what psad receives.
  let gateway: RunningGateway;
  let proxy: Server;
  const received: string[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    proxy = await recordingProxy(hub.stack.subgraphs.psad.url, (request) =>
      received.push(String(request.headers[INTERNAL_TOKEN_HEADER] ?? '')),
    );
    const subgraphUrls = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, hub.stack.subgraphs[name].url]),
    );
    gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: {
        ...subgraphUrls,
        psad: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`,
      },
      keys: {
        callerTokens: {
          keys: { publicKey: hub.keys.issuer.publicKey },
          issuer: DEFAULT_ISSUER,
          audience: DEFAULT_AUDIENCE,
          algorithms: DEFAULT_ALGORITHMS,
        },
        internalPrivateKey: hub.keys.internal.privateKey,
      },
      port: 0,
      production: false,
      log: (message) => logs.push(message),
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => proxy?.close(resolve));
  });

  const ask = async (token: string, headers: Record<string, string> = {}) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({
        query: `query ($id: ID!) { young(id: $id) { firstName trajectory { partner kind } } }`,
        variables: { id: showcaseYoungId(hub.stack.world!) },
      }),
    });
    return { status: response.status, ...((await response.json()) as object) } as GraphQLAnswer;
  };

  it('ignores a valid internal token for a more powerful caller sent by the client', async () => {
    const caller = await hub.tokenFor({ sub: 'coordinator-38', territories: ['38-GRE'] });
    received.length = 0;
    const plain = await ask(caller);
    const dpo: Caller = {
      sub: 'stolen',
      role: 'dpo',
      org: 'DPO-HUB',
      territories: TEST_CALLER.territories,
      purpose: 'PILOTAGE_AGREGE',
    };
    const injected = await signInternalToken(
      { caller: dpo, requestId: randomUUID() },
      'psad',
      hub.keys.internal.privateKey,
      '{}',
    );
    const withInjection = await ask(caller, { [INTERNAL_TOKEN_HEADER]: injected });

    expect(withInjection).toEqual(plain);
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received).not.toContain(injected);
    const { decodeJwt } = await loadJose();
    for (const token of received) {
      expect(decodeJwt(token)).toMatchObject({
        sub: 'coordinator-38',
        role: 'psad-coordinator',
        territories: ['38-GRE'],
        iss: INTERNAL_TOKEN_ISSUER,
        aud: 'psad',
      });
    }
  });

  it('signs one internal token per subgraph fetch, bound to its body, naming the request, valid at most 30 s', async () => {
    received.length = 0;
    await ask(await hub.tokenFor());
    // psad is called twice: for the person, then to merge the partners' events into the trajectory.
    expect(received.length).toBeGreaterThanOrEqual(2);
    const { decodeJwt } = await loadJose();
    const claims = received.map((token) => decodeJwt(token));
    expect(new Set(received).size).toBe(received.length);
    expect(new Set(claims.map((c) => c.jti)).size).toBe(received.length);
    expect(new Set(claims.map((c) => c.rid)).size).toBe(1);
    expect(new Set(claims.map((c) => c.bsh)).size).toBe(received.length);
    for (const claim of claims) {
      expect(claim.exp! - claim.iat!).toBeLessThanOrEqual(30);
      expect(claim.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(claim.rid).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('logs the refusal reason, never the token nor the claims', async () => {
    logs.length = 0;
    const expired = await sign(
      callerPayload({ sub: 'agent-007', iat: nowInSeconds() - 3600, exp: nowInSeconds() - 60 }),
    );
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${expired}` },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(401);
    expect(logs.join('\n')).toContain('EXPIRED');
    for (const secret of [expired, expired.split('.')[1], 'agent-007'])
      expect(logs.join('\n')).not.toContain(secret);
  });
});

/** Forwards every request to `target` unchanged, after showing it to `record`. */
function recordingProxy(target: string, record: (request: IncomingMessage) => void): Promise<Server> {
  const server = createServer(async (request, response) => {
    record(request);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const forwarded = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'content-length',
      ),
    );
    const upstream = await fetch(target, {
      method: request.method,
      headers: forwarded,
      body: Buffer.concat(chunks),
    });
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
