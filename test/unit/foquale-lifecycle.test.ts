import { GraphQLError } from 'graphql';
import { TrajectoryEventKind } from '../../platform/graphql/types';
import { SUBGRAPHS } from '../../platform/partners';
import type { FoqualeContractRecord } from '../../subgraphs/education-nationale/entities';
import {
  addSignature,
  ALLOWED_STEPS,
  assertStep,
  closeReasonAllowed,
  FOQUALE_STATES,
  FOQUALE_STEPS,
  mayBeMinorOn,
  reviewDue,
  stateOf,
  type ContractFacts,
  type FoqualeState,
} from '../../subgraphs/education-nationale/foquale-lifecycle';
import { educationNationaleTrajectory } from '../../subgraphs/education-nationale/events';

const OPENED: ContractFacts = {
  initialReviewOn: '2026-03-02',
  tutorName: null,
  solution: null,
  tutorSignedOn: null,
  youngSignedOn: null,
  familySignedOn: null,
  signedOn: null,
  closedOn: null,
};
const READY: ContractFacts = { ...OPENED, tutorName: 'Claire Morel', solution: 'Micro-lycée' };
const BEING_SIGNED: ContractFacts = { ...READY, tutorSignedOn: '2026-03-10' };
const IN_FORCE: ContractFacts = {
  ...READY,
  tutorSignedOn: '2026-03-10',
  youngSignedOn: '2026-03-11',
  familySignedOn: '2026-03-12',
  signedOn: '2026-03-12',
};
const CLOSED: ContractFacts = { ...IN_FORCE, closedOn: '2026-06-30' };

const EXAMPLES: Record<FoqualeState, ContractFacts> = {
  IN_PREPARATION: OPENED,
  READY_TO_SIGN: READY,
  BEING_SIGNED,
  IN_FORCE,
  CLOSED,
};

