import { relative } from 'node:path';
import { compose, driftedFiles, type Composition } from '../../scripts/lib/composition';
import { SUBGRAPH_NAMES } from '../../platform/partners';

let composition: Composition;

beforeAll(async () => {
  // Throws, listing every composition error, when the subgraphs do not compose.
  composition = await compose();
});

describe('the supergraph', () => {
  it('composes the seven partner subgraphs', () => {
    const graphs = composition.supergraph.match(/enum join__Graph \{([^}]*)\}/)![1];
    expect(
      graphs
        .match(/@join__graph\(name: "([^"]+)"/g)!
        .map((m) => m.split('"')[1])
        .sort(),
    ).toEqual([...SUBGRAPH_NAMES].sort());
  });

  it('is committed exactly as the code generates it (run `npm run compose` after changing a schema)', () => {
    expect(driftedFiles(composition).map((file) => relative(process.cwd(), file))).toEqual([]);
  });

  it('links a Federation 2 spec recent enough for @requiresScopes and @policy', () => {
    for (const name of SUBGRAPH_NAMES)
      expect(composition.subgraphs[name]).toMatch(/specs\.apollo\.dev\/federation\/v2\.(9|1\d)/);
  });
});
