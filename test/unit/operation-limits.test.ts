import { readFileSync } from 'node:fs';
import { Kind, parse, type InlineFragmentNode, type OperationDefinitionNode } from 'graphql';
import { inlineFragments } from '../../gateway/access-control';
import {
  ceilingOf,
  DEFAULT_LIMITS,
  DEFAULT_LIST_SIZE,
  DEFAULT_WEIGHTS,
  limitsFromEnvironment,
  limitVariable,
  ROLE_LIMITS,
} from '../../gateway/limits';
import { countTokens, measureOperations, schemaShapeOf } from '../../gateway/operation-cost';
import { breachMessage, breachOf } from '../../gateway/operation-guard';
import { PROJECT_ROOT } from '../../platform/paths';
import { aliasBomb, chainedFragments, doublingFragments } from '../support/operation-bombs';

const SUPERGRAPH = readFileSync(`${PROJECT_ROOT}/schema/supergraph.graphql`, 'utf8');
const shape = schemaShapeOf(SUPERGRAPH);
const settings = limitsFromEnvironment({});
const model = settings.model;
const coordinator = settings.byRole['psad-coordinator'];
const TRAJECTORY = DEFAULT_WEIGHTS['Young.trajectory'];
const SUGGESTIONS = DEFAULT_WEIGHTS['Young.suggestedOffers'];
const YOUNGS = DEFAULT_WEIGHTS['Query.youngs'];

function measure(query: string, variables: Record<string, unknown> = {}) {
  const measures = [...measureOperations(parse(query), shape, model, variables).values()];
  expect(measures).toHaveLength(1);
  return measures[0];
}

describe('the shape of the supergraph', () => {
  it('knows each field’s type, whether it is a list, and the default of its `first`', () => {
    expect(shape.get('Query.young')).toEqual({ type: 'Young', list: false });
    expect(shape.get('Young.trajectory')).toEqual({ type: 'TrajectoryEvent', list: true });
    expect(shape.get('Young.suggestedOffers')).toEqual({
      type: 'OfferSuggestion',
      list: true,
      firstDefault: 10,
    });
    expect(shape.get('Query.youngs')).toEqual({ type: 'YoungConnection', list: false, firstDefault: 20 });
  });
});

describe('the cost estimate', () => {
  it('counts the answer’s fields, each once per item of the lists around it, and the fan-out weights', () => {
    // young 1 + trajectory (1 + DEFAULT_LIST_SIZE events × 2 fields), and trajectory's weight
    expect(measure('{ young(id: "x") { trajectory { at summary } } }').cost).toBe(
      1 + (1 + DEFAULT_LIST_SIZE * 2) + TRAJECTORY,
    );
  });

  it('sizes a list by its `first`: literal, variable, the variable’s default, the argument’s default', () => {
    const page = (first: string) => `{ youngs(${first}) { nodes { id firstName } } }`;
    // youngs 1 + first × (nodes 1 + its list, sized by the connection: 2 fields), and youngs' weight
    const cost = (first: number) => 1 + first * (1 + 2) + YOUNGS;
    expect(measure(page('first: 3')).cost).toBe(cost(3));
    expect(measure(`query ($n: Int!) ${page('first: $n')}`, { n: 40 }).cost).toBe(cost(40));
    expect(measure(`query ($n: Int! = 7) ${page('first: $n')}`).cost).toBe(cost(7));
    expect(measure('{ youngs { nodes { id firstName } } }').cost).toBe(cost(20));
  });

  it('weighs a fanning-out field once per occurrence, not per item: the gateway fetches it for the list', () => {
    const light = measure('{ young(id: "x") { id } }').cost;
    const heavy = measure('{ young(id: "x") { id suggestedOffers { score } } }').cost;
    expect(heavy - light).toBe(1 + 10 * 1 + SUGGESTIONS);
    const page = (fields: string) => measure(`{ youngs(first: 100) { nodes { ${fields} } } }`).cost;
    expect(page('id trajectory { at }') - page('id')).toBe(100 * (1 + DEFAULT_LIST_SIZE) + TRAJECTORY);
    expect(page('id a: trajectory { at } b: trajectory { at }') - page('id')).toBe(
      2 * (100 * (1 + DEFAULT_LIST_SIZE) + TRAJECTORY),
    );
  });
});

