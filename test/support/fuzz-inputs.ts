import fc from 'fast-check';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  Kind,
  buildASTSchema,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { SUBGRAPHS, type SubgraphName } from '../../platform/partners';

/**
 * Scenarios for fuzzing the mutations' inputs, generated from the composed supergraph: every root
 * mutation, every argument and every field of its input, each leaf given a valid value by default and,
 * for the few leaves a scenario picks, a hostile one of its type (text with NUL, controls, escape
 * sequences, surrogates, zero-width or bidi characters, or far too long; impossible or absurd dates;
 * unknown codes and ids; out-of-range numbers; values no enum has; null where a value is required).
 */

/** One mutation of the supergraph: its name, its subgraph and its arguments. */
export interface FuzzedMutation {
  name: string;
  subgraph: SubgraphName;
  args: readonly GraphQLArgument[];
  /** `mutation($input: X!, …) { name(input: $input, …) { __typename } }` */
  document: string;
}

/** What a valid value of a leaf is made of, for this run (the person, the caller's organisation…). */
export interface FuzzWorld {
  youngId: string;
  bassin: string;
  /** The code of the calling organisation, per subgraph. */
  organisationOf: (subgraph: SubgraphName) => string;
  /** Today, YYYY-MM-DD: valid days are just before it. */
  today: string;
}

/** One leaf of a mutation's arguments: its path (`input.summary`) and its type. */
export interface Leaf {
  path: string[];
  type: GraphQLInputType;
}

const subgraphByGraph = (graph: string): SubgraphName => {
  const found = Object.values(SUBGRAPHS).find(
    (profile) => profile.name.toUpperCase().replace(/-/g, '_') === graph,
  );
  if (!found) throw new Error(`No subgraph for join__Graph ${graph}`);
  return found.name;
};

/** Every root mutation of the supergraph, with the subgraph that resolves it. */
export function supergraphMutations(supergraphSdl: string): FuzzedMutation[] {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  return Object.values(mutation.getFields()).map((field: GraphQLField<unknown, unknown>) => {
    const join = field.astNode?.directives?.find((directive) => directive.name.value === 'join__field');
    const graph = join?.arguments?.find((argument) => argument.name.value === 'graph')?.value;
    if (graph?.kind !== Kind.ENUM) throw new Error(`Mutation.${field.name} names no subgraph`);
    const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
    const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    return {
      name: field.name,
      subgraph: subgraphByGraph(graph.value),
      args: field.args,
      document: `mutation(${variables}) { ${field.name}(${passed}) { __typename } }`,
    };
  });
}

/** Every leaf (scalar, enum, or list of them) of a mutation's arguments. */
export function leavesOf(mutation: FuzzedMutation): Leaf[] {
  const walk = (path: string[], type: GraphQLInputType): Leaf[] => {
    const named = type instanceof GraphQLNonNull ? type.ofType : type;
    if (named instanceof GraphQLInputObjectType)
      return Object.values(named.getFields()).flatMap((field) => walk([...path, field.name], field.type));
    return [{ path, type }];
  };
  return mutation.args.flatMap((arg) => walk([arg.name], arg.type));
}

const DAY_FIELD = /On$/;

/** A valid value for a leaf, from its name and type. */
function validLeaf(
  path: string[],
  type: GraphQLInputType,
  world: FuzzWorld,
  subgraph: SubgraphName,
): unknown {
  const name = path[path.length - 1];
  const required = type instanceof GraphQLNonNull;
  const inner = required ? type.ofType : type;
  if (inner instanceof GraphQLList) {
    const item = validLeaf(path, inner.ofType, world, subgraph);
    return item === null ? null : [item];
  }
  if (inner instanceof GraphQLEnumType) return inner.getValues()[0].value;
  if (!(inner instanceof GraphQLScalarType)) return null;
  const days = (offset: number) => new Date(Date.parse(world.today) + offset * 86_400_000).toISOString();
  switch (inner.name) {
    case 'Int':
      if (name === 'expectedVersion') return 1;
      if (name === 'ageMin') return 16;
      if (name === 'ageMax') return 25;
      return 10;
    case 'Boolean':
      return true;
    case 'LocalDate':
      return days(-1).slice(0, 10);
    case 'DateTimeISO':
      return days(-1);
  }
  if (name === 'youngId') return world.youngId;
  if (name === 'idempotencyKey') return null;
  if (name.endsWith('Id')) return required ? `${subgraph}:00000000-0000-4000-8000-000000000000` : null;
  if (name === 'at') return days(-1).replace('Z', '+00:00');
  if (name === 'startsOn' || name === 'endsOn') return days(name === 'endsOn' ? 90 : 30).slice(0, 10);
  if (DAY_FIELD.test(name)) return days(-1).slice(0, 10);
  if (/organisation|Org$/i.test(name)) return world.organisationOf(subgraph);
  if (name === 'bassin') return world.bassin;
  if (name === 'campaign') return '2025-S2';
  if (name === 'contactPhone') return '04 76 00 00 00';
  return required ? 'Texte valide' : null;
}

