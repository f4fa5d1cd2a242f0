import fc from 'fast-check';
import { stepsOf, type DemoOrganisation, type DemoWorld, type DemoYoung } from '../../demo/world';
import type { Caller } from '../../platform/auth/claims';
import { addYears, ageAt, parisDay } from '../../platform/calendar';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/partners';
import { ErrorCode } from '../../platform/server/errors';
import { readSupergraph } from '../../scripts/lib/composition';
import { referAndAccept } from '../support/referrals';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';
import {
  describeScenario,
  fuzzScenarios,
  hostileLeaf,
  leavesOf,
  scenarioVariables,
  supergraphMutations,
  validArguments,
  type FuzzedMutation,
  type FuzzScenario,
  type FuzzWorld,
} from '../support/fuzz-inputs';

/**
 * Issue 13, item 5: bad input is never an outage and never a 500. Every mutation of the composed
 * supergraph, every argument and every field of its input, is sent hostile values of its type
 * (test/support/fuzz-inputs.ts) through the real gateway by a caller allowed to make it: no answer
 * is a 5xx or INTERNAL_SERVER_ERROR, every refusal carries a stable code, and no stored text holds a
 * control, bidirectional or replacement character. Seeded: FUZZ_SEED=<n> replays a run; FUZZ_RUNS
 * sets how many random scenarios run after the sweep.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261305);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** What a refusal may say: the hub's codes, the policy's and graphql-js's own. */
const STABLE_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'FORBIDDEN',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
]);
/** What no stored text may hold: controls other than TAB, LF and CR, bidi controls, U+FFFD. */
const UNSAFE_STORED = '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069\\ufffd]';
// eslint-disable-next-line no-control-regex
const UNSAFE_SHOWN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]/u;

let hub: TestHub;
let world: DemoWorld;
let mutations: FuzzedMutation[];
let fuzzWorld: FuzzWorld;
const tokens = new Map<string, string>();

/** A person of 17 to 19 whose bassin has an organisation of every partner, still at school. */
function pickPerson(): DemoYoung {
  const kinds: DemoOrganisation['kind'][] = [
    'MISSION_LOCALE',
    'CFA',
    'E2C_SITE',
    'LYCEE_AGRICOLE',
    'PJJ_UNIT',
  ];
  const hasAll = (bassin: string) =>
    kinds.every((kind) => world.organisations.some((o) => o.bassin === bassin && o.kind === kind));
  const candidates = world.youngs.filter((young) => {
    const age = ageAt(young.birthDate, new Date());
    return age >= 17 && age <= 19 && hasAll(young.bassin);
  });
  return candidates.find((young) => stepsOf(young, 'enrolment').length > 0) ?? candidates[0];
}

/** The organisation that makes a subgraph's mutations, in the person's bassin when it has one. */
function organisationFor(subgraph: SubgraphName, bassin: string, kind?: DemoOrganisation['kind']) {
  const own = world.organisations.filter((o) => o.owner === subgraph && (!kind || o.kind === kind));
  return own.find((o) => o.bassin === bassin) ?? own[0];
}

const ROLE_OF: Partial<Record<SubgraphName, Caller['role']>> = {
  'missions-locales': 'ml-advisor',
  cfa: 'cfa-staff',
  e2c: 'e2c-staff',
  agriculture: 'agri-staff',
  pjj: 'pjj-educator',
};

