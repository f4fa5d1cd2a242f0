import { TrajectoryEventKind } from '../../platform/graphql/types';
import { Partner, SUBGRAPHS } from '../../platform/partners';
import type {
  DropoutSignalRecord,
  EnrolmentRecord,
  FoqualeContractRecord,
  SituationReviewRecord,
} from '../../subgraphs/education-nationale/entities';
import {
  educationNationaleTrajectory,
  type NameLookup,
  type SchoolingRecords,
} from '../../subgraphs/education-nationale/events';

const profile = SUBGRAPHS['education-nationale'];
const YOUNG = '00000000-0000-4000-8000-000000000001';
const LP = '00000000-0000-4000-8000-0000000000a1';
const COLLEGE = '00000000-0000-4000-8000-0000000000a2';
const NETWORK = '00000000-0000-4000-8000-0000000000b1';
const CONTRACT = '00000000-0000-4000-8000-0000000000c1';

const names: NameLookup = {
  school: (id) =>
    ({ [LP]: 'Lycée professionnel Gustave Eiffel', [COLLEGE]: 'Collège Jean Jaurès' })[id] ??
    'établissement inconnu',
  network: (id) => (id === NETWORK ? 'Réseau FOQUALE Nord Isère' : 'réseau FOQUALE inconnu'),
};

function enrolment(overrides: Partial<EnrolmentRecord> = {}): EnrolmentRecord {
  return {
    id: '00000000-0000-4000-8000-0000000000e1',
    youngId: YOUNG,
    schoolId: LP,
    schoolYear: '2024-2025',
    classLevel: '2nde pro',
    track: 'Maintenance des véhicules',
    startedOn: '2024-09-02',
    endedOn: '2025-01-17',
    exitReason: 'DROPPED_OUT',
    ...overrides,
  };
}

function signal(overrides: Partial<DropoutSignalRecord> = {}): DropoutSignalRecord {
  return {
    id: '00000000-0000-4000-8000-0000000000d1',
    youngId: YOUNG,
    schoolId: LP,
    signalledOn: '2024-11-12',
    reason: 'ABSENTEEISM',
    actionTaken: 'Entretien avec la famille et le CPE',
    ...overrides,
  };
}

function contract(overrides: Partial<FoqualeContractRecord> = {}): FoqualeContractRecord {
  return {
    id: CONTRACT,
    youngId: YOUNG,
    networkId: NETWORK,
    tutorName: 'Claire Morel',
    initialReviewOn: '2025-03-10',
    needs: 'Remobilisation, projet professionnel à construire',
    solution: 'Micro-lycée de Villefontaine',
    solutionOfferId: null,
    signedOn: '2025-03-10',
    familySigned: true,
    status: 'CLOSED',
    closedOn: '2025-06-27',
    closeReason: 'COMPLETED',
    // A contract recorded before the lifecycle dated its tutor and solution.
    version: 1,
    skills: null,
    level: null,
    tutorOrganisationId: null,
    tutorAssignedOn: null,
    solutionChosenOn: null,
    tutorSignedOn: '2025-03-10',
    youngSignedOn: '2025-03-10',
    familySignedOn: '2025-03-10',
    ...overrides,
  };
}

function review(id: string, reviewedOn: string, outcome: string): SituationReviewRecord {
  return { id, contractId: CONTRACT, youngId: YOUNG, reviewedOn, outcome, note: 'Assiduité retrouvée' };
}

function trajectory(records: Partial<SchoolingRecords>) {
  return educationNationaleTrajectory(
    profile,
    { enrolments: [], signals: [], contracts: [], reviews: [], ...records },
    names,
  );
}

