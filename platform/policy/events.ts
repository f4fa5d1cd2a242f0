import { TrajectoryEventKind, type TrajectoryEvent } from '../graphql/types';
import type { Caller } from '../auth/claims';
import { Partner } from '../partners';
import { answerTo, decide, WITHHELD } from './engine';
import type { CallerReason, DataCategory, Subject } from './types';

/**
 * The data category of each kind of trajectory event: a merged trajectory shows each event only to whom its
 * category is granted.
 */
export const EVENT_CATEGORY: Record<TrajectoryEventKind, DataCategory> = {
  SIEI_LISTING: 'SCHOOLING',
  CASE_OPENED: 'FOLLOW_UP_SUMMARY',
  CONTACT_ATTEMPT: 'FOLLOW_UP_SUMMARY',
  CASE_CLOSED: 'FOLLOW_UP_SUMMARY',
  CASE_STATUS_CHANGED: 'FOLLOW_UP_SUMMARY',
  CASE_ASSIGNED: 'FOLLOW_UP_SUMMARY',
  REFERRAL_MADE: 'FOLLOW_UP_SUMMARY',
  REFERRAL_ACCEPTED: 'FOLLOW_UP_SUMMARY',
  REFERRAL_DECLINED: 'FOLLOW_UP_SUMMARY',
  ENROLMENT: 'SCHOOLING',
  SCHOOL_EXIT: 'SCHOOLING',
  DROPOUT_SIGNAL: 'SCHOOLING',
  INITIAL_REVIEW: 'FOQUALE_CONTRACT',
  FOQUALE_CONTRACT_SIGNED: 'FOQUALE_CONTRACT',
  SITUATION_REVIEW: 'FOQUALE_CONTRACT',
  FOQUALE_CONTRACT_CLOSED: 'FOQUALE_CONTRACT',
  FOQUALE_TUTOR_ASSIGNED: 'FOQUALE_CONTRACT',
  FOQUALE_SOLUTION_CHOSEN: 'FOQUALE_CONTRACT',
  FOLLOW_UP_OPENED: 'FOLLOW_UP_SUMMARY',
  INTERVIEW: 'FOLLOW_UP_SUMMARY',
  PROGRAMME_ENTRY: 'FOLLOW_UP_SUMMARY',
  TRAINING_STARTED: 'FOLLOW_UP_SUMMARY',
  TRAINING_COMPLETED: 'FOLLOW_UP_SUMMARY',
  APPRENTICESHIP_STARTED: 'FOLLOW_UP_SUMMARY',
  APPRENTICESHIP_BROKEN: 'FOLLOW_UP_SUMMARY',
  OBLIGATION_STEP: 'OBLIGATION_FORMATION',
  EXIT: 'FOLLOW_UP_SUMMARY',
  FOLLOW_UP_CLOSED: 'FOLLOW_UP_SUMMARY',
  PLACE_RESERVED: 'FOLLOW_UP_SUMMARY',
  PLACE_RESERVATION_CANCELLED: 'FOLLOW_UP_SUMMARY',
  PJJ_SIGNAL: 'PJJ_SIGNAL',
};

/** The categories of the trajectory events each partner contributes. */
export const PARTNER_EVENT_CATEGORIES: Record<Partner, DataCategory[]> = {
  [Partner.PSAD]: ['SCHOOLING', 'FOLLOW_UP_SUMMARY'],
  // FOLLOW_UP_SUMMARY: the place reservations on its offers (PLACE_RESERVED, PLACE_RESERVATION_CANCELLED).
  [Partner.EDUCATION_NATIONALE]: ['SCHOOLING', 'FOQUALE_CONTRACT', 'FOLLOW_UP_SUMMARY'],
  [Partner.MISSIONS_LOCALES]: ['FOLLOW_UP_SUMMARY', 'OBLIGATION_FORMATION'],
  [Partner.E2C]: ['FOLLOW_UP_SUMMARY'],
  [Partner.CFA]: ['FOLLOW_UP_SUMMARY'],
  [Partner.AGRICULTURE]: ['FOLLOW_UP_SUMMARY'],
  [Partner.PJJ]: ['PJJ_SIGNAL'],
};

export interface Withheld {
  category: DataCategory;
  reason: CallerReason;
  /** The partners whose events of that category are withheld for that reason. */
  owners: Partner[];
}

/**
 * The categories of trajectory events the caller may not see for this person, whatever events
 * exist: computed from the rules alone, so that reporting them reveals nothing about the data, and
 * told with reasons about the caller only. Those an opposition withholds are not reported: the
 * partner's events are missing as if it held none, since naming it would say the person objected.
 */
export function withheldCategories(caller: Caller, subject: Subject, now: Date): Withheld[] {
  const withheld = new Map<string, Withheld>();
  for (const [owner, categories] of Object.entries(PARTNER_EVENT_CATEGORIES) as [Partner, DataCategory[]][]) {
    for (const category of categories) {
      const decision = decide({ caller, category, owner, subject, now });
      if (decision.allowed) continue;
      const reason = answerTo(caller.role, category, decision.reason);
      if (reason === WITHHELD) continue;
      const key = `${category}/${reason}`;
      const entry = withheld.get(key) ?? { category, reason, owners: [] };
      entry.owners.push(owner);
      withheld.set(key, entry);
    }
  }
  return [...withheld.values()];
}

/**
 * Keeps the events whose category the caller may see, and tells the access trail, per category
 * this partner contributes, whether it was returned or refused.
 */
export function visibleEvents<T extends Pick<TrajectoryEvent, 'kind'>>(
  events: T[],
  caller: Caller,
  subject: Subject,
  owner: Partner,
  now: Date,
  note: (category: DataCategory, granted: boolean) => void,
): T[] {
  const allowed = new Map<DataCategory, boolean>();
  for (const category of PARTNER_EVENT_CATEGORIES[owner]) {
    allowed.set(category, decide({ caller, category, owner, subject, now }).allowed);
    note(category, allowed.get(category)!);
  }
  return events.filter((event) => allowed.get(EVENT_CATEGORY[event.kind]) === true);
}
