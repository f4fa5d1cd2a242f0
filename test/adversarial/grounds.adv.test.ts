import { randomUUID } from 'node:crypto';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';
import { ACCEPT, DECLINE, REFER, referAndAccept } from '../support/referrals';

/**
 * Class 5 of issue 11 (docs/threat-model.md): no self-granted access. Opening a follow-up or a PSAD
 * case makes the caller's organisation a follower, and opens the person's record to it: the
 * territory alone is not grounds. A partner needs a referral (fiche de liaison) to its organisation
 * that it accepted, psad-attested; a PSAD, a SIEI listing or a referral to it; a case is handed
 * only to an organisation the hub knows, which accepted a referral.
 */
let hub: TestHub;
let bassin: string;
let missionLocale: string;
let otherMissionLocale: string;
let adviser: string;
let otherAdviser: string;
let coordinator: string;
let network: string;

const OPEN_FOLLOW_UP = `mutation ($input: OpenFollowUpInput!) { missionsLocalesOpenFollowUp(input: $input) { id } }`;
const OPEN_CASE = `mutation ($input: OpenPsadCaseInput!) { openPsadCase(input: $input) { id version followerOrg } }`;
const ASSIGN = `mutation ($input: AssignPsadCaseInput!) { assignPsadCase(input: $input) { id followerOrg } }`;

const psadDb = () => hub.stack.subgraphs.psad.dataSource;
const mlDb = () => hub.stack.subgraphs['missions-locales'].dataSource;

/**
 * People of the bassin aged 17 to 28 whom psad holds in the state `where` says, and of whom the Missions
 * locales hold nothing (no follow-up, no obligation de formation): no grounds of their own.
 */
async function people(where: string, count: number): Promise<string[]> {
  const rows: { id: string }[] = await psadDb().query(
    `SELECT id FROM young y WHERE bassin_code = $1 AND birth_date <= (current_date - interval '17 years')
       AND birth_date > (current_date - interval '28 years') AND ${where} ORDER BY id`,
    [bassin],
  );
  const held: { young_id: string }[] = await mlDb().query(
    'SELECT young_id FROM follow_up UNION SELECT young_id FROM obligation_de_formation',
  );
  const known = new Set(held.map((row) => row.young_id));
  return rows
    .map((row) => row.id)
    .filter((id) => !known.has(id))
    .slice(0, count);
}

const followUps = async (youngId: string): Promise<number> =>
  (await mlDb().query('SELECT count(*)::int AS n FROM follow_up WHERE young_id = $1', [youngId]))[0].n;
const cases = async (youngId: string): Promise<number> =>
  (await psadDb().query('SELECT count(*)::int AS n FROM psad_case WHERE young_id = $1', [youngId]))[0].n;

function refusal(answer: GraphQLAnswer): unknown {
  return answer.errors?.[0].extensions;
}

const openFollowUp = (youngId: string, token = adviser) =>
  hub.query(OPEN_FOLLOW_UP, { input: { youngId, programme: 'PACEA', openedOn: '2026-10-01' } }, { token });

beforeAll(async () => {
  hub = await startTestHub();
  const sites: { code: string; bassin_code: string }[] = await mlDb().query(
    "SELECT code, bassin_code FROM organisation WHERE kind = 'MISSION_LOCALE' ORDER BY code LIMIT 2",
  );
  [missionLocale, otherMissionLocale] = sites.map((site) => site.code);
  bassin = sites[0].bassin_code;
  const ml = (org: string, sub: string) =>
    hub.tokenFor({ role: 'ml-advisor', org, sub, territories: [bassin], purpose: 'ACCOMPAGNEMENT' });
  adviser = await ml(missionLocale, 'ml-adviser-grounds');
  otherAdviser = await ml(otherMissionLocale, 'ml-adviser-other');
  coordinator = await hub.tokenFor({
    role: 'psad-coordinator',
    org: `PSAD-${bassin}`,
    sub: 'psad-grounds',
    territories: [bassin],
  });
  network = await hub.tokenFor({
    role: 'foquale-network',
    org: '0381234A',
    sub: 'foquale-grounds',
    territories: [bassin],
  });
}, 240_000);