/** A caller the write rules allow to make this mutation (so that refusals are about the input). */
async function tokenFor(mutation: FuzzedMutation, person: DemoYoung): Promise<string> {
  const key =
    mutation.subgraph === 'psad' || mutation.subgraph === 'education-nationale' ? mutation.name : '';
  const cached = tokens.get(`${mutation.subgraph}|${key}`);
  if (cached) return cached;
  let claims: Partial<Caller>;
  if (mutation.name === 'recordOpposition' || mutation.name === 'withdrawOpposition')
    claims = {
      role: 'dpo',
      org: 'DPD-ACADEMIE-GRENOBLE',
      sub: 'dpo',
      territories: [],
      purpose: 'PILOTAGE_AGREGE',
    };
  else if (mutation.subgraph === 'psad') claims = {};
  else if (mutation.name === 'recordDropoutSignal') {
    const schoolId = stepsOf(person, 'enrolment').at(-1)?.schoolId;
    const school =
      world.organisations.find((o) => o.id === schoolId) ?? organisationFor(mutation.subgraph, person.bassin);
    claims = { role: 'en-referent', org: school.code, sub: 'referent', territories: [school.bassin] };
  } else if (mutation.subgraph === 'education-nationale') {
    const network = organisationFor(mutation.subgraph, person.bassin, 'MLDS');
    claims = { role: 'foquale-network', org: network.code, sub: 'network', territories: [person.bassin] };
  } else {
    const organisation = organisationFor(mutation.subgraph, person.bassin);
    claims = {
      role: ROLE_OF[mutation.subgraph],
      org: organisation.code,
      sub: `staff-${mutation.subgraph}`,
      territories: [...new Set([organisation.bassin, person.bassin])],
    };
  }
  const token = await hub.tokenFor(claims);
  tokens.set(`${mutation.subgraph}|${key}`, token);
  return token;
}

