import { randomUUID } from 'node:crypto';
import { protectionFromEnvironment } from '../../gateway/protection';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../platform/auth/internal-token';
import { DEFAULT_ALGORITHMS, DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../../platform/auth/keys';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/partners';
import { readSupergraph } from '../../scripts/lib/composition';
import { startTestHub, TEST_CALLER, type TestHub } from '../harness';

/**
 * Class 8 of issue 11 (docs/threat-model.md): errors tell nothing. A hostile client (or anyone on
 * the internal network) sends what is not a GraphQL request: every answer is the hub's own
 * GraphQL-shaped body — never Express's page, a stack trace or a file path — and, in production,
 * no "Did you mean …?" spells the schema out.
 */
let hub: TestHub;
let production: RunningGateway;

beforeAll(async () => {
  hub = await startTestHub();
  // The same hub behind a gateway in production mode.
  production = await startGateway({
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
    production: true,
    // Ad-hoc documents, as a hostile client sends them (a production hub requires registered ones).
    protection: protectionFromEnvironment({ HUB_TRUSTED_DOCUMENTS: 'allowed' }, true),
    log: () => undefined,
  });
});

afterAll(async () => {
  await production?.stop();
  await hub?.stop();
});

interface Raw {
  status: number;
  contentType: string;
  text: string;
}

async function send(url: string, init: RequestInit): Promise<Raw> {
  const response = await fetch(url, init);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** The hub's own body: JSON, `{"errors":[{message, extensions:{code}}]}`, nothing of the server's insides. */
function expectHubError(answer: Raw, status: number, code: string): void {
  expect({ status: answer.status, contentType: answer.contentType }).toEqual({
    status,
    contentType: expect.stringContaining('application/json'),
  });
  const body = JSON.parse(answer.text) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body).toEqual({
    errors: [{ message: expect.any(String), extensions: expect.objectContaining({ code }) }],
  });
  expect(answer.text).not.toMatch(/\n\s+at |\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|\.js:\d+/);
  expect(answer.text).not.toMatch(/stacktrace|<html|<pre>|Cannot (GET|POST|PUT)/i);
}

describe('at the gateway', () => {
  const authorised = async (headers: Record<string, string> = {}) => ({
    authorization: `Bearer ${await hub.tokenFor()}`,
    ...headers,
  });
  const url = () => hub.stack.gateway.url;

  it('a body that is not JSON: 400 BAD_REQUEST', async () => {
    const answer = await send(url(), {
      method: 'POST',
      headers: await authorised({ 'content-type': 'application/json' }),
      body: '{"query": "{ __typename }"',
    });
    expectHubError(answer, 400, 'BAD_REQUEST');
  });

  it('a body over the limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await send(url(), {
      method: 'POST',
      headers: await authorised({ 'content-type': 'application/json' }),
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expectHubError(answer, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body that is not application/json: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const answer = await send(url(), {
        method: 'POST',
        headers: await authorised({ 'content-type': contentType }),
        body: 'query={__typename}',
      });
      expectHubError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('a method GraphQL is not served with: 405 METHOD_NOT_ALLOWED', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const answer = await send(url(), {
        method,
        headers: await authorised({ 'content-type': 'application/json' }),
        body: '{}',
      });
      expectHubError(answer, 405, 'METHOD_NOT_ALLOWED');
    }
  });

  it('a route that does not exist: 404 ROUTE_NOT_FOUND', async () => {
    const base = new URL(url());
    for (const path of ['/', '/admin', '/graphql/../../etc/passwd', '/.env']) {
      const answer = await send(new URL(path, base).toString(), { method: 'GET' });
      expectHubError(answer, 404, 'ROUTE_NOT_FOUND');
    }
  });

  it('a GET with bad parameters, a batch, an empty body: 400 BAD_REQUEST', async () => {
    const get = await send(`${url()}?query=%7B__typename%7D&variables=%7Bnot-json`, {
      method: 'GET',
      headers: await authorised({ 'apollo-require-preflight': 'true' }),
    });
    expectHubError(get, 400, 'BAD_REQUEST');
    const batch = await send(url(), {
      method: 'POST',
      headers: await authorised({ 'content-type': 'application/json' }),
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expectHubError(batch, 400, 'BAD_REQUEST');
    const empty = await send(url(), {
      method: 'POST',
      headers: await authorised({ 'content-type': 'application/json' }),
      body: '',
    });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expectHubError(empty, empty.status, 'BAD_REQUEST');
  });

  it('in production, a misspelled field or value is refused without a "Did you mean"', async () => {
    const token = await hub.tokenFor();
    for (const query of [
      '{ youngs(first: 1) { nodes { firstNme } } }',
      '{ yongs(first: 1) { totalCount } }',
      'mutation { recordOpposition(youngId: "x", partner: PJ) { inForce } }',
    ]) {
      const answer = await send(production.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(answer.text).not.toMatch(/Did you mean|firstName|youngs|PJJ/);
    }
  });

  it('outside production, the hint is still given to developers', async () => {
    const answer = await hub.query('{ youngs(first: 1) { nodes { firstNme } } }');
    expect(answer.errors![0].message).toMatch(/Did you mean "firstName"/);
  });
});

describe('at a subgraph port (the internal network)', () => {
  const url = (name: SubgraphName) => hub.stack.subgraphs[name].url;
  const token = (name: SubgraphName, body: string) =>
    signInternalToken(
      { caller: TEST_CALLER, requestId: randomUUID() },
      name,
      hub.keys.internal.privateKey,
      body,
    );
  const signed = async (name: SubgraphName, body: string, contentType = 'application/json') => ({
    method: 'POST',
    headers: { 'content-type': contentType, [INTERNAL_TOKEN_HEADER]: await token(name, body) },
    body,
  });

  it('a body that is not JSON, even with a valid token: 400 BAD_REQUEST', async () => {
    expectHubError(await send(url('psad'), await signed('psad', '{"query":')), 400, 'BAD_REQUEST');
  });

  it('a body over the limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(3 * 1024 * 1024) });
    expectHubError(await send(url('pjj'), await signed('pjj', body)), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body that is not application/json: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    expectHubError(
      await send(url('missions-locales'), await signed('missions-locales', body, 'text/plain')),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('a route that does not exist: 404 ROUTE_NOT_FOUND, with or without a token', async () => {
    for (const name of SUBGRAPH_NAMES) {
      const base = new URL(url(name));
      expectHubError(
        await send(new URL('/admin', base).toString(), { method: 'GET' }),
        404,
        'ROUTE_NOT_FOUND',
      );
    }
  });
});
