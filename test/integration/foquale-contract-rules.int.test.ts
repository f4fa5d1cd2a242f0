import { randomUUID } from 'node:crypto';
import { type DemoYoung } from '../../demo/world';
import type { Caller } from '../../platform/auth/claims';
import { ageAt } from '../../platform/calendar';
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
  Contract,
  pick,
  organisationOf,
  networkOf,
  contractRows,
  reviewCount,
  errorOf,
  step,
  useFoqualeHub,
} from '../support/foquale-contract';

/**
 * An adult's FOQUALE contract through the gateway, and what the contract mutations refuse:
 * validation, refusals and concurrent writes. A minor's contract: foquale-contract.int.test.ts.
 */
useFoqualeHub();

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
