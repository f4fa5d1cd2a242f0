import { instantOn } from '../../platform/calendar';
import { TrajectoryEventKind, type TrajectoryEvent } from '../../platform/graphql/types';
import { Partner } from '../../platform/partners';
import type { PsadLoaders } from './loaders';
import type { CaseTransitionRecord, ReferralRecord } from './entities';
import { closes } from './case-workflow';
import { knownOrganisation } from './organisations';
import type { CaseStatus } from './types/case.type';

const CHANNEL_LABELS: Record<string, string> = {
  PHONE: 'téléphone',
  SMS: 'SMS',
  MAIL: 'courriel',
  LETTER: 'courrier',
  MEETING: 'rendez-vous',
};
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

const label = (status: string) => STATUS_LABELS[status] ?? status;

/**
 * The summary of a change of a case. The reason's free text is left out on purpose: a
 * coordinator writes about health, family or the justice there, which is follow-up detail,
 * while trajectory events are follow-up summaries shown to every partner that follows the person.
 * Statuses, closure and the follower's name are what `psadCases` already shows them.
 */
export function transitionSummary(transition: CaseTransitionRecord): string {
  if (transition.kind === 'ASSIGNED') {
    return `Dossier PSAD confié à ${transition.followerName}${transition.fromFollowerName ? ` (auparavant ${transition.fromFollowerName})` : ''}`;
  }
  const from = transition.fromStatus ? label(transition.fromStatus) : '';
  const closure =
    transition.closure === 'CLOSES'
      ? ' : dossier clos'
      : transition.closure === 'REOPENS'
        ? ' : dossier rouvert'
        : '';
  return `Dossier PSAD passé de « ${from} » à « ${label(transition.toStatus)} »${closure}`;
}

/** The kinds of solution a referral is for, in the hub's words: never a personal circumstance. */
export const REFERRAL_REASON_LABELS: Record<string, string> = {
  RETURN_TO_SCHOOL: 'retour en formation initiale',
  APPRENTICESHIP: 'apprentissage',
  SECOND_CHANCE_SCHOOL: 'école de la deuxième chance',
  SUPPORT_PROGRAMME: 'accompagnement',
  AGRICULTURAL_TRAINING: 'formation agricole',
  GUIDANCE: 'orientation',
  COORDINATION: 'coordination du suivi',
};

/** The summaries of a referral's proposal and answer, built from its reason, status and organisation only. */
export function referralSummaries(
  referral: Pick<ReferralRecord, 'reason' | 'status'>,
  organisationName: string,
): { made: string; decided: string | null } {
  const reason = REFERRAL_REASON_LABELS[referral.reason] ?? 'orientation';
  const made = `Fiche de liaison vers ${organisationName} (${reason})`;
  if (referral.status === 'ACCEPTED')
    return { made, decided: `Fiche de liaison acceptée par ${organisationName}` };
  if (referral.status === 'DECLINED')
    return { made, decided: `Fiche de liaison déclinée par ${organisationName}` };
  return { made, decided: null };
}

/** psad's own share of a trajectory: SIEI listings, case openings, changes and closings, contact attempts. */
export async function psadTrajectory(youngId: string, loaders: PsadLoaders): Promise<TrajectoryEvent[]> {
  const [listings, cases, contacts, transitions, referrals] = await Promise.all([
    loaders.listingsByYoung.load(youngId),
    loaders.casesByYoung.load(youngId),
    loaders.contactsByYoung.load(youngId),
    loaders.transitionsByYoung.load(youngId),
    loaders.referralsByYoung.load(youngId),
  ]);
  const events: TrajectoryEvent[] = [];
  const organisations = await Promise.all(
    referrals.map((referral) => knownOrganisation(referral.toOrg, loaders)),
  );
  referrals.forEach((referral, index) => {
    const { made, decided } = referralSummaries(referral, organisations[index]?.name ?? referral.toOrg);
    events.push({
      id: `psad:${referral.id}:proposed`,
      partner: Partner.PSAD,
      at: referral.proposedAt,
      kind: TrajectoryEventKind.REFERRAL_MADE,
      summary: made,
    });
    if (decided && referral.decidedAt)
      events.push({
        id: `psad:${referral.id}:decided`,
        partner: Partner.PSAD,
        at: referral.decidedAt,
        kind:
          referral.status === 'ACCEPTED'
            ? TrajectoryEventKind.REFERRAL_ACCEPTED
            : TrajectoryEventKind.REFERRAL_DECLINED,
        summary: decided,
      });
  });
  for (const listing of listings) {
    events.push({
      id: `psad:${listing.id}`,
      partner: Partner.PSAD,
      at: instantOn(listing.detectedOn, '08:00'),
      kind: TrajectoryEventKind.SIEI_LISTING,
      summary: `Repéré(e) par le SIEI (campagne ${listing.campaign}) : sorti(e) de ${listing.lastClass} au ${listing.lastSchoolName}`,
    });
  }
  for (const psadCase of cases) {
    const history = transitions
      .filter((transition) => transition.caseId === psadCase.id)
      .sort((a, b) => a.version - b.version);
    const opening = history.find((transition) => transition.kind === 'OPENED');
    const statusChanges = history.filter((transition) => transition.kind === 'STATUS_CHANGED');
    const lastChange = statusChanges[statusChanges.length - 1];
    events.push({
      id: `psad:${psadCase.id}:opened`,
      partner: Partner.PSAD,
      // Cases opened through the hub know the instant; older files only the day.
      at: opening?.at ?? instantOn(psadCase.openedOn, '08:30'),
      kind: TrajectoryEventKind.CASE_OPENED,
      summary: `Dossier PSAD ouvert (campagne ${psadCase.campaign}), suivi par ${opening?.followerName ?? psadCase.followerName}`,
    });
    if (psadCase.closedOn) {
      events.push({
        id: `psad:${psadCase.id}:closed`,
        partner: Partner.PSAD,
        at:
          lastChange && closes(lastChange.toStatus as CaseStatus)
            ? lastChange.at
            : instantOn(psadCase.closedOn, '17:30'),
        kind: TrajectoryEventKind.CASE_CLOSED,
        summary: `Dossier PSAD clos : ${STATUS_LABELS[psadCase.status] ?? psadCase.status}`,
      });
    }
  }
  for (const transition of transitions) {
    if (transition.kind === 'OPENED') continue;
    events.push({
      // Named after the case, so that a closing change sorts before the closure it causes at the same
      // instant.
      id: `psad:${transition.caseId}:change-${transition.version}`,
      partner: Partner.PSAD,
      at: transition.at,
      kind:
        transition.kind === 'ASSIGNED'
          ? TrajectoryEventKind.CASE_ASSIGNED
          : TrajectoryEventKind.CASE_STATUS_CHANGED,
      summary: transitionSummary(transition),
    });
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
