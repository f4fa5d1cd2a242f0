import { ageAt } from '../../platform/calendar';
import { startTestHub, type TestHub } from '../harness';
import { specialCategoryWordsIn } from '../support/special-categories';

/**
 * Class 7 of issue 11 (docs/threat-model.md): no special-category data in what is shared. A PSAD
 * coordinator of every bassin reads, through the gateway, the trajectory and the obligation-de-
 * formation steps of every person of the test demo they may read, and finds no word of health,
 * beliefs, origins, sexual life, trade unions or offences in them.
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

const PAGE = 25;

it('no shared summary of the test demo names a special category of data', async () => {
  const ids = hub.stack
    .world!.youngs.filter((young) => ageAt(young.birthDate, new Date()) >= 16)
    .map((young) => young.id);
  const found: string[] = [];
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
    for (const young of Object.values(answer.data ?? {}) as ({
      trajectory: { kind: string; summary: string }[] | null;
      obligationDeFormation: { steps: { label: string }[] } | null;
    } | null)[]) {
      const texts = [
        ...(young?.trajectory ?? []).map((event) => `${event.kind}: ${event.summary}`),
        ...(young?.obligationDeFormation?.steps ?? []).map((step) => `OBLIGATION: ${step.label}`),
      ];
      events += texts.length;
      found.push(...texts.filter((text) => specialCategoryWordsIn(text).length > 0));
    }
  }
  expect(events).toBeGreaterThan(1000);
  expect(found).toEqual([]);
});