describe('educationNationaleTrajectory', () => {
  it('turns a whole path into events in chronological order', () => {
    const events = trajectory({
      enrolments: [enrolment()],
      signals: [signal()],
      contracts: [contract()],
      reviews: [
        review('00000000-0000-4000-8000-0000000000f2', '2025-05-19', 'ADJUSTED'),
        review('00000000-0000-4000-8000-0000000000f1', '2025-04-22', 'ON_TRACK'),
      ],
    });
    expect(events.map((e) => [e.at.toISOString(), e.kind])).toEqual([
      ['2024-09-02T08:00:00.000Z', TrajectoryEventKind.ENROLMENT],
      ['2024-11-12T10:00:00.000Z', TrajectoryEventKind.DROPOUT_SIGNAL],
      ['2025-01-17T16:00:00.000Z', TrajectoryEventKind.SCHOOL_EXIT],
      ['2025-03-10T09:00:00.000Z', TrajectoryEventKind.INITIAL_REVIEW],
      ['2025-03-10T11:00:00.000Z', TrajectoryEventKind.FOQUALE_CONTRACT_SIGNED],
      ['2025-04-22T14:00:00.000Z', TrajectoryEventKind.SITUATION_REVIEW],
      ['2025-05-19T14:00:00.000Z', TrajectoryEventKind.SITUATION_REVIEW],
      ['2025-06-27T16:30:00.000Z', TrajectoryEventKind.FOQUALE_CONTRACT_CLOSED],
    ]);
    expect(events.every((e) => e.partner === Partner.EDUCATION_NATIONALE)).toBe(true);
  });

  it('keeps the natural order of steps that fall on the same day', () => {
    const sameDay = '2025-06-27';
    const events = trajectory({
      contracts: [contract({ initialReviewOn: sameDay, signedOn: sameDay, closedOn: sameDay })],
      reviews: [review('00000000-0000-4000-8000-0000000000f1', sameDay, 'COMPLETED')],
    });
    expect(events.map((e) => e.kind)).toEqual([
      TrajectoryEventKind.INITIAL_REVIEW,
      TrajectoryEventKind.FOQUALE_CONTRACT_SIGNED,
      TrajectoryEventKind.SITUATION_REVIEW,
      TrajectoryEventKind.FOQUALE_CONTRACT_CLOSED,
    ]);
  });

  it('breaks ties between events of the same instant by id, so the order never changes', () => {
    const later = signal({ id: '00000000-0000-4000-8000-0000000000d9' });
    const earlier = signal({ id: '00000000-0000-4000-8000-0000000000d2', schoolId: COLLEGE });
    const events = trajectory({ signals: [later, earlier] });
    expect(events.map((e) => e.id)).toEqual([
      `education-nationale:${earlier.id}`,
      `education-nationale:${later.id}`,
    ]);
  });

  it('gives every event a global id: the record id, suffixed for the steps a record derives', () => {
    const events = trajectory({
      enrolments: [enrolment()],
      contracts: [contract()],
      reviews: [review('00000000-0000-4000-8000-0000000000f1', '2025-04-22', 'ON_TRACK')],
    });
    expect(events.map((e) => e.id)).toEqual([
      'education-nationale:00000000-0000-4000-8000-0000000000e1',
      'education-nationale:00000000-0000-4000-8000-0000000000e1:exit',
      `education-nationale:${CONTRACT}:initial-review`,
      `education-nationale:${CONTRACT}:signed`,
      'education-nationale:00000000-0000-4000-8000-0000000000f1',
      `education-nationale:${CONTRACT}:closed`,
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('writes short French summaries naming the school or the network', () => {
    const events = trajectory({
      enrolments: [enrolment()],
      signals: [signal()],
      contracts: [contract()],
      reviews: [review('00000000-0000-4000-8000-0000000000f1', '2025-04-22', 'AT_RISK')],
    });
    expect(events.map((e) => e.summary)).toEqual([
      'Inscription en 2nde pro (Maintenance des véhicules) au Lycée professionnel Gustave Eiffel (2024-2025)',
      'Signalement GPDS au Lycée professionnel Gustave Eiffel',
      'Sortie de 2nde pro au Lycée professionnel Gustave Eiffel : décrochage',
      'Bilan de positionnement (Réseau FOQUALE Nord Isère)',
      'Contrat FOQUALE signé (Réseau FOQUALE Nord Isère, tuteur Claire Morel) : Micro-lycée de Villefontaine',
      'Bilan de situation (Réseau FOQUALE Nord Isère) : risque de rupture',
      'Contrat FOQUALE clos (Réseau FOQUALE Nord Isère) : parcours achevé',
    ]);
  });

  it('keeps the needs, review notes and actions taken out of the summaries', () => {
    const events = trajectory({
      signals: [signal()],
      contracts: [contract()],
      reviews: [review('00000000-0000-4000-8000-0000000000f1', '2025-04-22', 'ON_TRACK')],
    });
    const text = events.map((e) => e.summary).join('\n');
    expect(text).not.toContain('Entretien avec la famille');
    expect(text).not.toContain('Remobilisation');
    expect(text).not.toContain('Assiduité');
  });

  it('reports no exit for an enrolment still running or ended without a reason', () => {
    const running = enrolment({ endedOn: null, exitReason: null });
    const unexplained = enrolment({
      id: '00000000-0000-4000-8000-0000000000e2',
      schoolId: COLLEGE,
      classLevel: '3e',
      track: null,
      endedOn: '2024-07-05',
      exitReason: null,
    });
    const events = trajectory({ enrolments: [running, unexplained] });
    expect(events.map((e) => e.kind)).toEqual([TrajectoryEventKind.ENROLMENT, TrajectoryEventKind.ENROLMENT]);
    expect(events.map((e) => e.summary)).toContain('Inscription en 3e au Collège Jean Jaurès (2024-2025)');
  });

  it('reports an unsigned, open contract by its initial review only', () => {
    const events = trajectory({
      contracts: [
        contract({ signedOn: null, familySigned: false, status: 'OPEN', closedOn: null, closeReason: null }),
      ],
    });
    expect(events.map((e) => e.kind)).toEqual([TrajectoryEventKind.INITIAL_REVIEW]);
  });

  it('attaches each review to its own contract’s network', () => {
    const other = contract({
      id: '00000000-0000-4000-8000-0000000000c2',
      networkId: 'unknown',
      signedOn: null,
      status: 'OPEN',
      closedOn: null,
      closeReason: null,
    });
    const reviewOfOther = {
      ...review('00000000-0000-4000-8000-0000000000f9', '2025-09-15', 'ON_TRACK'),
      contractId: other.id,
    };
    const events = trajectory({ contracts: [other], reviews: [reviewOfOther] });
    expect(events.find((e) => e.kind === TrajectoryEventKind.SITUATION_REVIEW)?.summary).toBe(
      'Bilan de situation (réseau FOQUALE inconnu) : parcours en bonne voie',
    );
  });

  it('returns nothing for a person Éducation nationale holds nothing about', () => {
    expect(trajectory({})).toEqual([]);
  });
});
