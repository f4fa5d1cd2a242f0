import { randomUUID } from 'node:crypto';
import { BASSINS } from '../../platform/reference/territories';
import { readTrail } from '../../platform/audit/trail';
import {
  CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED,
  PLACE_RESERVATIONS,
} from '../../platform/partner-kit/retention';
import { deleteExpired } from '../../platform/retention/purge';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';
import { referAndAccept } from '../support/referrals';

/**
 * Place reservations through the gateway, against the real PostgreSQL: the last place of an offer
 * goes to exactly one of many concurrent requests, a cancellation gives it back, a retried request
 * does not take a second place, and vacancies never go below zero.
 */
let hub: TestHub;
/** Young people of the coordinator's perimeter, 17 to 28 (the offer is for 16-29). */
let people: string[];
/** A CFA of the demo, and a token for its staff (who publish the offers). */
let cfaStaff: string;
let cfaCode: string;

const RESERVE = `mutation ($input: ReservePlaceInput!, $key: String) {
  cfaReservePlace(input: $input, idempotencyKey: $key) { id status reservedByOrg offer { id vacancies capacity } }
}`;
const CANCEL = `mutation ($input: CancelPlaceReservationInput!) { cfaCancelPlaceReservation(input: $input) { id status cancelledAt offer { vacancies } } }`;
const CREATE_OFFER = `mutation ($input: CreateOfferInput!) { cfaCreateOffer(input: $input) { id capacity vacancies } }`;

const cfaDb = () => hub.stack.subgraphs.cfa.dataSource;
const localId = (globalId: string) => globalId.split(':')[1];

async function taken(offerId: string): Promise<{ taken: number; capacity: number; active: number }> {
  const [row] = await cfaDb().query(
    `SELECT o.taken, o.capacity, (SELECT count(*)::int FROM place_reservation r WHERE r.offer_id = o.id AND r.status = 'RESERVED') AS active FROM offer o WHERE o.id = $1`,
    [localId(offerId)],
  );
  return row;
}

