import type { Caller } from '../auth/claims';
import type { Partner } from '../partners';

/**
 * The data categories of DESIGN.md §5. Every field holding personal data carries exactly one,
 * through the `@Category` decorator (platform/policy/category.ts), which composes into the
 * supergraph as `@policy(policies: [["category:<NAME>"]])`.
 */
export const DATA_CATEGORIES = [
  'IDENTITY',
  'CONTACT',
  'LEGAL_REPRESENTATIVES',
  'SCHOOLING',
  'OBLIGATION_FORMATION',
  'FOLLOW_UP_SUMMARY',
  'FOLLOW_UP_DETAIL',
  'FOQUALE_CONTRACT',
  'PJJ_SIGNAL',
  'OFFERS',
  'AGGREGATES',
  'ACCESS_LOG',
  'FOLLOW_REGISTER',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * What the rules need to know about the young person a row is about. psad attests it (signed),
 * so that every subgraph decides on the same facts without holding the others' data.
 */
export interface Subject {
  youngId: string;
  /** Bassin of residence (a PSAD transfer changes it). */
  bassin: string;
  /** Age on the day of the request. */
  age: number;
  /**
   * Organisation codes that actively follow the person: open PSAD case, open follow-up, current enrolment,
   * active PJJ signal…
   */
  followers: string[];
  /** Organisation codes (UAI) of the schools where the person is currently enrolled. */
  schools: string[];
  /** Partners whose data the person asked not to share with other partners. */
  oppositions: Partner[];
  /** Whether the obligation de formation (16-18) applies now, which makes some sharing a legal duty. */
  obligationDeFormation: boolean;
  /**
   * Organisation codes a referral (fiche de liaison) names that their staff accepted: grounds to begin
   * following the person (absent: none).
   */
  referredTo?: string[];
  /** Whether the person is on a SIEI listing: grounds for the PSAD of their perimeter (absent: not). */
  sieiListed?: boolean;
}

/**
 * Stable reason codes of a refusal, as the engine decides them. The caller is told only those that
 * speak of the caller (`CALLER_REASONS`): a reason of `PERSON_REASONS` is the DPO's to know, and
 * the caller gets what a person out of their reach gets instead (`answerTo` in engine.ts).
 */
export const REFUSAL_REASONS = [
  'ROLE_NOT_GRANTED',
  'PURPOSE_MISMATCH',
  'NO_HABILITATION',
  'HABILITATION_EXPIRED',
  'OUT_OF_TERRITORY',
  'NOT_FOLLOWING',
  'UNDER_16',
  'OPPOSITION',
  'NOT_SELF',
  'AGGREGATES_ONLY',
  /** Writes only: the record belongs to another organisation than the caller's. */
  'NOT_OWN_ORGANISATION',
  /**
   * Writes only: the caller's organisation has no grounds the hub can check (a referral it accepted, its own
   * pupil, a SIEI listing for the PSAD) to begin following the person.
   */
  'NO_GROUNDS',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * The refusals caused by a fact about the person, not the caller: their age, and an opposition
 * they recorded. Told to a caller, they would say that the person is under 16, or objected to a
 * partner's sharing — for the PJJ, that a judicial follow-up exists.
 */
export const PERSON_REASONS = ['UNDER_16', 'OPPOSITION'] as const satisfies readonly RefusalReason[];

/**
 * The refusals a caller may be told, in `extensions.reason`: each speaks of the caller — their
 * role, purpose, habilitation, territory, organisation, or their relation to the person as seen
 * from their side (not following them, not being them), which is also what a hub id nobody has
 * gets.
 */
export type CallerReason = Exclude<RefusalReason, (typeof PERSON_REASONS)[number]>;

export type Decision = { allowed: true } | { allowed: false; reason: RefusalReason };

/** Everything a decision depends on. `owner` is the partner holding the row (for opposition). */
export interface AccessRequest {
  caller: Caller;
  category: DataCategory;
  owner: Partner;
  /**
   * Code of the organisation that wrote the row (a follow-up's Mission locale, a signal's school), for
   * OWN_ORGANISATION_ROW; absent when the row has none, which meets no such condition.
   */
  organisation?: string | null;
  /** Null for data about no one in particular (offers, aggregates). */
  subject: Subject | null;
  now: Date;
}
