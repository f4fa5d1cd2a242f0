import type DataLoader from 'dataloader';
import { instantOn } from '../../platform/calendar';
import { TrajectoryEventKind, type TrajectoryEvent } from '../../platform/graphql/types';
import { globalId } from '../../platform/partner-kit/offers';
import type { SubgraphProfile } from '../../platform/partners';
import type {
  DropoutSignalRecord,
  EnrolmentRecord,
  FoqualeContractRecord,
  SituationReviewRecord,
} from './entities';
import type { EducationNationaleLoaders } from './loaders';

/** What Éducation nationale holds about one young person. */
export interface SchoolingRecords {
  enrolments: EnrolmentRecord[];
  signals: DropoutSignalRecord[];
  contracts: FoqualeContractRecord[];
  reviews: SituationReviewRecord[];
}

/** Names that summaries quote, looked up by local id. */
export interface NameLookup {
  school(id: string): string;
  network(id: string): string;
}

const EXIT_LABELS: Record<string, string> = {
  COMPLETED: 'année achevée',
  DROPPED_OUT: 'décrochage',
  MOVED: 'déménagement',
  REORIENTED: 'réorientation',
};
const REVIEW_LABELS: Record<string, string> = {
  ON_TRACK: 'parcours en bonne voie',
  ADJUSTED: 'parcours ajusté',
  AT_RISK: 'risque de rupture',
  COMPLETED: 'parcours achevé',
  ABANDONED: 'abandon du parcours',
};
const CLOSE_LABELS: Record<string, string> = {
  COMPLETED: 'parcours achevé',
  ABANDONED: 'abandon',
  REORIENTED: 'réorientation',
};

/** The kinds of event Éducation nationale contributes. */
type SchoolingEventKind =
  | TrajectoryEventKind.ENROLMENT
  | TrajectoryEventKind.SCHOOL_EXIT
  | TrajectoryEventKind.DROPOUT_SIGNAL
  | TrajectoryEventKind.INITIAL_REVIEW
  | TrajectoryEventKind.FOQUALE_TUTOR_ASSIGNED
  | TrajectoryEventKind.FOQUALE_SOLUTION_CHOSEN
  | TrajectoryEventKind.FOQUALE_CONTRACT_SIGNED
  | TrajectoryEventKind.SITUATION_REVIEW
  | TrajectoryEventKind.FOQUALE_CONTRACT_CLOSED;

/**
 * Records hold days; events need instants. Each kind gets a fixed hour (UTC) so that steps of one
 * day keep their natural order: initial review, tutor, solution, signature, situation review, closure.
 */
const HOUR_OF: Record<SchoolingEventKind, string> = {
  [TrajectoryEventKind.ENROLMENT]: '08:00',
  [TrajectoryEventKind.INITIAL_REVIEW]: '09:00',
  [TrajectoryEventKind.FOQUALE_TUTOR_ASSIGNED]: '09:20',
  [TrajectoryEventKind.FOQUALE_SOLUTION_CHOSEN]: '09:40',
  [TrajectoryEventKind.DROPOUT_SIGNAL]: '10:00',
  [TrajectoryEventKind.FOQUALE_CONTRACT_SIGNED]: '11:00',
  [TrajectoryEventKind.SITUATION_REVIEW]: '14:00',
  [TrajectoryEventKind.SCHOOL_EXIT]: '16:00',
  [TrajectoryEventKind.FOQUALE_CONTRACT_CLOSED]: '16:30',
};

/**
 * Éducation nationale's share of a trajectory, oldest first (ties by id): enrolments and school
 * exits, GPDS signals, and each FOQUALE contract's initial review, tutor assignment, choice of
 * solution, signature, situation reviews and closure (the tutor and the solution only where the
 * lifecycle dated them: older contracts name both in their signature). Summaries quote no free
 * text from the files (needs, skills, level, notes, actions taken) and no signal's reason: those
 * are sensitive and stay behind their own fields. The chosen solution is the exception, since it
 * is what every partner needs to know, and so is the tutor's name, a professional's.
 */
