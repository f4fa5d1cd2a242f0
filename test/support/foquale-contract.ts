import { stepsOf, type DemoOrganisation, type DemoWorld, type DemoYoung } from '../../demo/world';
import { addDays, ageAt, parisDay } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * The set-up the FOQUALE-contract tests share: one hub, days relative to the real clock, the
 * networks' and partners' tokens, and the contract mutations. Bindings are set once the hub is up
 * (useFoqualeHub).
 */
export let hub: TestHub;
export let world: DemoWorld;

export const today = parisDay(new Date());
/** A day `n` days before today (Paris): the tests run on the real clock, so every date is relative to it. */
export const daysAgo = (n: number) => addDays(today, -n);

export const CONTRACT_FIELDS = `id version state initialReviewOn needs skills level tutorName tutorAssignedOn tutorOrganisation { code }
  solution solutionOfferId solutionChosenOn tutorSignedOn youngPersonSignedOn familySignedOn signedOn familySigned status closedOn closeReason
  network { territory reviewIntervalDays } reviews { reviewedOn outcome note } nextReview { dueOn daysOverdue }`;

export const OPEN = `mutation ($input: OpenFoqualeContractInput!, $key: String) { openFoqualeContract(input: $input, idempotencyKey: $key) { ${CONTRACT_FIELDS} } }`;
export const ASSIGN = `mutation ($input: AssignFoqualeTutorInput!) { assignFoqualeTutor(input: $input) { ${CONTRACT_FIELDS} } }`;
export const CHOOSE = `mutation ($input: ChooseFoqualeSolutionInput!) { chooseFoqualeSolution(input: $input) { ${CONTRACT_FIELDS} } }`;
export const SIGN = `mutation ($input: SignFoqualeContractInput!) { signFoqualeContract(input: $input) { ${CONTRACT_FIELDS} } }`;
export const REVIEW = `mutation ($input: RecordSituationReviewInput!, $key: String) { recordSituationReview(input: $input, idempotencyKey: $key) { ${CONTRACT_FIELDS} } }`;
export const CLOSE = `mutation ($input: CloseFoqualeContractInput!) { closeFoqualeContract(input: $input) { ${CONTRACT_FIELDS} } }`;
export const OVERDUE = `query ($territory: String) { overdueSituationReviews(territory: $territory, first: 100) {
  id firstName foqualeContracts { id state nextReview { dueOn daysOverdue } } } }`;
export const TRAJECTORY = `query ($id: ID!) { young(id: $id) { trajectory { partner kind summary at } } }`;

export interface Contract {
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
export function pick(min: number, max: number, taken: Set<string>): DemoYoung {
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

export function organisationOf(
  bassin: string,
  kind: DemoOrganisation['kind'],
  index = 0,
): DemoOrganisation | undefined {
  return world.organisations.filter(
    (organisation) => organisation.bassin === bassin && organisation.kind === kind,
  )[index];
}

/** A FOQUALE network's token: its MLDS unit, covering its bassin. */
export function networkOf(bassin: string): Promise<string> {
  const mlds = organisationOf(bassin, 'MLDS') ?? organisationOf(bassin, 'CIO');
  return hub.tokenFor({
    role: 'foquale-network',
    org: mlds!.code,
    territories: [bassin],
    sub: `network-${bassin}`,
  });
}

export function referentOf(school: DemoOrganisation): Promise<string> {
  return hub.tokenFor({
    role: 'en-referent',
    org: school.code,
    territories: [school.bassin],
    sub: `referent-${school.code}`,
  });
}

export const dataSource = () => hub.stack.subgraphs['education-nationale'].dataSource;

export async function contractRows(youngId: string): Promise<Record<string, unknown>[]> {
  return dataSource().query(
    `SELECT id, version, tutor_name, solution, tutor_signed_on::text, young_signed_on::text, family_signed_on::text, signed_on::text, status, closed_on::text
       FROM foquale_contract WHERE young_id = $1 ORDER BY initial_review_on`,
    [youngId],
  );
}

export async function reviewCount(youngId: string): Promise<number> {
  const [{ count }] = await dataSource().query(
    'SELECT count(*)::int AS count FROM situation_review WHERE young_id = $1',
    [youngId],
  );
  return count;
}

export function errorOf(answer: GraphQLAnswer): { message: string; extensions?: Record<string, any> } {
  expect(answer.errors).toHaveLength(1);
  return answer.errors![0];
}

/** Runs one mutation and returns its contract, failing on any error. */
export async function step(
  query: string,
  variables: Record<string, unknown>,
  token: string,
  field: string,
): Promise<Contract> {
  const answer = await hub.query(query, variables, { token });
  expect(answer.errors).toBeUndefined();
  return answer.data![field] as Contract;
}

/** Starts the hub before the file's tests; stops it after. */
export function useFoqualeHub(): void {
  beforeAll(async () => {
    hub = await startTestHub();
    world = hub.stack.world!;
  });

  afterAll(async () => {
    await hub?.stop();
  });
}