/** A new apprenticeship offer of the CFA with `capacity` places. */
async function newOffer(capacity: number): Promise<string> {
  const answer = await hub.query(
    CREATE_OFFER,
    {
      input: {
        kind: 'APPRENTICESHIP',
        title: `CAP Boulanger – session test ${randomUUID().slice(0, 8)}`,
        track: 'Boulangerie',
        level: 'CAP',
        bassin: '38-GRE',
        commune: 'Grenoble',
        capacity,
        ageMin: 16,
        ageMax: 29,
        startsOn: '2027-09-01',
        endsOn: '2029-06-30',
      },
    },
    { token: cfaStaff },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.cfaCreateOffer.id;
}

const reserve = (youngId: string, offerId: string, key?: string): Promise<GraphQLAnswer> =>
  hub.query(RESERVE, { input: { youngId, offerId }, key });

/** The offer as the merged `offers` list shows it (every page of the bassin's apprenticeships). */
async function listedVacancies(offerId: string): Promise<number | undefined> {
  let after: string | null = null;
  for (;;) {
    const answer: GraphQLAnswer = await hub.query(
      `query ($after: String) { offers(filter: { territory: "38-GRE", kinds: [APPRENTICESHIP] }, first: 100, after: $after) { nodes { id vacancies } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(answer.errors).toBeUndefined();
    const found = (answer.data!.offers.nodes as { id: string; vacancies: number }[]).find(
      (offer) => offer.id === offerId,
    );
    if (found) return found.vacancies;
    if (!answer.data!.offers.pageInfo.hasNextPage) return undefined;
    after = answer.data!.offers.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  hub = await startTestHub();
  const [cfa]: { code: string }[] = await cfaDb().query(
    "SELECT code FROM organisation WHERE kind = 'CFA' ORDER BY code LIMIT 1",
  );
  // The CFA recruits across the académie: its staff cover every bassin.
  cfaCode = cfa.code;
  cfaStaff = await hub.tokenFor({
    role: 'cfa-staff',
    org: cfa.code,
    sub: 'cfa-staff-reservations',
    territories: BASSINS.map((bassin) => bassin.code),
  });
  const rows: { id: string }[] = await hub.stack.subgraphs.psad.dataSource.query(
    `SELECT id FROM young WHERE birth_date <= (current_date - interval '17 years') AND birth_date > (current_date - interval '28 years') ORDER BY id LIMIT 60`,
  );
  people = rows.map((row) => row.id);
  expect(people.length).toBe(60);
}, 240_000);

afterAll(async () => {
  await hub?.stop();
});

describe('the last place of an offer', () => {
  let offerId: string;

  beforeAll(async () => {
    offerId = await newOffer(3);
    // Two places go first: one is left.
    for (const youngId of people.slice(50, 52))
      expect((await reserve(youngId, offerId)).errors).toBeUndefined();
    expect(await taken(offerId)).toEqual({ taken: 2, capacity: 3, active: 2 });
  });

  it('goes to exactly one of 50 concurrent requests for 50 different people; the 49 others get NO_VACANCY and nothing is written for them', async () => {
    const answers = await Promise.all(people.slice(0, 50).map((youngId) => reserve(youngId, offerId)));
    const won = answers.filter((answer) => answer.data?.cfaReservePlace);
    const refused = answers.filter((answer) => answer.errors);
    expect(won).toHaveLength(1);
    expect(won[0].data!.cfaReservePlace).toMatchObject({
      status: 'RESERVED',
      reservedByOrg: 'PSAD-TEST',
      offer: { id: offerId, vacancies: 0, capacity: 3 },
    });
    expect(refused).toHaveLength(49);
    for (const answer of refused) {
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: 'No place is left on this offer',
          extensions: expect.objectContaining({ code: 'NO_VACANCY', offerId }),
        }),
      ]);
      expect(answer.data?.cfaReservePlace ?? null).toBeNull();
    }
    expect(await taken(offerId)).toEqual({ taken: 3, capacity: 3, active: 3 });
    expect(await listedVacancies(offerId)).toBe(0);
  });

  it('a cancellation gives the place back, and a new reservation then succeeds; cancelling twice is refused and frees nothing more', async () => {
    const [holder]: { id: string; young_id: string }[] = await cfaDb().query(
      "SELECT id, young_id FROM place_reservation WHERE offer_id = $1 AND status = 'RESERVED' ORDER BY reserved_at LIMIT 1",
      [localId(offerId)],
    );
    const reservationId = `cfa:${holder.id}`;
    const cancelled = await hub.query(CANCEL, {
      input: {
        youngId: holder.young_id,
        reservationId,
        reason: 'A trouvé un employeur en dehors de la session',
      },
    });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cfaCancelPlaceReservation).toMatchObject({
      id: reservationId,
      status: 'CANCELLED',
      offer: { vacancies: 1 },
    });
    // The reason is follow-up detail: kept by the CFA, not shown back to the coordinator who wrote it.
    const [stored]: { cancel_reason: string }[] = await cfaDb().query(
      'SELECT cancel_reason FROM place_reservation WHERE id = $1',
      [holder.id],
    );
    expect(stored.cancel_reason).toBe('A trouvé un employeur en dehors de la session');
    const read = await hub.query(
      `query ($id: ID!) { young(id: $id) { cfaPlaceReservations { id cancelReason } } }`,
      { id: holder.young_id },
    );
    expect(read.data!.young.cfaPlaceReservations).toContainEqual({ id: reservationId, cancelReason: null });
    expect(read.errors).toContainEqual(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'PlaceReservation.cancelReason' }),
      }),
    );
    expect(await taken(offerId)).toEqual({ taken: 2, capacity: 3, active: 2 });

    const again = await hub.query(CANCEL, {
      input: { youngId: holder.young_id, reservationId, reason: 'Deuxième annulation' },
    });
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'CANCELLED',
      to: 'CANCELLED',
    });
    expect(await taken(offerId)).toEqual({ taken: 2, capacity: 3, active: 2 });

    const newcomer = people[52];
    const reserved = await reserve(newcomer, offerId);
    expect(reserved.errors).toBeUndefined();
    expect(reserved.data!.cfaReservePlace.offer.vacancies).toBe(0);
    expect(await taken(offerId)).toEqual({ taken: 3, capacity: 3, active: 3 });
    expect((await reserve(people[53], offerId)).errors?.[0].extensions?.code).toBe('NO_VACANCY');
  });

  it('the reservation and its cancellation are in the person’s trajectory and on their CFA record at once', async () => {
    const [cancelled]: { id: string; young_id: string }[] = await cfaDb().query(
      "SELECT id, young_id FROM place_reservation WHERE offer_id = $1 AND status = 'CANCELLED'",
      [localId(offerId)],
    );
    const answer = await hub.query(
      `query ($id: ID!) { young(id: $id) { trajectory { partner kind summary } cfaPlaceReservations { id status offer { id title } } } }`,
      { id: cancelled.young_id },
    );
    const young = answer.data!.young;
    const cfaEvents = (young.trajectory as { partner: string; kind: string; summary: string }[]).filter(
      (event) => event.partner === 'CFA' && event.kind.startsWith('PLACE_'),
    );
    expect(cfaEvents.map((event) => event.kind)).toEqual(['PLACE_RESERVED', 'PLACE_RESERVATION_CANCELLED']);
    for (const event of cfaEvents) expect(event.summary).toMatch(/CAP Boulanger – session test .+ \(.+\)$/);
    expect(young.cfaPlaceReservations).toEqual([
      expect.objectContaining({
        id: `cfa:${cancelled.id}`,
        status: 'CANCELLED',
        offer: expect.objectContaining({ id: offerId }),
      }),
    ]);
  });

  it('one active reservation per person and offer: a second one for the same person is refused, concurrent or not', async () => {
    const holder = people[52];
    const twice = await reserve(holder, offerId);
    expect(twice.errors?.[0]).toMatchObject({
      message: 'This person already holds a place on this offer',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.offerId' },
    });

    const roomy = await newOffer(10);
    const answers = await Promise.all(Array.from({ length: 8 }, () => reserve(people[54], roomy)));
    expect(answers.filter((answer) => answer.data?.cfaReservePlace)).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors?.[0].extensions?.code === 'BAD_USER_INPUT')).toHaveLength(
      7,
    );
    expect(await taken(roomy)).toEqual({ taken: 1, capacity: 10, active: 1 });
  });
});

describe('on another partner’s offer', () => {
  it('the coordinator reserves a school place of Éducation nationale: in its trajectory, on its record, and in the vacancies at once', async () => {
    const en = hub.stack.subgraphs['education-nationale'].dataSource;
    const [offer]: { id: string; title: string; taken: number }[] = await en.query(
      `SELECT id, title, taken FROM offer WHERE closed_at IS NULL AND taken < capacity AND (ends_on IS NULL OR ends_on >= current_date) AND age_min <= 17 AND age_max >= 19 ORDER BY id LIMIT 1`,
    );
    const youngId = people[43];
    const reserved = await hub.query(
      `mutation ($input: ReservePlaceInput!) { educationNationaleReservePlace(input: $input) { id status offer { id title vacancies } } }`,
      { input: { youngId, offerId: `education-nationale:${offer.id}` } },
    );
    expect(reserved.errors).toBeUndefined();
    expect(reserved.data!.educationNationaleReservePlace).toMatchObject({
      status: 'RESERVED',
      offer: { id: `education-nationale:${offer.id}`, title: offer.title },
    });
    const [after]: { taken: number }[] = await en.query('SELECT taken FROM offer WHERE id = $1', [offer.id]);
    expect(after.taken).toBe(offer.taken + 1);
    const answer = await hub.query(
      `query ($id: ID!) { young(id: $id) { trajectory { partner kind summary } educationNationalePlaceReservations { id status } } }`,
      { id: youngId },
    );
    expect(answer.data!.young.trajectory).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          partner: 'EDUCATION_NATIONALE',
          kind: 'PLACE_RESERVED',
          summary: expect.stringContaining(`Place réservée : ${offer.title} (`),
        }),
      ]),
    );
    expect(answer.data!.young.educationNationalePlaceReservations).toEqual([
      { id: reserved.data!.educationNationaleReservePlace.id, status: 'RESERVED' },
    ]);
  });

  it('a reservation on one partner’s offer cannot be cancelled through another partner', async () => {
    const [row]: { id: string; young_id: string }[] = await hub.stack.subgraphs[
      'education-nationale'
    ].dataSource.query("SELECT id, young_id FROM place_reservation WHERE status = 'RESERVED' LIMIT 1");
    const answer = await hub.query(CANCEL, {
      input: { youngId: row.young_id, reservationId: `education-nationale:${row.id}`, reason: 'Erreur' },
    });
    expect(answer.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reservationId',
    });
  });
});

describe('idempotent retries', () => {
  it('the same key gives back the same reservation and takes the place once', async () => {
    const offerId = await newOffer(5);
    const key = randomUUID();
    const first = await reserve(people[55], offerId, key);
    const retry = await reserve(people[55], offerId, key);
    expect(first.errors).toBeUndefined();
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.cfaReservePlace.id).toBe(first.data!.cfaReservePlace.id);
    expect(await taken(offerId)).toEqual({ taken: 1, capacity: 5, active: 1 });
    // The same key for another request is an error, not a replay.
    const reused = await reserve(people[56], offerId, key);
    expect(reused.errors?.[0].extensions).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
    });
    expect(await taken(offerId)).toEqual({ taken: 1, capacity: 5, active: 1 });
  });

  it('concurrent retries with the same key make one reservation', async () => {
    const offerId = await newOffer(5);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => reserve(people[57], offerId, key)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(new Set(answers.map((answer) => answer.data!.cfaReservePlace.id)).size).toBe(1);
    expect(await taken(offerId)).toEqual({ taken: 1, capacity: 5, active: 1 });
  });

  it('a retry of a reservation refused for want of a place is refused again: a failed write leaves no key behind', async () => {
    const offerId = await newOffer(0);
    const key = randomUUID();
    expect((await reserve(people[58], offerId, key)).errors?.[0].extensions?.code).toBe('NO_VACANCY');
    expect((await reserve(people[58], offerId, key)).errors?.[0].extensions?.code).toBe('NO_VACANCY');
    expect(await taken(offerId)).toEqual({ taken: 0, capacity: 0, active: 0 });
  });
});

describe('what cannot be reserved', () => {
  it('an unknown offer, another partner’s id, a closed offer or an unknown person: BAD_USER_INPUT on the field, nothing written', async () => {
    const unknown = await reserve(people[59], `cfa:${randomUUID()}`);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.offerId' });
    const elsewhere = await reserve(people[59], `e2c:${randomUUID()}`);
    expect(elsewhere.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.offerId',
    });
    // A hub id nobody has is refused as a person out of the coordinator's territories is.
    const nobody = await reserve(randomUUID(), await newOffer(2));
    expect(nobody.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_TERRITORY' });

    const offerId = await newOffer(2);
    const closed = await hub.query(
      `mutation ($input: CloseOfferInput!) { cfaCloseOffer(input: $input) { id } }`,
      { input: { offerId } },
      { token: cfaStaff },
    );
    expect(closed.errors).toBeUndefined();
    const onClosed = await reserve(people[59], offerId);
    expect(onClosed.errors?.[0]).toMatchObject({
      message: 'This offer is closed: it takes no more reservations',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.offerId' },
    });
    expect(await taken(offerId)).toEqual({ taken: 0, capacity: 2, active: 0 });
  });

  it('a caller the rules do not allow (CFA staff for someone the CFA does not follow) is refused, and the attempt is in the person’s trail', async () => {
    const offerId = await newOffer(2);
    const answer = await hub.query(RESERVE, { input: { youngId: people[59], offerId } }, { token: cfaStaff });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_FOLLOWING' });
    expect(await taken(offerId)).toEqual({ taken: 0, capacity: 2, active: 0 });
    const trail = await readTrail(cfaDb(), people[59]);
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          callerSub: 'cfa-staff-reservations',
          fieldsDenied: ['Mutation.cfaReservePlace'],
          categoriesDenied: ['FOLLOW_UP_SUMMARY'],
        }),
      ]),
    );
  });

  it('once the CFA follows the person (an open follow-up), its staff reserve on its offers for them', async () => {
    const offerId = await newOffer(2);
    const youngId = people[44];
    // Its grounds to follow them: a referral to the CFA, which it accepted.
    await referAndAccept(hub, youngId, cfaCode, cfaStaff, 'APPRENTICESHIP');
    const opened = await hub.query(
      `mutation ($input: OpenFollowUpInput!) { cfaOpenFollowUp(input: $input) { id organisation { code } } }`,
      { input: { youngId, programme: 'Prépa-apprentissage', openedOn: '2026-11-16' } },
      { token: cfaStaff },
    );
    expect(opened.errors).toBeUndefined();
    const answer = await hub.query(RESERVE, { input: { youngId, offerId } }, { token: cfaStaff });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.cfaReservePlace).toMatchObject({
      status: 'RESERVED',
      reservedByOrg: opened.data!.cfaOpenFollowUp.organisation.code,
      offer: { vacancies: 1 },
    });
  });

  it('vacancies never go below zero: the table refuses it even when asked directly', async () => {
    const offerId = await newOffer(1);
    await expect(
      cfaDb().query('UPDATE offer SET taken = -1 WHERE id = $1', [localId(offerId)]),
    ).rejects.toThrow(/check constraint/);
    await expect(
      cfaDb().query('UPDATE offer SET taken = capacity + 1 WHERE id = $1', [localId(offerId)]),
    ).rejects.toThrow(/check constraint/);
    const [{ count }]: { count: number }[] = await cfaDb().query(
      'SELECT count(*)::int AS count FROM offer WHERE taken < 0 OR taken > capacity',
    );
    expect(count).toBe(0);
  });
});

describe('retention', () => {
  it('a reservation goes once cancelled (or once its offer ended or closed) and its period ran; an offer stays while a reservation names it', async () => {
    const offerId = await newOffer(3);
    const kept = await reserve(people[40], offerId);
    const gone = await reserve(people[41], offerId);
    const cancelled = await hub.query(CANCEL, {
      input: {
        youngId: people[41],
        reservationId: gone.data!.cfaReservePlace.id,
        reason: 'Parti de la région',
      },
    });
    expect(cancelled.errors).toBeUndefined();
    expect(
      (
        await hub.query(
          `mutation ($input: CloseOfferInput!) { cfaCloseOffer(input: $input) { id } }`,
          { input: { offerId } },
          { token: cfaStaff },
        )
      ).errors,
    ).toBeUndefined();
    const rollback = new Error('rolled back');
    await expect(
      cfaDb().transaction(async (manager) => {
        // Cutoffs as the purge computes them: rows whose period started before that day go.
        expect(await deleteExpired(manager, PLACE_RESERVATIONS, '2020-01-01')).toBe(0);
        const ids = (rows: { id: string }[]) => rows.map((row) => `cfa:${row.id}`).sort();
        const before = ids(
          await manager.query('SELECT id FROM place_reservation WHERE offer_id = $1', [localId(offerId)]),
        );
        expect(before).toEqual([kept.data!.cfaReservePlace.id, gone.data!.cfaReservePlace.id].sort());
        // While a reservation names the closed offer, the offer stays.
        await manager.query("DELETE FROM place_reservation WHERE offer_id = $1 AND status = 'RESERVED'", [
          localId(offerId),
        ]);
        const purgedOffers = await deleteExpired(
          manager,
          CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED,
          '2100-01-01',
        );
        expect((await manager.query('SELECT id FROM offer WHERE id = $1', [localId(offerId)])).length).toBe(
          1,
        );
        expect(purgedOffers).toBeGreaterThanOrEqual(1);
        // Far enough ahead, the cancelled one goes too; then the offer can.
        expect(await deleteExpired(manager, PLACE_RESERVATIONS, '2100-01-01')).toBeGreaterThanOrEqual(1);
        expect(
          (await manager.query('SELECT id FROM place_reservation WHERE offer_id = $1', [localId(offerId)]))
            .length,
        ).toBe(0);
        await deleteExpired(manager, CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED, '2100-01-01');
        expect((await manager.query('SELECT id FROM offer WHERE id = $1', [localId(offerId)])).length).toBe(
          0,
        );
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await taken(offerId)).toEqual({ taken: 1, capacity: 3, active: 1 });
  });

  it('an active reservation on a running offer is never purged, however far the clock goes', async () => {
    const offerId = await newOffer(2);
    const held = await reserve(people[42], offerId);
    expect(held.errors).toBeUndefined();
    // Only once the offer has ended (2029-06-30) does its period start.
    const [{ count }]: { count: number }[] = await cfaDb().query(
      `SELECT count(*)::int AS count FROM place_reservation WHERE offer_id = $1 AND (${PLACE_RESERVATIONS.endsOn}) < '2029-06-30'::date`,
      [localId(offerId)],
    );
    expect(count).toBe(0);
    await cfaDb().query('UPDATE offer SET ends_on = NULL WHERE id = $1', [localId(offerId)]);
    const [{ never }]: { never: number }[] = await cfaDb().query(
      `SELECT count(*)::int AS never FROM place_reservation WHERE offer_id = $1 AND (${PLACE_RESERVATIONS.endsOn}) < '2999-01-01'::date`,
      [localId(offerId)],
    );
    expect(never).toBe(0);
  });
});

describe('a Mission locale adviser reserving on another partner’s offer', () => {
  it('may for a person their Mission locale follows — known only from its own report, which the gateway gathers — and not for others', async () => {
    const offerId = await newOffer(5);
    const ml = hub.stack.subgraphs['missions-locales'].dataSource;
    const followed: { young_id: string; code: string; bassin_code: string }[] = await ml.query(
      `SELECT f.young_id, org.code, org.bassin_code FROM follow_up f JOIN organisation org ON org.id = f.organisation_id
        WHERE f.closed_on IS NULL AND f.young_id = ANY($1::uuid[]) ORDER BY f.young_id LIMIT 1`,
      [people],
    );
    expect(followed).toHaveLength(1);
    const [{ young_id: youngId, code, bassin_code: bassin }] = followed;
    const adviser = await hub.tokenFor({
      role: 'ml-advisor',
      org: code,
      territories: [bassin],
      sub: 'ml-adviser-reservations',
    });
    const allowed = await hub.query(RESERVE, { input: { youngId, offerId } }, { token: adviser });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.cfaReservePlace).toMatchObject({ status: 'RESERVED', reservedByOrg: code });

    const [stranger]: { id: string }[] = await ml.query(
      'SELECT $1::uuid AS id WHERE NOT EXISTS (SELECT 1 FROM follow_up WHERE young_id = $1 AND closed_on IS NULL)',
      [people[59]],
    );
    expect(stranger).toBeDefined();
    const refused = await hub.query(
      RESERVE,
      { input: { youngId: stranger.id, offerId } },
      { token: adviser },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_FOLLOWING' });
    expect(await taken(offerId)).toEqual({ taken: 1, capacity: 5, active: 1 });
  });
});

describe('a place for someone the offer is not for', () => {
  it('is refused on the offer’s ages, and takes nothing', async () => {
    const answer = await hub.query(
      CREATE_OFFER,
      {
        input: {
          kind: 'APPRENTICESHIP',
          title: 'BP Boulanger – adultes',
          track: 'Boulangerie',
          level: 'BP',
          bassin: '38-GRE',
          commune: 'Grenoble',
          capacity: 2,
          ageMin: 26,
          ageMax: 29,
          startsOn: '2027-09-01',
        },
      },
      { token: cfaStaff },
    );
    expect(answer.errors).toBeUndefined();
    const offerId: string = answer.data!.cfaCreateOffer.id;
    const [young]: { id: string }[] = await hub.stack.subgraphs.psad.dataSource.query(
      `SELECT id FROM young WHERE id = ANY($1::uuid[]) AND birth_date > (current_date - interval '25 years') LIMIT 1`,
      [people],
    );
    const refused = await reserve(young.id, offerId);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining('ages 26 to 29'),
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.offerId' }),
    });
    expect(await taken(offerId)).toEqual({ taken: 0, capacity: 2, active: 0 });
  });
});

describe('what a reservation tells of who exists', () => {
  const extensionsOf = (answer: GraphQLAnswer) => answer.errors?.[0].extensions;

  it('answers a hub id nobody has exactly as it answers a real person out of reach', async () => {
    const [elsewhere]: { id: string; bassin_code: string }[] =
      await hub.stack.subgraphs.psad.dataSource.query(
        "SELECT id, bassin_code FROM young WHERE bassin_code <> '38-GRE' AND birth_date <= (current_date - interval '16 years') ORDER BY id LIMIT 1",
      );
    const [younger]: { id: string }[] = await hub.stack.subgraphs.psad.dataSource.query(
      "SELECT id FROM young WHERE bassin_code = '38-GRE' AND birth_date > (current_date - interval '16 years') ORDER BY id LIMIT 1",
    );
    const coordinator = await hub.tokenFor({
      sub: 'coordinator-38-GRE',
      org: 'PSAD-38-GRE',
      territories: ['38-GRE'],
    });
    const offerId = await newOffer(2);
    for (const target of [`cfa:${randomUUID()}`, offerId]) {
      const answers = await Promise.all(
        [randomUUID(), elsewhere.id, younger.id].map((youngId) =>
          hub.query(RESERVE, { input: { youngId, offerId: target } }, { token: coordinator }),
        ),
      );
      expect(answers.map(extensionsOf)).toEqual([
        extensionsOf(answers[0]),
        extensionsOf(answers[0]),
        extensionsOf(answers[0]),
      ]);
    }
    // Another CFA's staff on this CFA's offer: refused for the record, whoever the person.
    const [other]: { code: string }[] = await cfaDb().query(
      "SELECT code FROM organisation WHERE kind = 'CFA' ORDER BY code DESC LIMIT 1",
    );
    const otherStaff = await hub.tokenFor({
      role: 'cfa-staff',
      org: other.code,
      sub: 'cfa-staff-other',
      territories: ['38-GRE'],
    });
    const staffAnswers = await Promise.all(
      [randomUUID(), people[0]].map((youngId) =>
        hub.query(RESERVE, { input: { youngId, offerId } }, { token: otherStaff }),
      ),
    );
    expect(staffAnswers.map(extensionsOf)).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', reason: 'NOT_OWN_ORGANISATION' }),
      extensionsOf(staffAnswers[0]),
    ]);
    expect(await taken(offerId)).toEqual({ taken: 0, capacity: 2, active: 0 });
  });
});
