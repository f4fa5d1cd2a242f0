import { randomUUID } from 'node:crypto';
import { stepsOf, type DemoOrganisation, type DemoWorld, type DemoYoung } from '../../demo/world';
import type { Caller } from '../../platform/auth/claims';
import { addDays, ageAt, parisDay } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

let hub: TestHub;
let world: DemoWorld;

const today = parisDay(new Date());
/** A day `n` days before today (Paris): the tests run on the real clock, so every date is relative to it. */
const daysAgo = (n: number) => addDays(today, -n);

const CONTRACT_FIELDS = `id version state initialReviewOn needs skills level tutorName tutorAssignedOn tutorOrganisation { code }
  solution solutionOfferId solutionChosenOn tutorSignedOn youngPersonSignedOn familySignedOn signedOn familySigned status closedOn closeReason
  network { territory reviewIntervalDays } reviews { reviewedOn outcome note } nextReview { dueOn daysOverdue }`;

const OPEN = `mutation ($input: OpenFoqualeContractInput!, $key: String) { openFoqualeContract(input: $input, idempotencyKey: $key) { ${CONTRACT_FIELDS} } }`;
const ASSIGN = `mutation ($input: AssignFoqualeTutorInput!) { assignFoqualeTutor(input: $input) { ${CONTRACT_FIELDS} } }`;
const CHOOSE = `mutation ($input: ChooseFoqualeSolutionInput!) { chooseFoqualeSolution(input: $input) { ${CONTRACT_FIELDS} } }`;
const SIGN = `mutation ($input: SignFoqualeContractInput!) { signFoqualeContract(input: $input) { ${CONTRACT_FIELDS} } }`;
const REVIEW = `mutation ($input: RecordSituationReviewInput!, $key: String) { recordSituationReview(input: $input, idempotencyKey: $key) { ${CONTRACT_FIELDS} } }`;
const CLOSE = `mutation ($input: CloseFoqualeContractInput!) { closeFoqualeContract(input: $input) { ${CONTRACT_FIELDS} } }`;
const OVERDUE = `query ($territory: String) { overdueSituationReviews(territory: $territory, first: 100) {
  id firstName foqualeContracts { id state nextReview { dueOn daysOverdue } } } }`;
const TRAJECTORY = `query ($id: ID!) { young(id: $id) { trajectory { partner kind summary at } } }`;

interface Contract {
  id: string;
  version: number;
  state: string;
  signedOn: string | null;
  familySigned: boolean;
  status: string;
  reviews: { reviewedOn: string; outcome: string; note: string }[];
  nextReview: { dueOn: string; daysOverdue: number } | null;
  [field: string]: unknown;
}

/**
 * Someone who never had a FOQUALE contract, aged within [min, max] today, in a bassin with two lycées
 * professionnels.
 */
function pick(min: number, max: number, taken: Set<string>): DemoYoung {
  const found = world.youngs.find((young) => {
    const age = ageAt(young.birthDate, new Date());
    return (
      !taken.has(young.id) &&
      age >= min &&
      age <= max &&
      stepsOf(young, 'foquale-contract').length === 0 &&
      organisationOf(young.bassin, 'LYCEE_PROFESSIONNEL', 1) !== undefined
    );
  });
  if (!found) throw new Error(`The test demo has no one aged ${min}-${max} without a FOQUALE contract`);
  taken.add(found.id);
  return found;
}

function organisationOf(
  bassin: string,
  kind: DemoOrganisation['kind'],
  index = 0,
): DemoOrganisation | undefined {
  return world.organisations.filter(
    (organisation) => organisation.bassin === bassin && organisation.kind === kind,
  )[index];
}

/** A FOQUALE network's token: its MLDS unit, covering its bassin. */
function networkOf(bassin: string): Promise<string> {
  const mlds = organisationOf(bassin, 'MLDS') ?? organisationOf(bassin, 'CIO');
  return hub.tokenFor({
    role: 'foquale-network',
    org: mlds!.code,
    territories: [bassin],
    sub: `network-${bassin}`,
  });
}