function refusal(action: () => unknown): GraphQLError {
  try {
    action();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
}

describe('the state of a FOQUALE contract', () => {
  it('is derived from its columns, in the order of the circulaire', () => {
    expect(stateOf(OPENED)).toBe('IN_PREPARATION');
    expect(stateOf({ ...OPENED, tutorName: 'Claire Morel' })).toBe('IN_PREPARATION');
    expect(stateOf({ ...OPENED, solution: 'Micro-lycée' })).toBe('IN_PREPARATION');
    expect(stateOf(READY)).toBe('READY_TO_SIGN');
    expect(stateOf(BEING_SIGNED)).toBe('BEING_SIGNED');
    expect(stateOf({ ...READY, familySignedOn: '2026-03-10' })).toBe('BEING_SIGNED');
    expect(stateOf(IN_FORCE)).toBe('IN_FORCE');
    expect(stateOf(CLOSED)).toBe('CLOSED');
    // Closed before it was ever signed (the young person walked away).
    expect(stateOf({ ...READY, closedOn: '2026-04-01' })).toBe('CLOSED');
  });
});

describe('the steps each state allows', () => {
  it('allows exactly the steps of ALLOWED_STEPS, and refuses the others naming both states and what is allowed', () => {
    for (const state of FOQUALE_STATES) {
      for (const step of FOQUALE_STEPS) {
        if (ALLOWED_STEPS[state].includes(step)) {
          expect(assertStep(EXAMPLES[state], step)).toBe(state);
        } else {
          const error = refusal(() => assertStep(EXAMPLES[state], step));
          expect(error.extensions).toEqual({
            code: 'ILLEGAL_TRANSITION',
            from: state,
            to: step,
            allowed: [...ALLOWED_STEPS[state]],
          });
          expect(error.message).toContain(`from ${state} to ${step}`);
        }
      }
    }
  });

  it('needs a tutor and a solution before any signature, a signature before any review, and nothing after closure', () => {
    expect(ALLOWED_STEPS.IN_PREPARATION).not.toContain('SIGNATURE');
    expect(ALLOWED_STEPS.READY_TO_SIGN).not.toContain('SITUATION_REVIEW');
    expect(ALLOWED_STEPS.BEING_SIGNED).not.toContain('SITUATION_REVIEW');
    expect(ALLOWED_STEPS.BEING_SIGNED).not.toContain('TUTOR_ASSIGNMENT');
    expect(ALLOWED_STEPS.IN_FORCE).not.toContain('SOLUTION_CHOICE');
    expect(ALLOWED_STEPS.CLOSED).toEqual([]);
    expect(refusal(() => assertStep(CLOSED, 'SIGNATURE')).message).toBe(
      'The FOQUALE contract cannot go from CLOSED to SIGNATURE: CLOSED is final',
    );
  });

  it('closes as COMPLETED only a contract that came into force', () => {
    expect(closeReasonAllowed('IN_FORCE', 'COMPLETED')).toBe(true);
    expect(closeReasonAllowed('READY_TO_SIGN', 'COMPLETED')).toBe(false);
    expect(closeReasonAllowed('BEING_SIGNED', 'ABANDONED')).toBe(true);
    expect(closeReasonAllowed('IN_PREPARATION', 'REORIENTED')).toBe(true);
  });
});

describe('who may be a minor on a given day, from an age known today', () => {
  const today = '2026-12-01';

  it('is anyone under 18 today, on any day up to today', () => {
    expect(mayBeMinorOn(today, 17, today)).toBe(true);
    expect(mayBeMinorOn('2026-01-01', 16, today)).toBe(true);
  });

  it('is someone of age today only before the latest day they can have turned 18', () => {
    // 18 today: they turned 18 at the latest today, maybe a year ago.
    expect(mayBeMinorOn(today, 18, today)).toBe(false);
    expect(mayBeMinorOn('2026-11-30', 18, today)).toBe(true);
    // 19 today: of age for certain since 2025-12-01, maybe since 2024-12-02.
    expect(mayBeMinorOn('2025-12-01', 19, today)).toBe(false);
    expect(mayBeMinorOn('2025-11-30', 19, today)).toBe(true);
  });

  it('places the 29 February of a common year between the 28th and the 1st of March', () => {
    // Aged 20 on 2028-02-29: born on 2008-02-29 at the latest, 18 from 2026-03-01 (the calendar's ageOn).
    expect(mayBeMinorOn('2026-02-28', 20, '2028-02-29')).toBe(true);
    expect(mayBeMinorOn('2026-03-01', 20, '2028-02-29')).toBe(false);
  });
});

describe('signatures', () => {
  const adult = { ageToday: 25, today: '2026-12-01' };
  const minor = { ageToday: 17, today: '2026-12-01' };

  it('puts an adult’s contract in force with the tutor’s and the young person’s, on the later of the two', () => {
    const first = addSignature(READY, 'YOUNG_PERSON', '2026-03-11', adult);
    expect(first).toMatchObject({
      ok: true,
      youngSignedOn: '2026-03-11',
      signedOn: null,
      missing: ['TUTOR'],
    });
    const second = addSignature({ ...READY, youngSignedOn: '2026-03-11' }, 'TUTOR', '2026-03-10', adult);
    expect(second).toMatchObject({
      ok: true,
      tutorSignedOn: '2026-03-10',
      signedOn: '2026-03-11',
      missing: [],
    });
  });

  it('keeps a minor’s contract out of force until the family signs', () => {
    const both = addSignature({ ...READY, tutorSignedOn: '2026-03-10' }, 'YOUNG_PERSON', '2026-03-11', minor);
    expect(both).toMatchObject({ ok: true, signedOn: null, missing: ['FAMILY'] });
    const family = addSignature(
      { ...READY, tutorSignedOn: '2026-03-10', youngSignedOn: '2026-03-11' },
      'FAMILY',
      '2026-03-13',
      minor,
    );
    expect(family).toMatchObject({
      ok: true,
      familySignedOn: '2026-03-13',
      signedOn: '2026-03-13',
      missing: [],
    });
  });

  it('asks the family of someone of age today who may have been a minor on the day of the signatures', () => {
    const signed = addSignature({ ...READY, tutorSignedOn: '2026-03-10' }, 'YOUNG_PERSON', '2026-03-11', {
      ageToday: 18,
      today: '2026-12-01',
    });
    expect(signed).toMatchObject({ ok: true, signedOn: null, missing: ['FAMILY'] });
  });

  it('refuses a second signature of the same signatory', () => {
    expect(addSignature(BEING_SIGNED, 'TUTOR', '2026-03-12', adult)).toEqual({
      ok: false,
      reason: 'ALREADY_SIGNED',
      signedOn: '2026-03-10',
    });
  });
});

describe('when the next bilan de situation is due', () => {
  it('counts the network’s interval from the last review, or from the signature before any', () => {
    expect(reviewDue(IN_FORCE, [], 42, '2026-04-23')).toEqual({ dueOn: '2026-04-23', daysOverdue: 0 });
    expect(reviewDue(IN_FORCE, [], 42, '2026-05-03')).toEqual({ dueOn: '2026-04-23', daysOverdue: 10 });
    expect(reviewDue(IN_FORCE, ['2026-04-20', '2026-04-01'], 42, '2026-06-05')).toEqual({
      dueOn: '2026-06-01',
      daysOverdue: 4,
    });
  });

  it('is nothing for a contract not in force', () => {
    expect(reviewDue(READY, [], 42, '2026-12-01')).toBeNull();
    expect(reviewDue(CLOSED, [], 42, '2026-12-01')).toBeNull();
  });
});

describe('the lifecycle in the trajectory', () => {
  const profile = SUBGRAPHS['education-nationale'];
  const SCHOOL = '00000000-0000-4000-8000-0000000000a1';
  const record: FoqualeContractRecord = {
    id: '00000000-0000-4000-8000-0000000000c1',
    youngId: '00000000-0000-4000-8000-000000000001',
    networkId: '00000000-0000-4000-8000-0000000000b1',
    version: 9,
    initialReviewOn: '2026-03-02',
    needs: 'Confiance en soi à reconstruire',
    skills: 'Bonne expression orale',
    level: 'Fin de 2nde pro',
    tutorName: 'Claire Morel',
    tutorOrganisationId: SCHOOL,
    tutorAssignedOn: '2026-03-04',
    solution: 'Micro-lycée : préparation du baccalauréat en 1re générale',
    solutionOfferId: null,
    solutionChosenOn: '2026-03-04',
    tutorSignedOn: '2026-03-10',
    youngSignedOn: '2026-03-10',
    familySignedOn: '2026-03-12',
    signedOn: '2026-03-12',
    familySigned: true,
    status: 'CLOSED',
    closedOn: '2026-06-30',
    closeReason: 'COMPLETED',
  };
  const events = educationNationaleTrajectory(
    profile,
    {
      enrolments: [],
      signals: [],
      contracts: [record],
      reviews: [
        {
          id: '00000000-0000-4000-8000-0000000000f1',
          contractId: record.id,
          youngId: record.youngId,
          reviewedOn: '2026-04-20',
          outcome: 'AT_RISK',
          note: 'Absences répétées, famille inquiète',
        },
      ],
    },
    {
      school: (id) => (id === SCHOOL ? 'Lycée Gustave Eiffel' : 'établissement inconnu'),
      network: () => 'Réseau FOQUALE Grenoble',
    },
  );

  it('shows every step in order, the tutor and the solution on the day they were recorded', () => {
    expect(events.map((event) => [event.at.toISOString(), event.kind])).toEqual([
      ['2026-03-02T09:00:00.000Z', TrajectoryEventKind.INITIAL_REVIEW],
      ['2026-03-04T09:20:00.000Z', TrajectoryEventKind.FOQUALE_TUTOR_ASSIGNED],
      ['2026-03-04T09:40:00.000Z', TrajectoryEventKind.FOQUALE_SOLUTION_CHOSEN],
      ['2026-03-12T11:00:00.000Z', TrajectoryEventKind.FOQUALE_CONTRACT_SIGNED],
      ['2026-04-20T14:00:00.000Z', TrajectoryEventKind.SITUATION_REVIEW],
      ['2026-06-30T16:30:00.000Z', TrajectoryEventKind.FOQUALE_CONTRACT_CLOSED],
    ]);
    expect(events[1].summary).toBe(
      'Tuteur désigné (Réseau FOQUALE Grenoble) : Claire Morel, Lycée Gustave Eiffel',
    );
    expect(events[2].summary).toBe(
      'Solution retenue (Réseau FOQUALE Grenoble) : Micro-lycée : préparation du baccalauréat en 1re générale',
    );
    expect(events[4].summary).toBe('Bilan de situation (Réseau FOQUALE Grenoble) : risque de rupture');
  });

  it('quotes none of the review’s free text: needs, skills, level, notes', () => {
    const text = events.map((event) => event.summary).join('\n');
    for (const secret of [record.needs, record.skills!, record.level!, 'Absences répétées'])
      expect(text).not.toContain(secret);
  });
});