export function educationNationaleTrajectory(
  profile: SubgraphProfile,
  records: SchoolingRecords,
  names: NameLookup,
): TrajectoryEvent[] {
  const event = (
    localId: string,
    day: string,
    kind: SchoolingEventKind,
    summary: string,
  ): TrajectoryEvent => ({
    id: globalId(profile, localId),
    partner: profile.partner,
    at: instantOn(day, HOUR_OF[kind]),
    kind,
    summary,
  });
  const events: TrajectoryEvent[] = [];

  for (const enrolment of records.enrolments) {
    const school = names.school(enrolment.schoolId);
    const track = enrolment.track ? ` (${enrolment.track})` : '';
    events.push(
      event(
        enrolment.id,
        enrolment.startedOn,
        TrajectoryEventKind.ENROLMENT,
        `Inscription en ${enrolment.classLevel}${track} au ${school} (${enrolment.schoolYear})`,
      ),
    );
    if (enrolment.endedOn && enrolment.exitReason) {
      const reason = EXIT_LABELS[enrolment.exitReason] ?? enrolment.exitReason;
      events.push(
        event(
          `${enrolment.id}:exit`,
          enrolment.endedOn,
          TrajectoryEventKind.SCHOOL_EXIT,
          `Sortie de ${enrolment.classLevel} au ${school} : ${reason}`,
        ),
      );
    }
  }
  // A signal's reason (health, family, behaviour…) stays with the school's own record: shared, it
  // would be special-category data (RGPD art. 9) in front of every coordinator of the bassin.
  for (const signal of records.signals) {
    events.push(
      event(
        signal.id,
        signal.signalledOn,
        TrajectoryEventKind.DROPOUT_SIGNAL,
        `Signalement GPDS au ${names.school(signal.schoolId)}`,
      ),
    );
  }
  for (const contract of records.contracts) {
    const network = names.network(contract.networkId);
    events.push(
      event(
        `${contract.id}:initial-review`,
        contract.initialReviewOn,
        TrajectoryEventKind.INITIAL_REVIEW,
        `Bilan de positionnement (${network})`,
      ),
    );
    if (contract.tutorAssignedOn && contract.tutorName) {
      const school = contract.tutorOrganisationId ? `, ${names.school(contract.tutorOrganisationId)}` : '';
      events.push(
        event(
          `${contract.id}:tutor`,
          contract.tutorAssignedOn,
          TrajectoryEventKind.FOQUALE_TUTOR_ASSIGNED,
          `Tuteur désigné (${network}) : ${contract.tutorName}${school}`,
        ),
      );
    }
    if (contract.solutionChosenOn && contract.solution) {
      events.push(
        event(
          `${contract.id}:solution`,
          contract.solutionChosenOn,
          TrajectoryEventKind.FOQUALE_SOLUTION_CHOSEN,
          `Solution retenue (${network}) : ${contract.solution}`,
        ),
      );
    }
    if (contract.signedOn) {
      const summary = `Contrat FOQUALE signé (${network}, tuteur ${contract.tutorName}) : ${contract.solution}`;
      events.push(
        event(
          `${contract.id}:signed`,
          contract.signedOn,
          TrajectoryEventKind.FOQUALE_CONTRACT_SIGNED,
          summary,
        ),
      );
    }
    for (const review of records.reviews.filter((r) => r.contractId === contract.id)) {
      const outcome = REVIEW_LABELS[review.outcome] ?? review.outcome;
      events.push(
        event(
          review.id,
          review.reviewedOn,
          TrajectoryEventKind.SITUATION_REVIEW,
          `Bilan de situation (${network}) : ${outcome}`,
        ),
      );
    }
    if (contract.closedOn) {
      const reason = contract.closeReason
        ? ` : ${CLOSE_LABELS[contract.closeReason] ?? contract.closeReason}`
        : '';
      events.push(
        event(
          `${contract.id}:closed`,
          contract.closedOn,
          TrajectoryEventKind.FOQUALE_CONTRACT_CLOSED,
          `Contrat FOQUALE clos (${network})${reason}`,
        ),
      );
    }
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Loads one person's records and the names their events quote; batched across every person of the request.
 */
export async function trajectoryOf(
  profile: SubgraphProfile,
  youngId: string,
  loaders: EducationNationaleLoaders,
): Promise<TrajectoryEvent[]> {
  const [enrolments, signals, contracts, reviews] = await Promise.all([
    loaders.enrolmentsByYoung.load(youngId),
    loaders.signalsByYoung.load(youngId),
    loaders.contractsByYoung.load(youngId),
    loaders.reviewsByYoung.load(youngId),
  ]);
  const tutorOrganisations = contracts.flatMap((contract) =>
    contract.tutorOrganisationId ? [contract.tutorOrganisationId] : [],
  );
  const schoolIds = [...[...enrolments, ...signals].map((record) => record.schoolId), ...tutorOrganisations];
  const [schools, networks] = await Promise.all([
    namesOf(loaders.organisationById, schoolIds),
    namesOf(
      loaders.networkById,
      contracts.map((contract) => contract.networkId),
    ),
  ]);
  return educationNationaleTrajectory(
    profile,
    { enrolments, signals, contracts, reviews },
    {
      school: (id) => schools.get(id) ?? 'établissement inconnu',
      network: (id) => networks.get(id) ?? 'réseau FOQUALE inconnu',
    },
  );
}

/** The names of the records with these ids, in one batch with every other person's. */
async function namesOf<V extends { name: string }>(
  loader: DataLoader<string, V | null>,
  ids: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const records = await loader.loadMany(unique);
  const names = new Map<string, string>();
  records.forEach((record, index) => {
    if (record && !(record instanceof Error)) names.set(unique[index], record.name);
  });
  return names;
}