function referentOf(school: DemoOrganisation): Promise<string> {
  return hub.tokenFor({
    role: 'en-referent',
    org: school.code,
    territories: [school.bassin],
    sub: `referent-${school.code}`,
  });
}

const dataSource = () => hub.stack.subgraphs['education-nationale'].dataSource;

async function contractRows(youngId: string): Promise<Record<string, unknown>[]> {
  return dataSource().query(
    `SELECT id, version, tutor_name, solution, tutor_signed_on::text, young_signed_on::text, family_signed_on::text, signed_on::text, status, closed_on::text
       FROM foquale_contract WHERE young_id = $1 ORDER BY initial_review_on`,
    [youngId],
  );
}

async function reviewCount(youngId: string): Promise<number> {
  const [{ count }] = await dataSource().query(
    'SELECT count(*)::int AS count FROM situation_review WHERE young_id = $1',
    [youngId],
  );
  return count;
}

function errorOf(answer: GraphQLAnswer): { message: string; extensions?: Record<string, any> } {
  expect(answer.errors).toHaveLength(1);
  return answer.errors![0];
}

/** Runs one mutation and returns its contract, failing on any error. */
async function step(
  query: string,
  variables: Record<string, unknown>,
  token: string,
  field: string,
): Promise<Contract> {
  const answer = await hub.query(query, variables, { token });
  expect(answer.errors).toBeUndefined();
  return answer.data![field] as Contract;
}

beforeAll(async () => {
  hub = await startTestHub();
  world = hub.stack.world!;
});

afterAll(async () => {
  await hub?.stop();
});

