import { generateWorld } from '../../demo/generate';
import { TrajectoryEventKind, type TrajectoryEvent } from '../../platform/graphql/types';
import { SUBGRAPHS } from '../../platform/partners';
import type { ApprenticeshipContractRecord } from '../../subgraphs/cfa/entities';
import { contractEvents } from '../../subgraphs/cfa/events';
import { ContractBreakReason } from '../../subgraphs/cfa/types/contract.type';
import type {
  DropoutSignalRecord,
  EnrolmentRecord,
  FoqualeContractRecord,
  SituationReviewRecord,
} from '../../subgraphs/education-nationale/entities';
import { educationNationaleTrajectory } from '../../subgraphs/education-nationale/events';
import {
  FoqualeCloseReason,
  SituationReviewOutcome,
} from '../../subgraphs/education-nationale/types/foquale.type';
import { DropoutReason, SchoolExitReason } from '../../subgraphs/education-nationale/types/schooling.type';
import type { ObligationStepRecord } from '../../subgraphs/missions-locales/entities';
import { obligationStepEvents } from '../../subgraphs/missions-locales/events';
import type { PjjSignalRecord } from '../../subgraphs/pjj/entities';
import { pjjSignalEvent } from '../../subgraphs/pjj/events';
import type { CaseTransitionRecord } from '../../subgraphs/psad/entities';
import { referralSummaries, transitionSummary } from '../../subgraphs/psad/events';
import { ReferralReason, ReferralStatus } from '../../subgraphs/psad/types/referral.type';
import { CaseStatus } from '../../subgraphs/psad/types/case.type';
import { SPECIAL_CATEGORY_WORDS, specialCategoryWordsIn } from '../support/special-categories';

/**
 * Class 7 of issue 11 (docs/threat-model.md): a summary is shared with every partner that may read
 * the person's trajectory, so it carries no special-category data (RGPD art. 9) and nothing about
 * offences (art. 10). Every event kind's summary is built here from its builder, with every
 * enumerated value of what it names, and with every label the demo gives the free-text ones.
 */
const YOUNG = '00000000-0000-4000-8000-000000000001';
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** The demo of the integration tests (test/harness.ts, TEST_DEMO). */
const world = generateWorld({ seed: 7, youngCount: 400 });
const values = <T extends object>(enumeration: T) => Object.values(enumeration) as string[];

function schoolingSummaries(): TrajectoryEvent[] {
  const enrolments: EnrolmentRecord[] = values(SchoolExitReason).map((exitReason, i) => ({
    id: ID(100 + i),
    youngId: YOUNG,
    schoolId: ID(1),
    schoolYear: '2024-2025',
    classLevel: '2nde pro',
    track: null,
    startedOn: '2024-09-02',
    endedOn: '2025-01-17',
    exitReason,
  }));
  const signals: DropoutSignalRecord[] = values(DropoutReason).map((reason, i) => ({
    id: ID(200 + i),
    youngId: YOUNG,
    schoolId: ID(1),
    signalledOn: '2024-11-12',
    reason,
    actionTaken: 'Saisine de l’infirmière scolaire',
  }));
  const contracts = values(FoqualeCloseReason).map(
    (closeReason, i) =>
      ({
        id: ID(300 + i),
        youngId: YOUNG,
        networkId: ID(2),
        tutorName: 'Claire Morel',
        initialReviewOn: '2025-03-10',
        needs: 'Suivi de santé',
        solution: 'Micro-lycée de Villefontaine',
        solutionOfferId: null,
        signedOn: '2025-03-11',
        familySigned: true,
        status: 'CLOSED',
        closedOn: '2025-06-27',
        closeReason,
        version: 1,
        skills: null,
        level: null,
        tutorOrganisationId: ID(1),
        tutorAssignedOn: '2025-03-10',
        solutionChosenOn: '2025-03-10',
        tutorSignedOn: '2025-03-11',
        youngSignedOn: '2025-03-11',
        familySignedOn: '2025-03-11',
      }) as FoqualeContractRecord,
  );
  const reviews: SituationReviewRecord[] = values(SituationReviewOutcome).map((outcome, i) => ({
    id: ID(400 + i),
    contractId: ID(300),
    youngId: YOUNG,
    reviewedOn: '2025-04-22',
    outcome,
    note: 'Suivi psychologique en cours',
  }));
  return educationNationaleTrajectory(
    SUBGRAPHS['education-nationale'],
    { enrolments, signals, contracts, reviews },
    { school: () => 'Lycée professionnel Gustave Eiffel', network: () => 'Réseau FOQUALE Nord Isère' },
  );
}

function apprenticeshipSummaries(): TrajectoryEvent[] {
  return [...values(ContractBreakReason), null].flatMap((breakReason, i) =>
    contractEvents(
      SUBGRAPHS.cfa,
      {
        id: ID(500 + i),
        youngId: YOUNG,
        cfaId: ID(3),
        employer: 'Garage Martin',
        trade: 'Maintenance des véhicules',
        diploma: 'CAP',
        startedOn: '2025-09-01',
        brokenOn: '2025-12-01',
        breakReason,
      } as ApprenticeshipContractRecord,
      'CFA de l’Isère',
    ),
  );
}

