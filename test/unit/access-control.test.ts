import { buildSchema, parse, print } from 'graphql';
import type { Caller } from '../../platform/auth/claims';
import {
  categoriesOf,
  fillRefusedFields,
  inlineFragments,
  pruneOperation,
} from '../../gateway/access-control';

const SUPERGRAPH = `
  directive @category(name: String!) on FIELD_DEFINITION
  type Query { young(id: ID!): Young offers: [Offer!]! }
  type Young { id: ID! firstName: String @category(name: "IDENTITY") enrolments: [Enrolment!] @category(name: "SCHOOLING") }
  type Enrolment { id: ID! classLevel: String }
  type Offer { id: ID! title: String! }
`;
const schema = buildSchema(SUPERGRAPH);
const categories = categoriesOf(SUPERGRAPH);
const NOW = new Date('2026-11-23T10:00:00Z');
const coordinator: Caller = {
  sub: 'c',
  role: 'psad-coordinator',
  org: 'PSAD-38-GRE',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};
const dashboard: Caller = {
  sub: 'd',
  role: 'dashboard',
  org: 'RECTORAT-GRENOBLE',
  territories: ['38-GRE'],
  purpose: 'PILOTAGE_AGREGE',
};

describe('categories read from the supergraph', () => {
  it('maps each tagged field to its category', () => {
    expect(Object.fromEntries(categories)).toEqual({
      'Young.firstName': 'IDENTITY',
      'Young.enrolments': 'SCHOOLING',
    });
  });
});

describe('pruning an operation at the gateway', () => {
  it('leaves an operation untouched when everything depends on the row', () => {
    const document = parse('{ young(id: "x") { firstName enrolments { classLevel } } }');
    const result = pruneOperation(document, schema, categories, coordinator, NOW);
    expect(result.refusals).toEqual([]);
    expect(result.document).toBe(document);
  });

  it('removes what the role can never see, with its path and reason, keeping the rest valid', () => {
    const document = parse(
      '{ young(id: "x") { first: firstName enrolments { classLevel } } offers { title } }',
    );
    const result = pruneOperation(document, schema, categories, dashboard, NOW);
    expect(result.refusals).toEqual([
      { path: ['young', 'first'], field: 'Young.firstName', category: 'IDENTITY', reason: 'AGGREGATES_ONLY' },
      {
        path: ['young', 'enrolments'],
        field: 'Young.enrolments',
        category: 'SCHOOLING',
        reason: 'AGGREGATES_ONLY',
      },
    ]);
    expect(print(result.document).replace(/\s+/g, ' ')).toBe(
      '{ young(id: "x") { __typename } offers { title } }',
    );
  });

  it('follows fields through named fragments to their real response path', () => {
    const document = parse(
      'query { young(id: "x") { ...Person } } fragment Person on Young { id firstName }',
    );
    const result = pruneOperation(document, schema, categories, dashboard, NOW);
    expect(result.refusals.map((refusal) => refusal.path)).toEqual([['young', 'firstName']]);
    expect(print(result.document)).not.toContain('fragment');
  });

  it('refuses a purpose that does not fit before any subgraph is asked', () => {
    const pilot = { ...coordinator, purpose: 'PILOTAGE_AGREGE' as const };
    const result = pruneOperation(parse('{ young(id: "x") { firstName } }'), schema, categories, pilot, NOW);
    expect(result.refusals[0]).toMatchObject({ field: 'Young.firstName', reason: 'PURPOSE_MISMATCH' });
  });
});

describe('answering refused fields', () => {
  it('puts null where a refused field would be, in every list item', () => {
    const data = { youngs: [{ id: 'a' }, { id: 'b' }], young: null };
    fillRefusedFields(data, [
      {
        path: ['youngs', 'firstName'],
        field: 'Young.firstName',
        category: 'IDENTITY',
        reason: 'AGGREGATES_ONLY',
      },
    ]);
    expect(data).toEqual({
      youngs: [
        { id: 'a', firstName: null },
        { id: 'b', firstName: null },
      ],
      young: null,
    });
  });

  it('inlines nested fragments', () => {
    const document = parse(
      '{ young(id: "x") { ...A } } fragment A on Young { ...B } fragment B on Young { id }',
    );
    expect(print(inlineFragments(document)).replace(/\s+/g, ' ')).toBe(
      '{ young(id: "x") { ... on Young { ... on Young { id } } } }',
    );
  });
});
