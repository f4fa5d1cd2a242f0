import { showcaseYoungId } from '../../demo/generate';
import { limitsFromEnvironment } from '../../gateway/limits';
import type { GatewayProtection } from '../../gateway/protection';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { sha256 } from '../../gateway/trusted-documents';
import { DEFAULT_ALGORITHMS, DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../../platform/auth/keys';
import { SUBGRAPH_NAMES } from '../../platform/partners';
import { readSupergraph } from '../../scripts/lib/composition';
import { startTestHub, type TestHub } from '../harness';
import { aliasBomb, chainedFragments, doublingFragments } from '../support/operation-bombs';

/**
 * Issue 13: one request must not stall the hub. The bombs that did (300 aliases of a person's trajectory
 * and suggestions; fragments spreading each other twice, 30 deep) are refused before any work, with a
 * code that says why, while other clients are served; the gateway stays live throughout. A second gateway
 * over the same subgraphs runs registered operations only, and counts requests per caller and
 * organisation.
 */
let hub: TestHub;
let guarded: RunningGateway;
let youngId: string;

const REGISTERED = 'query Territories { territories(kind: BASSIN) { code } }';
const CALLER_LIMIT = 3;
const ORGANISATION_LIMIT = 5;

/** Another gateway over the hub's subgraphs, with these protections. */
function gatewayWith(protection: GatewayProtection): Promise<RunningGateway> {
  return startGateway({
    supergraphSdl: readSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, hub.stack.subgraphs[name].url])),
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
    protection,
    log: () => undefined,
  });
}

beforeAll(async () => {
  hub = await startTestHub();
  youngId = showcaseYoungId(hub.stack.world!);
  guarded = await gatewayWith({
    limits: limitsFromEnvironment({}),
    trustedDocuments: { mode: 'required', documents: new Map([[sha256(REGISTERED), REGISTERED]]) },
    rateLimits: {
      perCaller: CALLER_LIMIT,
      perOrganisation: ORGANISATION_LIMIT,
      windowSeconds: 600,
      store: { kind: 'memory' },
    },
  });
});

afterAll(async () => {
  await guarded?.stop();
  await hub?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions: Record<string, any> }[];
  };
}

/** One GraphQL request as a client would send it: any body, any caller. */
async function send(
  url: string,
  body: Record<string, unknown>,
  caller: { sub?: string; org?: string } = {},
): Promise<Answer> {
  const token = await hub.tokenFor(caller);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}

const tooComplex = (answer: Answer, limit?: string) => {
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toEqual([
    {
      message: expect.stringMatching(/^The operation is too complex: /),
      extensions: {
        code: 'QUERY_TOO_COMPLEX',
        limit: limit ?? expect.any(String),
        value: expect.any(Number),
        max: expect.any(Number),
      },
    },
  ]);
};

/** Served: data, and no error but the policy's notices of withheld trajectory events. */
const served = (answer: Answer) => {
  expect(answer.status).toBe(200);
  expect((answer.body.errors ?? []).filter((error) => error.extensions.code !== 'FORBIDDEN')).toEqual([]);
  expect(answer.body.data).toBeTruthy();
};

const metricsOf = async (url: string) => (await fetch(new URL('/metrics', url))).text();

describe('operations past the limits of the caller’s role', () => {
  it('300 aliases of a person’s trajectory and suggestions: QUERY_TOO_COMPLEX', async () => {
    tooComplex(await send(hub.stack.gateway.url, { query: aliasBomb(300) }));
    // Under the tokens limit, the aliases are counted.
    tooComplex(await send(hub.stack.gateway.url, { query: aliasBomb(16) }), 'aliases');
  });

  it('fragments that double 30 deep: refused on their cost, never expanded', async () => {
    const answer = await send(hub.stack.gateway.url, { query: doublingFragments(30) });
    tooComplex(answer, 'cost');
    expect(answer.body.errors![0].extensions.value).toBeGreaterThan(2 ** 29);
    expect(await metricsOf(hub.stack.gateway.url)).toMatch(
      /hub_gateway_refusals_total\{reason="cost"\} [1-9]/,
    );
  });

  it('fragments nested 30 deep, each spread once: answered', async () => {
    const query = chainedFragments(30).replace('"x"', JSON.stringify(youngId));
    const answer = await send(hub.stack.gateway.url, { query });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ young: { id: youngId } });
  });

  it('a page of trajectories asked through a variable: refused when the page is too large', async () => {
    const query =
      'query ($n: Int!) { youngs(first: $n) { nodes { id trajectory { at kind partner summary } ' +
      'suggestedOffers { score } } } }';
    tooComplex(await send(hub.stack.gateway.url, { query, variables: { n: 5000 } }), 'cost');
    const page = await send(hub.stack.gateway.url, { query, variables: { n: 5 } });
    served(page);
    expect(page.body.data!.youngs.nodes).toHaveLength(5);
  });

  it('under a barrage of bombs, another client is served and /health answers', async () => {
    const url = hub.stack.gateway.url;
    const bombs = Array.from({ length: 20 }, (_, index) =>
      send(url, { query: index % 2 ? aliasBomb(300) : doublingFragments(30) }, { sub: 'bomber' }),
    );
    const normal = send(
      url,
      { query: `{ young(id: ${JSON.stringify(youngId)}) { id trajectory { at partner } } }` },
      { sub: 'someone-else' },
    );
    const health = fetch(new URL('/health', url)).then((response) => response.status);
    const [refused, answer, live] = await Promise.all([Promise.all(bombs), normal, health]);
    for (const bomb of refused) tooComplex(bomb);
    served(answer);
    expect(answer.body.data!.young.id).toBe(youngId);
    expect(answer.body.data!.young.trajectory.length).toBeGreaterThan(0);
    expect(live).toBe(200);
  });

  it('/health answers while a heavy, allowed request runs', async () => {
    const url = hub.stack.gateway.url;
    const heavy = send(url, {
      query: '{ youngs(first: 20) { nodes { id trajectory { at } suggestedOffers(first: 3) { score } } } }',
    });
    const health = await fetch(new URL('/health', url));
    expect(health.status).toBe(200);
    const answer = await heavy;
    served(answer);
    expect(answer.body.data!.youngs.nodes.length).toBeGreaterThan(0);
  });
});