function caseSummaries(): string[] {
  const statuses = values(CaseStatus);
  return statuses.flatMap((from) =>
    statuses.flatMap((to) =>
      (['CLOSES', 'REOPENS', null] as const).map((closure) =>
        transitionSummary({
          kind: 'STATUS_CHANGED',
          fromStatus: from,
          toStatus: to,
          closure,
          reason: 'Hospitalisation, suivi médical',
          followerName: 'Mission locale de Grenoble',
          fromFollowerName: null,
        } as unknown as CaseTransitionRecord),
      ),
    ),
  );
}

/** Every obligation step label of the test demo: the Missions locales' own words, quoted in summaries. */
function obligationSummaries(): TrajectoryEvent[] {
  const steps: ObligationStepRecord[] = world.youngs.flatMap((young) =>
    young.path.flatMap((step) =>
      step.type === 'obligation-de-formation'
        ? step.steps.map((s, i) => ({ id: ID(600 + i), youngId: young.id, steppedOn: s.on, label: s.label }))
        : [],
    ),
  );
  return obligationStepEvents(SUBGRAPHS['missions-locales'], steps, 'Mission locale de Grenoble');
}

/** The partners' follow-up events of the test demo, as their trajectories show them today. */
function followUpSummaries(): string[] {
  return world.youngs.flatMap((young) =>
    young.path.flatMap((step) => (step.type === 'follow-up' ? step.events.map((e) => e.summary) : [])),
  );
}

function pjjSummaries(): TrajectoryEvent[] {
  return [
    pjjSignalEvent(
      SUBGRAPHS.pjj,
      {
        id: ID(700),
        youngId: YOUNG,
        unitId: ID(4),
        contactName: 'Paul Durand',
        contactPhone: '04 76 00 00 00',
        publishedOn: '2025-01-06',
        withdrawnOn: null,
      } as PjjSignalRecord,
      'UEMO de Grenoble',
    ),
  ];
}

/** Every referral (fiche de liaison): each reason, proposed, accepted and declined. */
function referralSummaryTexts(): string[] {
  return values(ReferralReason).flatMap((reason) =>
    values(ReferralStatus).flatMap((status) => {
      const { made, decided } = referralSummaries({ reason, status }, 'Mission locale de Grenoble');
      return decided ? [made, decided] : [made];
    }),
  );
}

describe('shared summaries carry no special-category data', () => {
  it('the word list catches what the hub used to share', () => {
    expect(specialCategoryWordsIn('Signalement GPDS au Lycée X : santé')).toEqual(['santé']);
    expect(specialCategoryWordsIn('Dispense : raisons de santé')).toEqual(['santé']);
    expect(specialCategoryWordsIn('Saisine de l’infirmière scolaire')).toEqual(['infirmi']);
    expect(SPECIAL_CATEGORY_WORDS.length).toBeGreaterThan(15);
  });

  const built: [string, () => string[]][] = [
    [
      'Éducation nationale (every exit, signal reason, review outcome, close reason)',
      () => schoolingSummaries().map((e) => e.summary),
    ],
    ['CFA (every break reason)', () => apprenticeshipSummaries().map((e) => e.summary)],
    ['psad (every case status change and closure)', caseSummaries],
    [
      'Missions locales (every obligation step of the demo)',
      () => obligationSummaries().map((e) => e.summary),
    ],
    ['partners’ follow-up events of the demo', followUpSummaries],
    ['PJJ', () => pjjSummaries().map((e) => e.summary)],
    ['psad referrals (every reason, proposed, accepted, declined)', referralSummaryTexts],
  ];

  it.each(built)('%s', (_source, summaries) => {
    const all = summaries();
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((summary) => specialCategoryWordsIn(summary).length > 0)).toEqual([]);
  });

  it('covers every kind of trajectory event a builder above makes', () => {
    const kinds = new Set(
      [
        ...schoolingSummaries(),
        ...apprenticeshipSummaries(),
        ...obligationSummaries(),
        ...pjjSummaries(),
      ].map((e) => e.kind),
    );
    for (const kind of [
      TrajectoryEventKind.ENROLMENT,
      TrajectoryEventKind.SCHOOL_EXIT,
      TrajectoryEventKind.DROPOUT_SIGNAL,
      TrajectoryEventKind.INITIAL_REVIEW,
      TrajectoryEventKind.FOQUALE_TUTOR_ASSIGNED,
      TrajectoryEventKind.FOQUALE_SOLUTION_CHOSEN,
      TrajectoryEventKind.FOQUALE_CONTRACT_SIGNED,
      TrajectoryEventKind.SITUATION_REVIEW,
      TrajectoryEventKind.FOQUALE_CONTRACT_CLOSED,
      TrajectoryEventKind.APPRENTICESHIP_STARTED,
      TrajectoryEventKind.APPRENTICESHIP_BROKEN,
      TrajectoryEventKind.OBLIGATION_STEP,
      TrajectoryEventKind.PJJ_SIGNAL,
    ])
      expect(kinds).toContain(kind);
  });
});