describe('the lifecycle of a minor’s FOQUALE contract, through the gateway', () => {
  const taken = new Set<string>();
  let minor: DemoYoung;
  let network: string;
  let tutorSchool: DemoOrganisation;
  let contract: Contract;
  const cfaOffer = () => world.offers.find((offer) => offer.owner === 'cfa')!;
  const ids = () => ({ youngId: minor.id, contractId: contract.id });

  beforeAll(async () => {
    minor = pick(16, 17, taken);
    network = await networkOf(minor.bassin);
    tutorSchool = organisationOf(minor.bassin, 'LYCEE_PROFESSIONNEL')!;
  });

  it('opens the contract with its initial review in the network of the person’s bassin, once per idempotency key', async () => {
    const input = {
      youngId: minor.id,
      initialReviewOn: daysAgo(200),
      needs: 'Remobilisation, projet à construire',
      skills: 'Bonne expression orale',
      level: 'Fin de 2nde pro',
    };
    const key = randomUUID();
    contract = await step(OPEN, { input, key }, network, 'openFoqualeContract');
    expect(contract).toMatchObject({
      version: 1,
      state: 'IN_PREPARATION',
      status: 'OPEN',
      tutorName: null,
      solution: null,
      signedOn: null,
      skills: 'Bonne expression orale',
      level: 'Fin de 2nde pro',
    });
    expect(contract.network).toEqual({ territory: minor.bassin, reviewIntervalDays: 42 });

    const retried = await step(OPEN, { input, key }, network, 'openFoqualeContract');
    expect(retried.id).toBe(contract.id);
    expect(await contractRows(minor.id)).toHaveLength(1);

    // The same key for another request is refused; another key is a second opening, refused while this one
    // runs.
    const reused = errorOf(
      await hub.query(OPEN, { input: { ...input, level: 'Autre' }, key }, { token: network }),
    );
    expect(reused.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const second = errorOf(await hub.query(OPEN, { input, key: randomUUID() }, { token: network }));
    expect(second.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.youngId' });
    expect(await contractRows(minor.id)).toHaveLength(1);
  });

  it('refuses a signature before a tutor and a solution, naming both states, and changes nothing', async () => {
    const refused = errorOf(
      await hub.query(
        SIGN,
        { input: { ...ids(), signatory: 'TUTOR', signedOn: daysAgo(190), expectedVersion: 1 } },
        { token: network },
      ),
    );
    expect(refused.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'IN_PREPARATION',
      to: 'SIGNATURE',
      allowed: ['TUTOR_ASSIGNMENT', 'SOLUTION_CHOICE', 'CLOSURE'],
    });
    expect(refused.message).toContain('cannot go from IN_PREPARATION to SIGNATURE');
    expect(await contractRows(minor.id)).toMatchObject([{ version: 1, tutor_signed_on: null }]);
  });

  it('assigns a tutor from a school of the bassin and takes another partner’s offer as the solution', async () => {
    contract = await step(
      ASSIGN,
      {
        input: {
          ...ids(),
          tutorName: 'Claire Morel',
          tutorOrganisation: tutorSchool.code,
          assignedOn: daysAgo(198),
          expectedVersion: 1,
        },
      },
      network,
      'assignFoqualeTutor',
    );
    expect(contract).toMatchObject({
      version: 2,
      state: 'IN_PREPARATION',
      tutorName: 'Claire Morel',
      tutorAssignedOn: daysAgo(198),
      tutorOrganisation: { code: tutorSchool.code },
    });
    const offerId = `cfa:${cfaOffer().id}`;
    contract = await step(
      CHOOSE,
      {
        input: {
          ...ids(),
          solution: 'Apprentissage : CAP Maintenance des véhicules',
          solutionOfferId: offerId,
          chosenOn: daysAgo(197),
          expectedVersion: 2,
        },
      },
      network,
      'chooseFoqualeSolution',
    );
    expect(contract).toMatchObject({
      version: 3,
      state: 'READY_TO_SIGN',
      solutionOfferId: offerId,
      solutionChosenOn: daysAgo(197),
    });
  });

  it('refuses a change based on a stale version (CONFLICT) and writes nothing', async () => {
    const stale = errorOf(
      await hub.query(
        ASSIGN,
        {
          input: {
            ...ids(),
            tutorName: 'Paul Girard',
            tutorOrganisation: tutorSchool.code,
            expectedVersion: 2,
          },
        },
        { token: network },
      ),
    );
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: 2, currentVersion: 3 });
    expect(await contractRows(minor.id)).toMatchObject([{ version: 3, tutor_name: 'Claire Morel' }]);
  });

  it('refuses a review before the contract is in force', async () => {
    const refused = errorOf(
      await hub.query(
        REVIEW,
        {
          input: { ...ids(), reviewedOn: daysAgo(100), outcome: 'ON_TRACK', note: 'Trop tôt' },
          key: randomUUID(),
        },
        { token: network },
      ),
    );
    expect(refused.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'READY_TO_SIGN',
      to: 'SITUATION_REVIEW',
    });
    expect(await reviewCount(minor.id)).toBe(0);
  });

  it('keeps a minor’s contract out of force until the family signs', async () => {
    contract = await step(
      SIGN,
      { input: { ...ids(), signatory: 'TUTOR', signedOn: daysAgo(190), expectedVersion: 3 } },
      network,
      'signFoqualeContract',
    );
    contract = await step(
      SIGN,
      { input: { ...ids(), signatory: 'YOUNG_PERSON', signedOn: daysAgo(190), expectedVersion: 4 } },
      network,
      'signFoqualeContract',
    );
    expect(contract).toMatchObject({
      version: 5,
      state: 'BEING_SIGNED',
      signedOn: null,
      familySigned: false,
      tutorSignedOn: daysAgo(190),
      youngPersonSignedOn: daysAgo(190),
    });

    const twice = errorOf(
      await hub.query(
        SIGN,
        { input: { ...ids(), signatory: 'TUTOR', signedOn: daysAgo(189), expectedVersion: 5 } },
        { token: network },
      ),
    );
    expect(twice.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signatory' });
    const early = errorOf(
      await hub.query(
        REVIEW,
        {
          input: { ...ids(), reviewedOn: daysAgo(150), outcome: 'ON_TRACK', note: 'Pas encore' },
          key: randomUUID(),
        },
        { token: network },
      ),
    );
    expect(early.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'BEING_SIGNED',
      to: 'SITUATION_REVIEW',
    });

    contract = await step(
      SIGN,
      { input: { ...ids(), signatory: 'FAMILY', signedOn: daysAgo(189), expectedVersion: 5 } },
      network,
      'signFoqualeContract',
    );
    expect(contract).toMatchObject({
      version: 6,
      state: 'IN_FORCE',
      signedOn: daysAgo(189),
      familySigned: true,
      familySignedOn: daysAgo(189),
    });
    // Signed 189 days ago, never reviewed, every 42 days.
    expect(contract.nextReview).toEqual({ dueOn: daysAgo(147), daysOverdue: 147 });
  });

  it('lists the overdue review for the network of the bassin and for the tutor’s school, not for another school', async () => {
    const forNetwork = await hub.query(OVERDUE, { territory: minor.bassin }, { token: network });
    const rows = forNetwork.data!.overdueSituationReviews as {
      id: string;
      foqualeContracts: Contract[] | null;
    }[];
    const row = rows.find((young) => young.id === minor.id);
    expect(row).toMatchObject({
      firstName: minor.firstName,
      foqualeContracts: [{ id: contract.id, state: 'IN_FORCE', nextReview: { daysOverdue: 147 } }],
    });
    // The demo's own contracts in force may be overdue too: each row shows a contract overdue, most overdue
    // first.
    const overdue = rows
      .map(
        (young) =>
          young.foqualeContracts?.find((c) => c.state === 'IN_FORCE')?.nextReview?.daysOverdue ?? null,
      )
      .filter((days) => days !== null);
    expect(overdue.every((days) => days! > 0)).toBe(true);
    expect([...overdue].sort((a, b) => b! - a!)).toEqual(overdue);

    const forTutor = await hub.query(OVERDUE, {}, { token: await referentOf(tutorSchool) });
    expect(forTutor.errors).toBeUndefined();
    expect(forTutor.data!.overdueSituationReviews.map((young: { id: string }) => young.id)).toEqual([
      minor.id,
    ]);
    const elsewhere = organisationOf(minor.bassin, 'LYCEE_PROFESSIONNEL', 1)!;
    const forOther = await hub.query(OVERDUE, {}, { token: await referentOf(elsewhere) });
    expect(forOther.data!.overdueSituationReviews.map((young: { id: string }) => young.id)).not.toContain(
      minor.id,
    );
  });

  it('refuses the overdue list to a role that reviews no contract, and another bassin to a network', async () => {
    const cfa = world.organisations.find((organisation) => organisation.kind === 'CFA')!;
    const refused = await hub.query(
      OVERDUE,
      {},
      { token: await hub.tokenFor({ role: 'cfa-staff', org: cfa.code, territories: [minor.bassin] }) },
    );
    expect(refused.data).toBeNull();
    expect(
      refused.errors!.find((error) => error.path?.join('.') === 'overdueSituationReviews')!.extensions,
    ).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' });
    const other = world.territories.find(
      (territory) => territory.kind === 'BASSIN' && territory.code !== minor.bassin,
    )!;
    const outside = errorOf(await hub.query(OVERDUE, { territory: other.code }, { token: network }));
    expect(outside.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_TERRITORY' });
  });

  it('records bilans de situation once per idempotency key, by the network or the tutor’s school, and they clear the overdue list', async () => {
    const key = randomUUID();
    const input = {
      ...ids(),
      reviewedOn: daysAgo(150),
      outcome: 'ON_TRACK',
      note: 'Assiduité retrouvée en entreprise',
    };
    contract = await step(REVIEW, { input, key }, network, 'recordSituationReview');
    expect(contract.reviews).toEqual([
      { reviewedOn: daysAgo(150), outcome: 'ON_TRACK', note: 'Assiduité retrouvée en entreprise' },
    ]);
    expect(contract.version).toBe(7);
    const retried = await step(REVIEW, { input, key }, network, 'recordSituationReview');
    expect(retried.reviews).toHaveLength(1);
    expect(await reviewCount(minor.id)).toBe(1);

    // The tutor's school follows the person while the contract runs: its référent records the next one.
    contract = await step(
      REVIEW,
      {
        input: { ...ids(), reviewedOn: daysAgo(10), outcome: 'AT_RISK', note: 'Absences répétées' },
        key: randomUUID(),
      },
      await referentOf(tutorSchool),
      'recordSituationReview',
    );
    expect(contract.reviews.map((review) => review.outcome)).toEqual(['ON_TRACK', 'AT_RISK']);
    expect(contract.nextReview).toEqual({ dueOn: daysAgo(10 - 42), daysOverdue: 0 });
    const overdue = await hub.query(OVERDUE, { territory: minor.bassin }, { token: network });
    expect(overdue.data!.overdueSituationReviews.map((young: { id: string }) => young.id)).not.toContain(
      minor.id,
    );
  });

  it('closes the contract not before its last step, then refuses every step', async () => {
    const early = errorOf(
      await hub.query(
        CLOSE,
        { input: { ...ids(), closedOn: daysAgo(20), reason: 'COMPLETED', expectedVersion: 8 } },
        { token: network },
      ),
    );
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.closedOn' });
    contract = await step(
      CLOSE,
      { input: { ...ids(), closedOn: daysAgo(5), reason: 'COMPLETED', expectedVersion: 8 } },
      network,
      'closeFoqualeContract',
    );
    expect(contract).toMatchObject({
      version: 9,
      state: 'CLOSED',
      status: 'CLOSED',
      closedOn: daysAgo(5),
      closeReason: 'COMPLETED',
      nextReview: null,
    });

    const sign = errorOf(
      await hub.query(
        SIGN,
        { input: { ...ids(), signatory: 'FAMILY', signedOn: daysAgo(1), expectedVersion: 9 } },
        { token: network },
      ),
    );
    expect(sign.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'CLOSED',
      to: 'SIGNATURE',
      allowed: [],
    });
    const review = errorOf(
      await hub.query(
        REVIEW,
        {
          input: { ...ids(), reviewedOn: daysAgo(1), outcome: 'ON_TRACK', note: 'Après' },
          key: randomUUID(),
        },
        { token: network },
      ),
    );
    expect(review.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'CLOSED',
      to: 'SITUATION_REVIEW',
    });
    const close = errorOf(
      await hub.query(
        CLOSE,
        { input: { ...ids(), closedOn: today, reason: 'ABANDONED', expectedVersion: 9 } },
        { token: network },
      ),
    );
    expect(close.extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'CLOSED', to: 'CLOSURE' });
    expect(await contractRows(minor.id)).toMatchObject([
      { version: 9, status: 'CLOSED', closed_on: daysAgo(5) },
    ]);
    expect(await reviewCount(minor.id)).toBe(2);
  });

  it('shows every step in Éducation nationale’s share of the trajectory, without the review’s free text', async () => {
    const answer = await hub.query(TRAJECTORY, { id: minor.id }, { token: network });
    const events = (
      answer.data!.young.trajectory as { partner: string; kind: string; summary: string; at: string }[]
    ).filter(
      (event) =>
        event.partner === 'EDUCATION_NATIONALE' &&
        (event.kind.startsWith('FOQUALE_') || event.kind.endsWith('_REVIEW')),
    );
    expect(events.map((event) => [event.kind, event.at.slice(0, 10)])).toEqual([
      ['INITIAL_REVIEW', daysAgo(200)],
      ['FOQUALE_TUTOR_ASSIGNED', daysAgo(198)],
      ['FOQUALE_SOLUTION_CHOSEN', daysAgo(197)],
      ['FOQUALE_CONTRACT_SIGNED', daysAgo(189)],
      ['SITUATION_REVIEW', daysAgo(150)],
      ['SITUATION_REVIEW', daysAgo(10)],
      ['FOQUALE_CONTRACT_CLOSED', daysAgo(5)],
    ]);
    expect(events[1].summary).toContain('Tuteur désigné');
    expect(events[1].summary).toContain('Claire Morel');
    expect(events[2].summary).toContain('Apprentissage : CAP Maintenance des véhicules');
    expect(events[5].summary).toContain('risque de rupture');
    const text = events.map((event) => event.summary).join('\n');
    for (const secret of [
      'Absences répétées',
      'Assiduité retrouvée',
      'Remobilisation',
      'Bonne expression orale',
      'Fin de 2nde pro',
    ])
      expect(text).not.toContain(secret);
  });
});