/** The arguments of a mutation, every leaf valid. */
export function validArguments(mutation: FuzzedMutation, world: FuzzWorld): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const leaf of leavesOf(mutation)) {
    let target = variables;
    for (const key of leaf.path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[leaf.path[leaf.path.length - 1]] = validLeaf(leaf.path, leaf.type, world, mutation.subgraph);
  }
  return variables;
}

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const HOSTILE_PIECES = [
  '\u0000',
  '\u0007',
  '\u0008',
  '\r',
  '\n',
  '\u001b[31m',
  '\u001b]0;pwned\u0007',
  '\u009b2J',
  '\u007f',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\u202e',
  '\u2066',
  '\u2028',
  ...ZERO_WIDTH,
  'e\u0301',
  '\ufffd',
  "'; DROP TABLE young; --",
  '%s%n',
  '{{7*7}}',
];

/** Text a hostile or broken client would send. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 8 }))
    .map((parts) => parts.join('')),
  fc
    .array(fc.constantFrom(...ZERO_WIDTH, ' ', '\u00a0', '\u3000'), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
  fc.constantFrom('', ' ', 'x'.repeat(2001), 'é'.repeat(70_000)),
);

/** Days and instants that do not exist, are absurd or are not days at all. */
const hostileDay = fc.constantFrom(
  '2025-02-29',
  '2024-02-30',
  '2025-04-31',
  '2025-13-01',
  '2025-00-10',
  '0000-01-01',
  '1899-12-31',
  '1900-01-01',
  '1901-01-01',
  '2100-12-31',
  '9999-12-31',
  '+275760-09-13',
  '2025-1-1',
  '2025-01-01T00:00:00Z',
  '2025-01-01T25:00:00+01:00',
  '2025-01-01T10:00:00',
  '2025-06-01T10:00:00+25:00',
  'yesterday',
  '',
);

/** Codes and ids of nothing that exists. */
const hostileCode = fc.constantFrom(
  'PSAD-00-XXX',
  'PSAD-TEST',
  '0000000A',
  '9999999Z',
  '12345678901234',
  '00000000000000',
  'ZZZZZZZZ',
  'psad:00000000-0000-4000-8000-000000000000',
  'cfa:not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  'education-nationale:',
  'x'.repeat(300),
);

const hostileInt = fc.oneof(
  fc.integer(),
  fc.constantFrom(-1, 0, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 1.5, Number.MAX_SAFE_INTEGER),
);

/** A hostile value for a leaf of this type (sometimes of the wrong type altogether). */
export function hostileLeaf(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  const wrongType = fc.constantFrom<unknown>(null, 42, true, { nested: 'object' }, ['list']);
  if (inner instanceof GraphQLList)
    return fc.oneof(fc.array(hostileLeaf(inner.ofType), { maxLength: 3 }), wrongType);
  if (inner instanceof GraphQLEnumType)
    return fc.oneof(
      fc.constantFrom(...inner.getValues().map((value) => value.value as unknown)),
      fc.constantFrom('NOT_A_VALUE', '', 'IN_FORCE\u0000'),
      wrongType,
    );
  switch ((inner as GraphQLScalarType).name) {
    case 'Int':
      return fc.oneof({ weight: 4, arbitrary: hostileInt }, wrongType);
    case 'Boolean':
      return wrongType;
    case 'LocalDate':
    case 'DateTimeISO':
      return fc.oneof({ weight: 3, arbitrary: hostileDay }, hostileText, wrongType);
    default:
      return fc.oneof(
        { weight: 4, arbitrary: hostileText },
        { weight: 2, arbitrary: hostileDay },
        { weight: 2, arbitrary: hostileCode },
        wrongType,
      );
  }
}

/** One fuzzing scenario: a mutation, and a few of its leaves replaced by hostile values. */
export interface FuzzScenario {
  mutation: FuzzedMutation;
  replaced: { path: string[]; value: unknown }[];
}

/** Scenarios over every mutation of the list, each replacing one to three of its leaves. */
export function fuzzScenarios(mutations: FuzzedMutation[]): fc.Arbitrary<FuzzScenario> {
  return fc.constantFrom(...mutations).chain((mutation) => {
    const leaves = leavesOf(mutation);
    const replacement = fc
      .constantFrom(...leaves)
      .chain((leaf) => hostileLeaf(leaf.type).map((value) => ({ path: leaf.path, value })));
    return fc.array(replacement, { minLength: 1, maxLength: 3 }).map((replaced) => ({ mutation, replaced }));
  });
}

/** The variables of a scenario: valid arguments, with its replacements. */
export function scenarioVariables(scenario: FuzzScenario, world: FuzzWorld): Record<string, unknown> {
  const variables = validArguments(scenario.mutation, world);
  for (const { path, value } of scenario.replaced) {
    let target = variables;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = value;
  }
  return variables;
}

/** A scenario as a line a reader can replay by hand (control characters escaped). */
export function describeScenario(scenario: FuzzScenario): string {
  const replaced = scenario.replaced.map(({ path, value }) => {
    const shown = typeof value === 'string' && value.length > 80 ? `<${value.length} characters>` : value;
    return `${path.join('.')}=${JSON.stringify(shown)}`;
  });
  return `${scenario.mutation.name}(${replaced.join(', ')})`;
}
