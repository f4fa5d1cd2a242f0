import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';
import { referAndAccept } from './referrals';

/**
 * The set-up the partner-write tests share: one hub, two Missions locales and two CFAs with a token
 * for staff of each, and one person followed by the first Mission locale, referred to it (the grounds of its
 * follow-up: test/support/referrals.ts). Bindings are set once the
 * hub is up (usePartnerWritesHub).
 */
export let hub: TestHub;
/** Two Missions locales, and a token for an adviser of each. */
export let adviser: string;
export let otherAdviser: string;
export let missionLocale: { code: string; name: string };
/** The person followed here: 17 to 28, in the coordinator's perimeter. */
export let youngId: string;
/** That person's bassin. */
export let personBassin: string;
/** Two CFAs, and a token for staff of each. */
export let cfaStaff: string;
export let otherCfaStaff: string;

export const FOLLOW_UP_FIELDS = 'id status programme openedOn closedOn outcome organisation { code }';
export const OPEN = `mutation ($input: OpenFollowUpInput!, $key: String) { missionsLocalesOpenFollowUp(input: $input, idempotencyKey: $key) { ${FOLLOW_UP_FIELDS} } }`;
export const UPDATE = `mutation ($input: UpdateFollowUpInput!) { missionsLocalesUpdateFollowUp(input: $input) { ${FOLLOW_UP_FIELDS} } }`;
export const CLOSE = `mutation ($input: CloseFollowUpInput!) { missionsLocalesCloseFollowUp(input: $input) { ${FOLLOW_UP_FIELDS} } }`;
export const EVENT = `mutation ($input: RecordFollowUpEventInput!, $key: String) { missionsLocalesRecordFollowUpEvent(input: $input, idempotencyKey: $key) { id at kind summary } }`;
export const TRAJECTORY = `query ($id: ID!) { young(id: $id) { trajectory { id partner kind summary at } missionsLocalesFollowUps { id status programme outcome } } }`;

export const mlDb = () => hub.stack.subgraphs['missions-locales'].dataSource;
export const cfaDb = () => hub.stack.subgraphs.cfa.dataSource;
export const localId = (globalId: string) => globalId.split(':')[1];

/** What the Missions locales hold about the person: follow-ups and their steps. */
export async function heldAbout(id: string): Promise<{ followUps: number; events: number }> {
  const [row] = await mlDb().query(
    'SELECT (SELECT count(*)::int FROM follow_up WHERE young_id = $1) AS "followUps", (SELECT count(*)::int FROM follow_up_event WHERE young_id = $1) AS events',
    [id],
  );
  return row;
}

export function fieldErrors(answer: GraphQLAnswer): string[] {
  expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  return (answer.errors![0].extensions!.fieldErrors as { field: string }[])
    .map((error) => error.field)
    .sort();
}

export async function trajectoryOf(id: string) {
  const answer = await hub.query(TRAJECTORY, { id });
  expect(answer.data?.young).toBeTruthy();
  return answer.data!.young as {
    trajectory: { id: string; partner: string; kind: string; summary: string; at: string }[];
    missionsLocalesFollowUps: { id: string; status: string; programme: string; outcome: string }[];
  };
}

/** Starts the hub and picks the organisations, staff and person before the file's tests; stops it after. */
export function usePartnerWritesHub(): void {
  beforeAll(async () => {
    hub = await startTestHub();
    const sites: { code: string; name: string; bassin_code: string }[] = await mlDb().query(
      "SELECT code, name, bassin_code FROM organisation WHERE kind = 'MISSION_LOCALE' ORDER BY code LIMIT 2",
    );
    missionLocale = sites[0];
    // A person of the first Mission locale's bassin: opening a follow-up needs the person in the staff's
    // territories.
    const [person]: { id: string; bassin_code: string }[] = await hub.stack.subgraphs.psad.dataSource.query(
      `SELECT id, bassin_code FROM young WHERE bassin_code = $1 AND birth_date <= (current_date - interval '17 years') AND birth_date > (current_date - interval '28 years') ORDER BY id DESC LIMIT 1`,
      [sites[0].bassin_code],
    );
    youngId = person.id;
    personBassin = person.bassin_code;
    adviser = await hub.tokenFor({
      role: 'ml-advisor',
      org: sites[0].code,
      sub: 'ml-adviser-1',
      territories: [sites[0].bassin_code],
    });
    // The grounds of the Mission locale's follow-up: the PSAD referred the person to it, and it accepted.
    await referAndAccept(hub, youngId, missionLocale.code, adviser);
    otherAdviser = await hub.tokenFor({
      role: 'ml-advisor',
      org: sites[1].code,
      sub: 'ml-adviser-2',
      territories: [sites[1].bassin_code],
    });
    const cfas: { code: string; bassin_code: string }[] = await cfaDb().query(
      "SELECT code, bassin_code FROM organisation WHERE kind = 'CFA' ORDER BY code LIMIT 2",
    );
    cfaStaff = await hub.tokenFor({
      role: 'cfa-staff',
      org: cfas[0].code,
      sub: 'cfa-staff-1',
      territories: [cfas[0].bassin_code],
    });
    otherCfaStaff = await hub.tokenFor({
      role: 'cfa-staff',
      org: cfas[1].code,
      sub: 'cfa-staff-2',
      territories: [cfas[1].bassin_code],
    });
  }, 240_000);

  afterAll(async () => {
    await hub?.stop();
  });
}