describe('the measures of an operation', () => {
  it('counts depth, aliases, root fields and directives, fragments expanded', () => {
    expect(
      measure(`
        query { a: young(id: "x") { ...F } b: young(id: "y") @include(if: true) { id } territories { code } }
        fragment F on Young { c: id trajectory @skip(if: false) { at } }
      `),
    ).toEqual(expect.objectContaining({ depth: 3, aliases: 3, rootFields: 3, directives: 2 }));
  });

  it('measures the alias bomb of issue 13 past every limit a coordinator has', () => {
    const measures = measure(aliasBomb(300));
    expect(measures.aliases).toBe(300);
    expect(measures.rootFields).toBe(300);
    expect(measures.cost).toBeGreaterThan(coordinator.cost);
  });

  it('measures fragments that double at each of 30 levels without expanding them', () => {
    const measures = measure(doublingFragments(30));
    // 2^29 copies of trajectory, each 1 + DEFAULT_LIST_SIZE × 1 fields and its weight.
    expect(measures.cost).toBe(1 + 2 ** 29 * (1 + DEFAULT_LIST_SIZE + TRAJECTORY));
    expect(measures.depth).toBe(3);
  });

  it('measures fragments nested 30 deep', () => {
    expect(measure(chainedFragments(30))).toEqual(expect.objectContaining({ depth: 2, cost: 1 + 30 }));
  });

  it('counts a fragment cycle or an unknown fragment for nothing (validation refuses them)', () => {
    const measures = measure(`{ young(id: "x") { ...A ...Nowhere } } fragment A on Young { id ...B }
      fragment B on Young { firstName ...A }`);
    expect(measures).toEqual(expect.objectContaining({ depth: 2, cost: 3 }));
  });
});

describe('tokens', () => {
  it('are counted without parsing, and the count stops past the limit', () => {
    expect(countTokens('{ young(id: "x") { id } }')).toBe(11);
    expect(countTokens('{ a b c d e f }', 3)).toBe(4);
  });
});

describe('the first limit an operation breaks', () => {
  const breach = (query: string, limits = coordinator, variables = {}) =>
    breachOf(query, variables, limits, shape, model);

  it('is none for the hub’s own queries', () => {
    expect(breach('{ youngs(first: 20) { nodes { firstName trajectory { at kind summary } } } }')).toBeNull();
    expect(breach(chainedFragments(30))).toBeNull();
  });

  it('names the limit, the value and the maximum', () => {
    // Its 300 aliases are past the tokens first, which are counted before parsing.
    expect(breach(aliasBomb(300))).toEqual({
      limit: 'tokens',
      value: coordinator.tokens + 1,
      max: coordinator.tokens,
    });
    expect(breach(aliasBomb(300), { ...coordinator, tokens: 100_000 })).toEqual({
      limit: 'aliases',
      value: 300,
      max: coordinator.aliases,
    });
    expect(breach(doublingFragments(30))).toEqual({
      limit: 'cost',
      value: 1 + 2 ** 29 * (1 + DEFAULT_LIST_SIZE + TRAJECTORY),
      max: coordinator.cost,
    });
    expect(breach('{ a { b { c } } }', { ...coordinator, depth: 2 })).toEqual({
      limit: 'depth',
      value: 3,
      max: 2,
    });
    expect(breach('{ a b c }', { ...coordinator, tokens: 2 })).toEqual({ limit: 'tokens', value: 3, max: 2 });
    expect(breach('{ a b c }', { ...coordinator, rootFields: 2 })).toEqual({
      limit: 'rootFields',
      value: 3,
      max: 2,
    });
    expect(breach('{ a @x @y }', { ...coordinator, directives: 1 })).toEqual({
      limit: 'directives',
      value: 2,
      max: 1,
    });
  });

  it('depends on variables: a page of 5,000 trajectories and suggestions is too much', () => {
    const query =
      'query ($n: Int!) { youngs(first: $n) { nodes { trajectory { at kind partner summary } ' +
      'suggestedOffers { score } } } }';
    expect(breach(query, coordinator, { n: 100 })).toBeNull();
    expect(breach(query, coordinator, { n: 5000 })).toEqual(expect.objectContaining({ limit: 'cost' }));
  });

  it('leaves a document that does not parse to Apollo', () => {
    expect(breach('{ young(id: ')).toBeNull();
  });

  it('says it in words a client can act on', () => {
    expect(breachMessage({ limit: 'rootFields', value: 40, max: 20 })).toBe(
      'The operation is too complex: root fields 40, at most 20 for your role. ' +
        'Ask for fewer fields or smaller pages, or split the operation.',
    );
  });
});

