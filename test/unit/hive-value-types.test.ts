import { composeServices } from '@apollo/composition';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { parse } from 'graphql';

/**
 * The minimal reproduction of why each partner contributes its candidates and its trajectory events
 * under its own type name (platform/graphql/partner-types.ts): two subgraphs return one shared value
 * type from `@requires` fields — valid Federation 2, composed by @apollo/composition and served by
 * @apollo/gateway — and Hive Gateway 2.15 refuses the supergraph ("Multiple canonical definitions"):
 * graphql-tools isolates each subgraph's computed fields and marks their value types canonical in
 * each. If this test fails after an upgrade, Hive has fixed it and the per-partner names could go.
 */
const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@external", "@requires", "@shareable"])`;

function supergraph(shared: boolean): string {
  const box = (partner: string) => (shared ? 'Box' : `${partner}Box`);
  const contributor = (partner: string) => `${LINK}
    type Person @key(fields: "id") {
      id: ID!
      facts: String @external
      ${partner.toLowerCase()}Boxes: [${box(partner)}!] @requires(fields: "facts")
    }
    type ${box(partner)} @shareable { label: String! }
    type Query { ${partner.toLowerCase()}Version: String }`;
  const owner = `${LINK}
    type Person @key(fields: "id") {
      id: ID!
      facts: String
      aBoxes: [${box('A')}!] @external
      bBoxes: [${box('B')}!] @external
      summary: String @requires(fields: "aBoxes { label } bBoxes { label }")
    }
    ${[...new Set([box('A'), box('B')])].map((name) => `type ${name} @shareable { label: String! }`).join('\n')}
    type Query { person(id: ID!): Person }`;
  const result = composeServices([
    { name: 'a', url: 'http://a.invalid/graphql', typeDefs: parse(contributor('A')) },
    { name: 'b', url: 'http://b.invalid/graphql', typeDefs: parse(contributor('B')) },
    { name: 'owner', url: 'http://owner.invalid/graphql', typeDefs: parse(owner) },
  ]);
  if (result.errors) throw new Error(result.errors.map(String).join('\n'));
  return result.supergraphSdl;
}

/** Whether Hive Gateway builds its schema from the supergraph (it does so on the first request). */
async function hiveLoads(supergraphSdl: string): Promise<boolean> {
  const runtime = createGatewayRuntime({ supergraph: supergraphSdl, logging: false });
  try {
    const response = await runtime.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __type(name: "Person") { name } }' }),
    });
    const body = (await response.json()) as { data?: { __type?: { name: string } } };
    return body.data?.__type?.name === 'Person';
  } finally {
    await runtime.dispose();
  }
}

describe('value types returned by @requires fields in several subgraphs', () => {
  it('compose with @apollo/composition either way', () => {
    expect(() => supergraph(true)).not.toThrow();
    expect(() => supergraph(false)).not.toThrow();
  });

  it('are refused by Hive Gateway when shared, and served when each subgraph names its own', async () => {
    expect(await hiveLoads(supergraph(true))).toBe(false);
    expect(await hiveLoads(supergraph(false))).toBe(true);
  });
});