afterAll(async () => {
  await hub?.stop();
});

const NO_OPEN_CASE = `NOT EXISTS (SELECT 1 FROM psad_case c WHERE c.young_id = y.id AND c.closed_on IS NULL)`;

describe('a partner opening a follow-up', () => {
  it('is refused NO_GROUNDS without an accepted referral to its organisation, as for a hub id nobody has; nothing written; the attempt traced', async () => {
    const [person] = await people(NO_OPEN_CASE, 1);
    const before = await followUps(person);
    const refused = await openFollowUp(person);
    expect(refusal(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_GROUNDS' });
    expect(refused.data?.missionsLocalesOpenFollowUp ?? null).toBeNull();
    expect(await followUps(person)).toBe(before);
    const nobody = await openFollowUp(randomUUID());
    expect(refusal(nobody)).toEqual(refusal(refused));
    expect(nobody.errors?.[0].message).toBe(refused.errors?.[0].message);
    const traces: { fields_denied: string[] }[] = await mlDb().query(
      `SELECT fields_denied FROM access_trail WHERE caller_sub = 'ml-adviser-grounds' AND $1 = ANY(young_ids)`,
      [person],
    );
    expect(traces.map((trace) => trace.fields_denied)).toContainEqual([
      'Mutation.missionsLocalesOpenFollowUp',
    ]);
  });

  it('is refused on a referral still proposed, declined, or accepted by another organisation; allowed once its own is accepted', async () => {
    const [, person] = await people(NO_OPEN_CASE, 2);
    const proposed = await hub.query(REFER, {
      input: { youngId: person, toOrganisation: missionLocale, reason: 'SUPPORT_PROGRAMME' },
    });
    expect(proposed.errors).toBeUndefined();
    expect(refusal(await openFollowUp(person))).toMatchObject({ reason: 'NO_GROUNDS' });
    // Only the organisation it names answers it.
    const foreign = await hub.query(
      ACCEPT,
      { input: { youngId: person, referralId: proposed.data!.referYoung.id } },
      { token: otherAdviser },
    );
    expect(refusal(foreign)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWN_ORGANISATION' });
    const declined = await hub.query(
      DECLINE,
      { input: { youngId: person, referralId: proposed.data!.referYoung.id } },
      { token: adviser },
    );
    expect(declined.data?.declineReferral.status).toBe('DECLINED');
    expect(refusal(await openFollowUp(person))).toMatchObject({ reason: 'NO_GROUNDS' });
    await referAndAccept(hub, person, otherMissionLocale, otherAdviser);
    expect(refusal(await openFollowUp(person))).toMatchObject({ reason: 'NO_GROUNDS' });
    expect(await followUps(person)).toBe(0);
    await referAndAccept(hub, person, missionLocale, adviser);
    const opened = await openFollowUp(person);
    expect(opened.errors).toBeUndefined();
    expect(await followUps(person)).toBe(1);
  });

  it('refers only to an organisation the hub knows, and only from the coordinators of the perimeter', async () => {
    const [person] = await people('true', 1);
    const unknown = await hub.query(REFER, {
      input: { youngId: person, toOrganisation: 'ML-DOES-NOT-EXIST', reason: 'GUIDANCE' },
    });
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (unknown.errors![0].extensions!.fieldErrors as { field: string }[]).map((error) => error.field),
    ).toEqual(['input.toOrganisation']);
    // Advisers cannot give each other (nor themselves) grounds.
    const self = await hub.query(
      REFER,
      { input: { youngId: person, toOrganisation: otherMissionLocale, reason: 'GUIDANCE' } },
      { token: adviser },
    );
    expect(refusal(self)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' });
    const [{ n }] = await psadDb().query('SELECT count(*)::int AS n FROM referral WHERE young_id = $1', [
      person,
    ]);
    expect(n).toBe(0);
  });
});

describe('a PSAD opening or handing over a case', () => {
  const UNLISTED = 'NOT EXISTS (SELECT 1 FROM siei_listing l WHERE l.young_id = y.id)';

  it('is refused NO_GROUNDS for a person of its perimeter neither listed nor referred; allowed once referred to it', async () => {
    const [person] = await people(`${UNLISTED} AND ${NO_OPEN_CASE}`, 1);
    expect(person).toBeDefined();
    const input = { youngId: person, campaign: '2026-S2' };
    const refused = await hub.query(OPEN_CASE, { input }, { token: coordinator });
    expect(refusal(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_GROUNDS' });
    expect(await cases(person)).toBe(0);
    const traces: { fields_denied: string[] }[] = await psadDb().query(
      `SELECT fields_denied FROM access_trail WHERE caller_sub = 'psad-grounds' AND $1 = ANY(young_ids)`,
      [person],
    );
    expect(traces.map((trace) => trace.fields_denied)).toContainEqual(['Mutation.openPsadCase']);
    // The FOQUALE network refers the person to the PSAD, which accepts: grounds.
    const referred = await hub.query(
      REFER,
      { input: { youngId: person, toOrganisation: `PSAD-${bassin}`, reason: 'COORDINATION' } },
      { token: network },
    );
    expect(referred.errors).toBeUndefined();
    const accepted = await hub.query(
      ACCEPT,
      { input: { youngId: person, referralId: referred.data!.referYoung.id } },
      { token: coordinator },
    );
    expect(accepted.data?.acceptReferral.status).toBe('ACCEPTED');
    const opened = await hub.query(OPEN_CASE, { input }, { token: coordinator });
    expect(opened.errors).toBeUndefined();
    expect(await cases(person)).toBe(1);
    const trajectory = await hub.query(
      `query ($id: ID!) { young(id: $id) { trajectory { kind summary } } }`,
      {
        id: person,
      },
    );
    const kinds = trajectory.data!.young.trajectory.map((event: { kind: string }) => event.kind);
    expect(kinds).toEqual(expect.arrayContaining(['REFERRAL_MADE', 'REFERRAL_ACCEPTED', 'CASE_OPENED']));
  });

  it('hands a case only to a known organisation (BAD_USER_INPUT naming the field) that accepted a referral (NO_GROUNDS)', async () => {
    const listed = `EXISTS (SELECT 1 FROM siei_listing l WHERE l.young_id = y.id AND l.campaign = '2026-S2')
      AND NOT EXISTS (SELECT 1 FROM psad_case c WHERE c.young_id = y.id AND c.campaign = '2026-S2')`;
    const [person] = await people(listed, 1);
    expect(person).toBeDefined();
    const opened = await hub.query(
      OPEN_CASE,
      { input: { youngId: person, campaign: '2026-S2' } },
      {
        token: coordinator,
      },
    );
    expect(opened.errors).toBeUndefined();
    const { id: caseId, version } = opened.data!.openPsadCase;
    const assign = (followerOrg: string) =>
      hub.query(
        ASSIGN,
        {
          input: {
            youngId: person,
            caseId,
            followerOrg,
            followerName: 'Conseillère',
            expectedVersion: version,
          },
        },
        { token: coordinator },
      );
    const unknown = await assign('12345678901234');
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (unknown.errors![0].extensions!.fieldErrors as { field: string }[]).map((error) => error.field),
    ).toEqual(['input.followerOrg']);
    const unreferred = await assign(missionLocale);
    expect(refusal(unreferred)).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_GROUNDS' });
    const [{ follower_org }] = await psadDb().query('SELECT follower_org FROM psad_case WHERE id = $1', [
      caseId,
    ]);
    expect(follower_org).toBe(`PSAD-${bassin}`);
    await referAndAccept(hub, person, missionLocale, adviser);
    const handed = await assign(missionLocale);
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.assignPsadCase.followerOrg).toBe(missionLocale);
  });
});