describe('an adult’s FOQUALE contract, validation, refusals and concurrency', () => {
  const taken = new Set<string>();
  let adult: DemoYoung;
  let network: string;
  let contract: Contract;
  const ids = () => ({ youngId: adult.id, contractId: contract.id });

  beforeAll(async () => {
    adult = pick(20, 24, taken);
    network = await networkOf(adult.bassin);
  });

  it('reports every invalid field at once and writes nothing', async () => {
    const answer = await hub.query(
      OPEN,
      {
        input: {
          youngId: adult.id,
          initialReviewOn: '2026-02-30',
          needs: '  ',
          skills: 'x'.repeat(2001),
          level: 'y'.repeat(201),
        },
      },
      { token: network },
    );
    const error = errorOf(answer);
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
    expect(
      error.extensions!.fieldErrors.map((fieldError: { field: string }) => fieldError.field).sort(),
    ).toEqual(['input.initialReviewOn', 'input.level', 'input.needs', 'input.skills']);
    const future = errorOf(
      await hub.query(
        OPEN,
        { input: { youngId: adult.id, initialReviewOn: '2999-01-01', needs: 'a', skills: 'b', level: 'c' } },
        { token: network },
      ),
    );
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.initialReviewOn' });
    const nobody = errorOf(
      await hub.query(
        OPEN,
        {
          input: { youngId: randomUUID(), initialReviewOn: daysAgo(3), needs: 'a', skills: 'b', level: 'c' },
        },
        { token: network },
      ),
    );
    // A hub id nobody has is refused as a person of another bassin is: a write tells no more than a read of
    // who exists.
    expect(nobody.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_TERRITORY' });
    expect(await contractRows(adult.id)).toEqual([]);
  });

  it('refuses a network of another bassin and a CFA, and writes nothing', async () => {
    const input = {
      youngId: adult.id,
      initialReviewOn: daysAgo(30),
      needs: 'Orientation',
      skills: 'Autonomie',
      level: 'CAP non obtenu',
    };
    const other = world.territories.find(
      (territory) => territory.kind === 'BASSIN' && territory.code !== adult.bassin,
    )!;
    const outside = errorOf(await hub.query(OPEN, { input }, { token: await networkOf(other.code) }));
    expect(outside.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_TERRITORY' });
    const cfa = world.organisations.find((organisation) => organisation.kind === 'CFA')!;
    const partner: Partial<Caller> = { role: 'cfa-staff', org: cfa.code, territories: [adult.bassin] };
    const refused = errorOf(await hub.query(OPEN, { input }, { token: await hub.tokenFor(partner) }));
    expect(refused.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' });
    expect(await contractRows(adult.id)).toEqual([]);
  });

  it('lets one of three concurrent openings through, whatever their keys', async () => {
    const input = {
      youngId: adult.id,
      initialReviewOn: daysAgo(30),
      needs: 'Orientation',
      skills: 'Autonomie',
      level: 'CAP non obtenu',
    };
    const answers = await Promise.all(
      [1, 2, 3].map(() => hub.query(OPEN, { input, key: randomUUID() }, { token: network })),
    );
    const opened = answers.filter((answer) => !answer.errors);
    expect(opened).toHaveLength(1);
    for (const answer of answers.filter((a) => a.errors))
      expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.youngId' });
    contract = opened[0].data!.openFoqualeContract;
    expect(await contractRows(adult.id)).toHaveLength(1);
  });

  it('validates the tutor’s organisation and the solution’s offer id, field by field', async () => {
    const tutor = errorOf(
      await hub.query(
        ASSIGN,
        { input: { ...ids(), tutorName: '', tutorOrganisation: '9999999Z', expectedVersion: 0 } },
        { token: network },
      ),
    );
    expect(tutor.extensions!.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual([
      'input.expectedVersion',
      'input.tutorName',
    ]);
    const unknown = errorOf(
      await hub.query(
        ASSIGN,
        { input: { ...ids(), tutorName: 'Nadia Benali', tutorOrganisation: '9999999Z', expectedVersion: 1 } },
        { token: network },
      ),
    );
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.tutorOrganisation' });
    for (const solutionOfferId of [
      'cfa:not-a-uuid',
      `pjj:${randomUUID()}`,
      `psad:${randomUUID()}`,
      'just text',
    ]) {
      const bad = errorOf(
        await hub.query(
          CHOOSE,
          { input: { ...ids(), solution: 'Apprentissage', solutionOfferId, expectedVersion: 1 } },
          { token: network },
        ),
      );
      expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.solutionOfferId' });
    }
    const missing = errorOf(
      await hub.query(
        CHOOSE,
        {
          input: {
            ...ids(),
            solution: 'Retour en lycée',
            solutionOfferId: `education-nationale:${randomUUID()}`,
            expectedVersion: 1,
          },
        },
        { token: network },
      ),
    );
    expect(missing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.solutionOfferId' });
    const neighbour = world.youngs.find(
      (y) => y.bassin === adult.bassin && y.id !== adult.id && ageAt(y.birthDate, new Date()) >= 16,
    )!;
    const someoneElse = errorOf(
      await hub.query(
        CHOOSE,
        { input: { youngId: neighbour.id, contractId: contract.id, solution: 'x', expectedVersion: 1 } },
        { token: network },
      ),
    );
    expect(someoneElse.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contractId' });
    expect(await contractRows(adult.id)).toMatchObject([{ version: 1, tutor_name: null, solution: null }]);
  });

  it('lets one of two concurrent changes on the same version through; the other gets CONFLICT', async () => {
    const school = organisationOf(adult.bassin, 'LYCEE_PROFESSIONNEL')!;
    const answers = await Promise.all(
      ['Nadia Benali', 'Hugo Lefèvre'].map((tutorName) =>
        hub.query(
          ASSIGN,
          { input: { ...ids(), tutorName, tutorOrganisation: school.code, expectedVersion: 1 } },
          { token: network },
        ),
      ),
    );
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    const conflicts = answers.filter((answer) => answer.errors);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      expectedVersion: 1,
      currentVersion: 2,
    });
    expect(await contractRows(adult.id)).toMatchObject([{ version: 2 }]);
  });

  it('puts an adult’s contract in force without the family, after which the family can no longer sign', async () => {
    contract = await step(
      CHOOSE,
      {
        input: {
          ...ids(),
          solution: 'E2C : parcours de remobilisation',
          solutionOfferId: `e2c:${world.offers.find((o) => o.owner === 'e2c')!.id}`,
          expectedVersion: 2,
        },
      },
      network,
      'chooseFoqualeSolution',
    );
    contract = await step(
      SIGN,
      { input: { ...ids(), signatory: 'YOUNG_PERSON', signedOn: today, expectedVersion: 3 } },
      network,
      'signFoqualeContract',
    );
    expect(contract.state).toBe('BEING_SIGNED');
    contract = await step(
      SIGN,
      { input: { ...ids(), signatory: 'TUTOR', signedOn: today, expectedVersion: 4 } },
      network,
      'signFoqualeContract',
    );
    expect(contract).toMatchObject({
      state: 'IN_FORCE',
      signedOn: today,
      familySigned: false,
      familySignedOn: null,
      nextReview: { daysOverdue: 0 },
    });
    const family = errorOf(
      await hub.query(
        SIGN,
        { input: { ...ids(), signatory: 'FAMILY', signedOn: today, expectedVersion: 5 } },
        { token: network },
      ),
    );
    expect(family.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'IN_FORCE',
      to: 'SIGNATURE',
      allowed: ['SITUATION_REVIEW', 'CLOSURE'],
    });
    expect(await contractRows(adult.id)).toMatchObject([
      { version: 5, family_signed_on: null, signed_on: today },
    ]);
  });

  it('records one bilan de situation for concurrent retries with the same key', async () => {
    const input = { ...ids(), reviewedOn: today, outcome: 'ON_TRACK', note: 'Premier mois en E2C' };
    const key = randomUUID();
    const answers = await Promise.all(
      [1, 2, 3].map(() => hub.query(REVIEW, { input, key }, { token: network })),
    );
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.recordSituationReview.reviews).toEqual([
        { reviewedOn: today, outcome: 'ON_TRACK', note: 'Premier mois en E2C' },
      ]);
    }
    expect(await reviewCount(adult.id)).toBe(1);
    expect(await contractRows(adult.id)).toMatchObject([{ version: 6 }]);
  });
});
