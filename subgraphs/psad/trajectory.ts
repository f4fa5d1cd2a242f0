import { TrajectoryEventKind, type TrajectoryEvent } from '../../platform/graphql/types';
import { Partner } from '../../platform/partners';
import type { PsadLoaders } from './loaders';

const CHANNEL_LABELS: Record<string, string> = { PHONE: 'téléphone', SMS: 'SMS', MAIL: 'courriel', LETTER: 'courrier', MEETING: 'rendez-vous' };
const OUTCOME_LABELS: Record<string, string> = {
  REACHED: 'joint(e)',
  NO_ANSWER: 'sans réponse',
  WRONG_NUMBER: 'coordonnées erronées',
  APPOINTMENT_SET: 'rendez-vous fixé',
};
const STATUS_LABELS: Record<string, string> = {
  TO_CONTACT: 'à contacter',
  CONTACTED: 'contacté(e)',
  REVIEW_DONE: 'bilan réalisé',
  SOLUTION_PROPOSED: 'solution proposée',
  IN_SOLUTION: 'en solution',
  UNREACHABLE: 'injoignable',
  REFUSED: 'refus d’accompagnement',
  MOVED: 'a déménagé',
  ALREADY_IN_TRAINING: 'déjà en formation',
};

/** psad's own share of a trajectory: SIEI listings, case openings and closings, contact attempts. */
export async function psadTrajectory(youngId: string, loaders: PsadLoaders): Promise<TrajectoryEvent[]> {
  const [listings, cases, contacts] = await Promise.all([
    loaders.listingsByYoung.load(youngId),
    loaders.casesByYoung.load(youngId),
    loaders.contactsByYoung.load(youngId),
  ]);
  const events: TrajectoryEvent[] = [];
  for (const listing of listings) {
    events.push({
      id: `psad:${listing.id}`,
      partner: Partner.PSAD,
      at: new Date(`${listing.detectedOn}T08:00:00Z`),
      kind: TrajectoryEventKind.SIEI_LISTING,
      summary: `Repéré(e) par le SIEI (campagne ${listing.campaign}) : sorti(e) de ${listing.lastClass} au ${listing.lastSchoolName}`,
    });
  }
  for (const psadCase of cases) {
    events.push({
      id: `psad:${psadCase.id}:opened`,
      partner: Partner.PSAD,
      at: new Date(`${psadCase.openedOn}T08:30:00Z`),
      kind: TrajectoryEventKind.CASE_OPENED,
      summary: `Dossier PSAD ouvert (campagne ${psadCase.campaign}), suivi par ${psadCase.followerName}`,
    });
    if (psadCase.closedOn) {
      events.push({
        id: `psad:${psadCase.id}:closed`,
        partner: Partner.PSAD,
        at: new Date(`${psadCase.closedOn}T17:30:00Z`),
        kind: TrajectoryEventKind.CASE_CLOSED,
        summary: `Dossier PSAD clos : ${STATUS_LABELS[psadCase.status] ?? psadCase.status}`,
      });
    }
  }
  for (const contact of contacts) {
    events.push({
      id: `psad:${contact.id}`,
      partner: Partner.PSAD,
      at: contact.at,
      kind: TrajectoryEventKind.CONTACT_ATTEMPT,
      summary: `Prise de contact par ${CHANNEL_LABELS[contact.channel] ?? contact.channel} : ${OUTCOME_LABELS[contact.outcome] ?? contact.outcome}`,
    });
  }
  return events;
}