describe('limits by role', () => {
  it('are the defaults, with each role’s own', () => {
    expect(settings.byRole['psad-coordinator']).toEqual(DEFAULT_LIMITS);
    expect(settings.byRole.young).toEqual({ ...DEFAULT_LIMITS, ...ROLE_LIMITS.young });
    expect(ceilingOf(settings).cost).toBe(ROLE_LIMITS.dashboard!.cost);
  });

  it('are overridden by HUB_LIMIT_<KIND>, then HUB_LIMIT_<KIND>_<ROLE>', () => {
    expect(limitVariable('rootFields')).toBe('HUB_LIMIT_ROOT_FIELDS');
    expect(limitVariable('cost', 'psad-coordinator')).toBe('HUB_LIMIT_COST_PSAD_COORDINATOR');
    const tuned = limitsFromEnvironment({
      HUB_LIMIT_COST: '100',
      HUB_LIMIT_COST_DASHBOARD: '900',
      HUB_LIMIT_ROOT_FIELDS_YOUNG: '2',
      HUB_COST_LIST_SIZE: '3',
      HUB_COST_WEIGHTS: 'Young.firstName=7',
    });
    expect(tuned.byRole['en-referent'].cost).toBe(100);
    expect(tuned.byRole.young.cost).toBe(100);
    expect(tuned.byRole.dashboard.cost).toBe(900);
    expect(tuned.byRole.young.rootFields).toBe(2);
    expect(tuned.model.defaultListSize).toBe(3);
    expect(tuned.model.weights.get('Young.firstName')).toBe(7);
    expect(tuned.model.weights.get('Young.trajectory')).toBe(TRAJECTORY);
  });

  it('refuse to start on a malformed value, naming the variable', () => {
    expect(() => limitsFromEnvironment({ HUB_LIMIT_DEPTH: 'ten' })).toThrow(/HUB_LIMIT_DEPTH/);
    expect(() => limitsFromEnvironment({ HUB_LIMIT_COST_YOUNG: '0' })).toThrow(/HUB_LIMIT_COST_YOUNG/);
    expect(() => limitsFromEnvironment({ HUB_COST_WEIGHTS: 'trajectory:20' })).toThrow(/HUB_COST_WEIGHTS/);
  });
});

describe('fragment inlining before the access policy', () => {
  it('inlines each fragment once, shared by its spreads, even when they double 30 times', () => {
    const operation = inlineFragments(parse(doublingFragments(30))).definitions[0] as OperationDefinitionNode;
    const young = operation.selectionSet.selections[0];
    expect(young.kind).toBe(Kind.FIELD);
    let level = (young as { selectionSet: { selections: readonly InlineFragmentNode[] } }).selectionSet
      .selections[0];
    for (let depth = 29; depth > 0; depth -= 1) {
      const [left, right] = level.selectionSet.selections as readonly InlineFragmentNode[];
      expect(left.selectionSet).toBe(right.selectionSet);
      level = left;
    }
    expect(level.selectionSet.selections[0]).toEqual(expect.objectContaining({ kind: Kind.FIELD }));
  });
});
