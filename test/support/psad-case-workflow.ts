import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { stepsOf, type DemoWorld, type DemoYoung } from '../../demo/world';
import { ageAt } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * The set-up the PSAD case-workflow tests share: one hub, the people a scenario may take (16 or
 * more, listed by SIEI for a campaign with no case yet), and the mutations and reads of a case.
 * Bindings are set once the hub is up (usePsadCaseHub).
 */
export let hub: TestHub;
export let world: DemoWorld;
export let db: DataSource;
/**
 * People of the demo aged 16 or more, each on a SIEI list of a campaign for which psad holds no case: one per
 * scenario.
 */
export let candidates: { young: DemoYoung; campaign: string }[];

export let taken = 0;
/** A person no other scenario touches. */
export const nextPerson = () => candidates[taken++];

export const CASE_FIELDS = `id status version campaign followerOrg followerName openedOn closedOn
  contacts { at channel outcome }
  transitions { kind version from to actorSub actorRole actorOrg followerOrg followerName fromFollowerOrg fromFollowerName }`;
/**
 * A transition's reason is follow-up detail: read apart, since whether the caller may see it changes along
 * the path.
 */
export const REASONS = `query ($id: ID!) { young(id: $id) { psadCases { id transitions { reason } } } }`;

export const OPEN = `mutation ($input: OpenPsadCaseInput!, $key: String) { openPsadCase(input: $input, idempotencyKey: $key) { ${CASE_FIELDS} } }`;
export const TRANSITION = `mutation ($input: TransitionPsadCaseInput!, $key: String) { transitionPsadCase(input: $input, idempotencyKey: $key) { ${CASE_FIELDS} } }`;
export const ASSIGN = `mutation ($input: AssignPsadCaseInput!) { assignPsadCase(input: $input) { ${CASE_FIELDS} } }`;
export const CONTACT = `mutation ($input: RecordContactAttemptInput!, $key: String) { recordContactAttempt(input: $input, idempotencyKey: $key) { ${CASE_FIELDS} } }`;

export interface Case {
  id: string;
  status: string;
  version: number;
  closedOn: string | null;
  followerOrg: string;
  contacts: { channel: string; outcome: string }[];
  transitions: {
    kind: string;
    version: number;
    from: string | null;
    to: string;
    actorSub: string;
    actorOrg: string;
    followerOrg: string;
    fromFollowerOrg: string | null;
  }[];
}

export const caseOf = (answer: GraphQLAnswer, field: string): Case => {
  expect(answer.errors).toBeUndefined();
  return answer.data![field] as Case;
};
/**
 * The error of the mutation itself (the gateway may add others, on payload fields the caller can never see).
 */
export const errorOf = (answer: GraphQLAnswer) => {
  expect(answer.data?.[Object.keys(answer.data ?? {})[0]] ?? null).toBeNull();
  const own = (answer.errors ?? []).filter((error) => (error.path?.length ?? 1) === 1);
  expect(own).toHaveLength(1);
  return own[0];
};

export async function open(
  young: DemoYoung,
  campaign: string,
  key: string | null = randomUUID(),
): Promise<Case> {
  return caseOf(await hub.query(OPEN, { input: { youngId: young.id, campaign }, key }), 'openPsadCase');
}

export async function move(
  young: DemoYoung,
  psadCase: Pick<Case, 'id' | 'version'>,
  to: string,
  reason = `Vers ${to}`,
): Promise<Case> {
  return caseOf(
    await hub.query(TRANSITION, {
      input: { youngId: young.id, caseId: psadCase.id, to, reason, expectedVersion: psadCase.version },
      key: randomUUID(),
    }),
    'transitionPsadCase',
  );
}

/** What psad's database holds about a case: the row and the counts of its history and contacts. */
export async function stored(caseId: string) {
  const [row] = await db.query(
    'SELECT status, version, closed_on::text AS closed_on, follower_org FROM psad_case WHERE id = $1',
    [caseId],
  );
  const [{ transitions }] = await db.query(
    'SELECT count(*)::int AS transitions FROM case_transition WHERE case_id = $1',
    [caseId],
  );
  const [{ contacts }] = await db.query(
    'SELECT count(*)::int AS contacts FROM case_contact WHERE case_id = $1',
    [caseId],
  );
  return {
    ...(row as { status: string; version: number; closed_on: string | null; follower_org: string }),
    transitions: transitions as number,
    contacts: contacts as number,
  };
}

export const parisToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** Starts the hub and lists the people before the file's tests; stops it after. */
export function usePsadCaseHub(): void {
  beforeAll(async () => {
    hub = await startTestHub();
    world = hub.stack.world!;
    db = hub.stack.subgraphs.psad.dataSource;
    const now = new Date();
    candidates = world.youngs
      .filter((young) => ageAt(young.birthDate, now) >= 17)
      .flatMap((young) => {
        const caseCampaigns = new Set(stepsOf(young, 'psad-case').map((step) => step.campaign));
        const campaign = stepsOf(young, 'siei-listing').find(
          (listing) => !caseCampaigns.has(listing.campaign),
        )?.campaign;
        return campaign ? [{ young, campaign }] : [];
      });
    expect(candidates.length).toBeGreaterThanOrEqual(8);
  });

  afterAll(async () => {
    await hub?.stop();
  });
}
