import { ageAt } from '../../platform/calendar';
import { startTestHub, type TestHub } from '../harness';
import { ReferralReason } from '../../subgraphs/psad/types/referral.type';
import { ACCEPT, DECLINE, REFER } from '../support/referrals';
import { specialCategoryWordsIn } from '../support/special-categories';

/**
 * Class 7 of issue 11 (docs/threat-model.md): no special-category data in what is shared. A PSAD
 * coordinator of every bassin reads, through the gateway, the trajectory and the obligation-de-
 * formation steps of every person of the test demo they may read, and finds no word of health,
 * beliefs, origins, sexual life, trade unions or offences in them — referrals (fiches de liaison) of every
 * reason, accepted and declined, included.
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

// People per request: within a coordinator's alias limit (gateway/limits: 15).
const PAGE = 10;

it('no shared summary of the test demo names a special category of data', async () => {
  const ids = hub.stack
    .world!.youngs.filter((young) => ageAt(young.birthDate, new Date()) >= 16)
    .map((young) => young.id);
  // A referral of every reason, proposed, accepted and declined, so that their summaries are read too.
  const referred = await referEveryReason(ids);
  const found: string[] = [];
  const kinds = new Set<string>();
  let events = 0;
  for (let start = 0; start < ids.length; start += PAGE) {
    const page = ids.slice(start, start + PAGE);
    const query = `{ ${page
      .map(
        (id, i) =>
          `y${i}: young(id: "${id}") { trajectory { kind summary } obligationDeFormation { steps { label } } }`,
      )
      .join(' ')} }`;
    const answer = await hub.query(query);
    expect(answer.errors?.filter((error) => error.extensions?.code !== 'FORBIDDEN') ?? []).toEqual([]);
    for (const young of Object.values(answer.data ?? {}) as ({
      trajectory: { kind: string; summary: string }[] | null;
      obligationDeFormation: { steps: { label: string }[] } | null;
    } | null)[]) {
      const texts = [
        ...(young?.trajectory ?? []).map((event) => `${event.kind}: ${event.summary}`),
        ...(young?.obligationDeFormation?.steps ?? []).map((step) => `OBLIGATION: ${step.label}`),
      ];
      for (const event of young?.trajectory ?? []) kinds.add(event.kind);
      events += texts.length;
      found.push(...texts.filter((text) => specialCategoryWordsIn(text).length > 0));
    }
  }
  expect(events).toBeGreaterThan(1000);
  expect(referred).toBe(REFERRAL_REASONS.length);
  expect([...kinds]).toEqual(
    expect.arrayContaining(['REFERRAL_MADE', 'REFERRAL_ACCEPTED', 'REFERRAL_DECLINED']),
  );
  expect(found).toEqual([]);
  // Every trajectory of the test demo, ten people a request: minutes on a loaded 2-core machine.
}, 300_000);

const REFERRAL_REASONS = Object.values(ReferralReason);

/**
 * Refers one person per reason to a Mission locale through the gateway, accepting every other one and
 * declining the rest; returns how many referrals were made.
 */
async function referEveryReason(ids: string[]): Promise<number> {
  const [site]: { code: string }[] = await hub.stack.subgraphs['missions-locales'].dataSource.query(
    "SELECT code FROM organisation WHERE kind = 'MISSION_LOCALE' ORDER BY code LIMIT 1",
  );
  const adviser = await hub.tokenFor({ role: 'ml-advisor', org: site.code, sub: 'ml-summaries' });
  let made = 0;
  for (const [index, reason] of REFERRAL_REASONS.entries()) {
    const youngId = ids[index];
    const answer = await hub.query(REFER, { input: { youngId, toOrganisation: site.code, reason } });
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    made += 1;
    const decision = index % 2 === 0 ? ACCEPT : DECLINE;
    await hub.query(
      decision,
      { input: { youngId, referralId: answer.data!.referYoung.id } },
      { token: adviser },
    );
  }
  return made;
}