describe('trusted documents required', () => {
  const url = () => guarded.url;
  let caller = 0;
  /** A caller of its own per request, so that the rate limits below stay out of the way. */
  const fresh = () => ({ sub: `trusted-${(caller += 1)}`, org: `ORG-TRUSTED-${caller}` });

  it('an unregistered document is refused, whatever it asks', async () => {
    const answer = await send(url(), { query: '{ territories(kind: BASSIN) { code } }' }, fresh());
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: expect.stringContaining('registered operations only'),
        extensions: { code: 'UNTRUSTED_DOCUMENT' },
      },
    ]);
    expect(await metricsOf(url())).toMatch(/hub_gateway_refusals_total\{reason="untrusted_document"\} 1/);
  });

  it('a registered document is served: by its text, its documentId or its APQ hash', async () => {
    const hash = sha256(REGISTERED);
    const bodies = [
      { query: REGISTERED },
      { documentId: `sha256:${hash}` },
      { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
    ];
    for (const body of bodies) {
      const answer = await send(url(), body, fresh());
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data!.territories.length).toBeGreaterThan(0);
    }
  });

  it('a registered document named by hash in a GET is served too', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(REGISTERED) } });
    const response = await fetch(`${url()}?extensions=${encodeURIComponent(extensions)}`, {
      headers: { authorization: `Bearer ${await hub.tokenFor(fresh())}`, 'apollo-require-preflight': '1' },
    });
    const body = (await response.json()) as Answer['body'];
    expect(body.errors).toBeUndefined();
    expect(body.data!.territories.length).toBeGreaterThan(0);
  });

  it('an id nobody registered: PERSISTED_QUERY_NOT_FOUND, and no client can register one', async () => {
    const unknown = { persistedQuery: { version: 1, sha256Hash: sha256('{ territories { code } }') } };
    const first = await send(url(), { extensions: unknown }, fresh());
    expect(first.body.errors).toEqual([
      { message: expect.any(String), extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    ]);
    // Sending the text with the hash, as APQ clients do, is refused and registers nothing.
    const registering = await send(
      url(),
      { query: '{ territories { code } }', extensions: unknown },
      fresh(),
    );
    expect(registering.body.errors![0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
    const again = await send(url(), { extensions: unknown }, fresh());
    expect(again.body.errors![0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('rate limits', () => {
  const url = () => guarded.url;

  it('past its limit a caller gets 429 with Retry-After; another caller is still served', async () => {
    const caller = { sub: 'rate-caller', org: 'ORG-RATE-CALLER' };
    const answers = [];
    for (let request = 0; request <= CALLER_LIMIT; request += 1)
      answers.push(await send(url(), { query: REGISTERED }, caller));
    expect(answers.slice(0, CALLER_LIMIT).map((answer) => answer.status)).toEqual([200, 200, 200]);
    const refused = answers[CALLER_LIMIT];
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors).toEqual([
      {
        message: expect.stringContaining('Too many requests from this caller'),
        extensions: { code: 'RATE_LIMITED', scope: 'caller', retryAfter: expect.any(Number) },
      },
    ]);
    const other = await send(url(), { query: REGISTERED }, { sub: 'rate-other', org: 'ORG-RATE-OTHER' });
    expect(other.status).toBe(200);
    expect(await metricsOf(url())).toMatch(/hub_gateway_refusals_total\{reason="rate_limit_caller"\} 1/);
  });

  it('an organisation’s callers share its limit', async () => {
    const statuses = [];
    for (let request = 0; request <= ORGANISATION_LIMIT; request += 1)
      statuses.push(
        (await send(url(), { query: REGISTERED }, { sub: `org-member-${request}`, org: 'ORG-RATE' })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await send(url(), { query: REGISTERED }, { sub: 'org-member-late', org: 'ORG-RATE' });
    expect(refused.body.errors![0].extensions).toEqual(
      expect.objectContaining({ code: 'RATE_LIMITED', scope: 'organisation' }),
    );
  });

  it('several gateways count together in PostgreSQL', async () => {
    const shared: GatewayProtection = {
      limits: limitsFromEnvironment({}),
      trustedDocuments: { mode: 'allowed', documents: new Map() },
      rateLimits: {
        perCaller: 2,
        perOrganisation: 0,
        windowSeconds: 600,
        store: { kind: 'postgres', databaseUrl: hub.stack.cluster!.superuserUrlFor('postgres') },
      },
    };
    const first = await gatewayWith(shared);
    const second = await gatewayWith(shared);
    try {
      const caller = { sub: 'rate-shared', org: 'ORG-RATE-SHARED' };
      const statuses = [];
      for (const gateway of [first, second, first, second])
        statuses.push((await send(gateway.url, { query: REGISTERED }, caller)).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
