import { randomUUID } from 'node:crypto';
import { type DemoOrganisation, type DemoYoung } from '../../demo/world';
import {
  hub,
  world,
  today,
  daysAgo,
  OPEN,
  ASSIGN,
  CHOOSE,
  SIGN,
  REVIEW,
  CLOSE,
  OVERDUE,
  TRAJECTORY,
  Contract,
  pick,
  organisationOf,
  networkOf,
  referentOf,
  contractRows,
  reviewCount,
  errorOf,
  step,
  useFoqualeHub,
} from '../support/foquale-contract';

/**
 * The lifecycle of a minor's FOQUALE contract through the gateway, from signature to its end. An
 * adult's contract, validation, refusals and concurrency: foquale-contract-rules.int.test.ts.
 */
useFoqualeHub();

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