/** Sends a mutation as a client would; the status and body as they came. */
async function send(mutation: FuzzedMutation, variables: Record<string, unknown>, person: DemoYoung) {
  const response = await fetch(hub.stack.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await tokenFor(mutation, person)}`,
    },
    body: JSON.stringify({ query: mutation.document, variables }),
  });
  const text = await response.text();
  return { status: response.status, text };
}

/** Why an answer breaks the rule (a 5xx, INTERNAL_SERVER_ERROR, a refusal without a stable code), or null. */
function breach(answer: { status: number; text: string }): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
  let body: GraphQLAnswer;
  try {
    body = JSON.parse(answer.text) as GraphQLAnswer;
  } catch {
    return `a body that is not JSON: ${answer.text.slice(0, 200)}`;
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code as string | undefined;
    if (!code || !STABLE_CODES.has(code)) return `code ${String(code)}: ${error.message}`;
  }
  if (/\n\s+at |node_modules|\.ts:\d+/.test(answer.text))
    return `a stack trace: ${answer.text.slice(0, 300)}`;
  return null;
}

let person: DemoYoung;

beforeAll(async () => {
  hub = await startTestHub();
  world = hub.stack.world!;
  mutations = supergraphMutations(readSupergraph());
  person = pickPerson();
  fuzzWorld = {
    youngId: person.id,
    bassin: person.bassin,
    organisationOf: (subgraph) =>
      subgraph === 'psad' ? `PSAD-${person.bassin}` : organisationFor(subgraph, person.bassin).code,
    today: parisDay(new Date()),
  };
  // Grounds for each partner that opens follow-ups (a referral its organisation accepted), so that the fuzzing
  // reaches the checks of the input rather than stopping at NO_GROUNDS.
  for (const mutation of mutations.filter((m) => m.name.endsWith('OpenFollowUp'))) {
    const organisation = organisationFor(mutation.subgraph, person.bassin).code;
    await referAndAccept(hub, person.id, organisation, await tokenFor(mutation, person));
  }
  // The seed, so that a failing run can be replayed (FUZZ_SEED).
  console.info(`fuzz-inputs: seed ${SEED}, ${RUNS} random scenarios (FUZZ_SEED, FUZZ_RUNS)`);
});

afterAll(async () => {
  await hub?.stop();
});

it('finds every mutation of every subgraph in the supergraph', () => {
  expect(mutations.length).toBeGreaterThan(40);
  expect(new Set(mutations.map((mutation) => mutation.subgraph))).toEqual(new Set(SUBGRAPH_NAMES));
});

it('never carries a control character into another partner’s view of the trajectory', async () => {
  // The programme of a follow-up is free text that the trajectory shows to everyone who sees it.
  const staff = await tokenFor(
    mutations.find((m) => m.name === 'missionsLocalesOpenFollowUp')!,
    person,
  );
  const open = (programme: string) =>
    hub.query(
      'mutation($input: OpenFollowUpInput!) { missionsLocalesOpenFollowUp(input: $input) { id programme } }',
      { input: { youngId: person.id, programme, openedOn: fuzzWorld.today } },
      { token: staff },
    );
  for (const programme of [
    'CEJ\u001b[2J\u001b[H',
    'CEJ\u0007',
    'CEJ\u202e',
    'CEJ\u0000',
    '\u200b',
    'CEJ\n',
  ]) {
    const refused = await open(programme);
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ field: 'input.programme', message: expect.any(String) }],
    });
  }
  const opened = await open('Pre\u0301pa-apprentissage');
  expect(opened.data?.missionsLocalesOpenFollowUp.programme).toBe('Prépa-apprentissage');
  const followUpId = opened.data!.missionsLocalesOpenFollowUp.id as string;
  const refusedStep = await hub.query(
    'mutation($input: RecordFollowUpEventInput!) { missionsLocalesRecordFollowUpEvent(input: $input) { id } }',
    {
      input: {
        youngId: person.id,
        followUpId,
        at: new Date().toISOString(),
        kind: 'INTERVIEW',
        summary: 'Entretien\u001b[31m',
      },
    },
    { token: staff },
  );
  expect(refusedStep.errors?.[0].extensions?.field).toBe('input.summary');
  // The PSAD coordinator of the territory reads the trajectory the Mission locale wrote into.
  const read = await hub.query('query($id: ID!) { young(id: $id) { trajectory { partner summary } } }', {
    id: person.id,
  });
  const summaries = (read.data!.young.trajectory as { summary: string }[]).map((event) => event.summary);
  expect(summaries).toEqual(
    expect.arrayContaining([expect.stringContaining('Accompagnement Prépa-apprentissage')]),
  );
  expect(summaries.filter((summary) => UNSAFE_SHOWN.test(summary))).toEqual([]);
});

it('accepts the valid arguments the fuzzing starts from, for the writes that need no prior row', async () => {
  // Otherwise the fuzzing would only ever meet the first check: each of these gets past validation.
  for (const name of ['cfaOpenFollowUp', 'pjjPublishSignal']) {
    const mutation = mutations.find((m) => m.name === name)!;
    const answer = JSON.parse((await send(mutation, validArguments(mutation, fuzzWorld), person)).text);
    expect({ name, errors: answer.errors ?? [] }).toEqual({ name, errors: [] });
  }
});

it('refuses an organisation code nobody has, and a day before the person was born', async () => {
  const call = (name: string, variables: Record<string, unknown>) =>
    send(
      mutations.find((m) => m.name === name)!,
      variables,
      person,
    ).then((answer) => JSON.parse(answer.text) as GraphQLAnswer);
  const errorOn = (answer: GraphQLAnswer, field: string) =>
    (answer.errors?.[0].extensions?.fieldErrors as { field: string; message: string }[] | undefined)?.find(
      (error) => error.field === field,
    )?.message;
  // Shaped like a UAI of Isère, known to nobody; then a Mission locale that exists.
  const unknown = await call('openPsadCase', {
    input: { youngId: person.id, campaign: '2025-S2', followerOrg: '0389999Z' },
  });
  expect(errorOn(unknown, 'input.followerOrg')).toBe(
    '"followerOrg" names no organisation the hub knows ("0389999Z")',
  );
  const known = await call('openPsadCase', {
    input: {
      youngId: person.id,
      campaign: '1999-S1',
      followerOrg: organisationFor('missions-locales', person.bassin).code,
    },
  });
  expect(errorOn(known, 'input.followerOrg')).toBeUndefined();
  // A year before the birth: before it, whatever the person's birthday, for a partner that knows only an age.
  const beforeBirth = addYears(person.birthDate, -1);
  const dated: [string, string, Record<string, unknown>][] = [
    ['e2cOpenFollowUp', 'openedOn', { programme: 'Parcours E2C', openedOn: beforeBirth }],
    [
      'pjjPublishSignal',
      'publishedOn',
      { contactName: 'Éducatrice', contactPhone: '04 76 00 00 00', publishedOn: beforeBirth },
    ],
    [
      'openFoqualeContract',
      'initialReviewOn',
      { initialReviewOn: beforeBirth, needs: 'n', skills: 's', level: 'l' },
    ],
  ];
  for (const [name, field, input] of dated) {
    const answer = await call(name, { input: { youngId: person.id, ...input } });
    expect({ name, message: errorOn(answer, `input.${field}`) }).toEqual({
      name,
      message: `"${field}" (${beforeBirth}) must not be before the person was born`,
    });
  }
});

it('answers every hostile value of every argument of every mutation without a 500', async () => {
  const breaches: string[] = [];
  const codes: Record<string, number> = {};
  // A subgraph that refuses a variable with HTTP 400 is bad input, never an outage: the gateway says
  // BAD_USER_INPUT (gateway/subgraph-client.ts), and no client can make a partner look down.
  const unavailable: string[] = [];
  let sent = 0;
  for (const mutation of mutations) {
    for (const leaf of leavesOf(mutation)) {
      const values = fc.sample(hostileLeaf(leaf.type), { numRuns: 1, seed: SEED + sent });
      for (const value of values) {
        const scenario: FuzzScenario = { mutation, replaced: [{ path: leaf.path, value }] };
        const answer = await send(mutation, scenarioVariables(scenario, fuzzWorld), person);
        const problem = breach(answer);
        sent++;
        for (const code of answer.text.match(/"code":"[A-Z_]+"/g) ?? [])
          codes[code.slice(8, -1)] = (codes[code.slice(8, -1)] ?? 0) + 1;
        if (problem) breaches.push(`${describeScenario(scenario)} → ${problem}`);
        if (answer.text.includes(ErrorCode.PARTNER_UNAVAILABLE)) unavailable.push(describeScenario(scenario));
      }
    }
  }
  console.info(
    `fuzz-inputs: ${sent} hostile arguments sent; answers by code: ${JSON.stringify(codes)}; ` +
      `PARTNER_UNAVAILABLE on: ${unavailable.join(' ; ') || 'none'}`,
  );
  expect(sent).toBeGreaterThan(250);
  expect(breaches).toEqual([]);
  expect(unavailable).toEqual([]);
  // Most hostile values are refused as bad input, field by field, not merely by someone's role.
  expect(codes.BAD_USER_INPUT).toBeGreaterThan(sent / 2);
});

it('answers random hostile combinations without a 500 (fast-check, seeded)', async () => {
  await fc.assert(
    fc.asyncProperty(fuzzScenarios(mutations), async (scenario) => {
      const problem = breach(await send(scenario.mutation, scenarioVariables(scenario, fuzzWorld), person));
      if (problem) throw new Error(`${describeScenario(scenario)} → ${problem}`);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
});

it('stored no text with a control, bidirectional or replacement character, and logged no [object Object]', async () => {
  const found: string[] = [];
  for (const name of SUBGRAPH_NAMES) {
    const db = hub.stack.subgraphs[name].dataSource;
    const columns: { table_name: string; column_name: string }[] = await db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')`,
    );
    for (const { table_name: table, column_name: column } of columns) {
      const [{ count }] = await db.query(
        `SELECT count(*)::int AS count FROM "${table}" WHERE "${column}" ~ '${UNSAFE_STORED}'`,
      );
      if (count > 0) found.push(`${name}.${table}.${column}: ${count}`);
    }
  }
  expect(found).toEqual([]);
  expect(hub.logs.filter((line) => line.includes('[object Object]'))).toEqual([]);
});
