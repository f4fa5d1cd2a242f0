/**
 * The shape of the demo world: one coherent population whose paths cross every partner.
 * `generateWorld(seed)` (demo/generate.ts) builds it deterministically; each subgraph's
 * `demo.ts` writes only its own share of it into its own database.
 *
 * Dates are ISO strings: `YYYY-MM-DD` for days, full ISO 8601 for instants.
 */
import type { SubgraphName } from '../platform/partners';
import type { TerritoryRecord } from '../platform/reference/territories';

export interface DemoWorld {
  seed: number;
  /** The "today" of the dataset; ages and open/closed states are coherent with it. */
  referenceDate: string;
  territories: TerritoryRecord[];
  organisations: DemoOrganisation[];
  offers: DemoOffer[];
  youngs: DemoYoung[];
}

export type OrganisationKind =
  | 'COLLEGE'
  | 'LYCEE_GENERAL'
  | 'LYCEE_PROFESSIONNEL'
  | 'MICRO_LYCEE'
  | 'CIO'
  | 'MLDS'
  | 'MISSION_LOCALE'
  | 'E2C_SITE'
  | 'CFA'
  | 'LYCEE_AGRICOLE'
  | 'CFPPA'
  | 'PJJ_UNIT';

export interface DemoOrganisation {
  /** Deterministic uuid. */
  id: string;
  /** The subgraph that owns this organisation's records. */
  owner: SubgraphName;
  kind: OrganisationKind;
  name: string;
  /** UAI for schools (8 characters), SIRET-like code for others. */
  code: string;
  bassin: string;
  commune: string;
}

export type DemoOfferKind =
  | 'SCHOOL_PLACE'
  | 'MICRO_LYCEE'
  | 'MLDS_ACTION'
  | 'PAFI'
  | 'SERVICE_CIVIQUE'
  | 'SUPPORT_PROGRAMME'
  | 'E2C_PATHWAY'
  | 'APPRENTICESHIP'
  | 'PREPARATORY_TRAINING'
  | 'AGRICULTURAL_TRAINING';

export interface DemoOffer {
  id: string;
  owner: SubgraphName;
  organisationId: string;
  kind: DemoOfferKind;
  title: string;
  track: string | null;
  level: string | null;
  bassin: string;
  commune: string;
  capacity: number;
  /** Places already taken; never above capacity. */
  taken: number;
  ageMin: number;
  ageMax: number;
  startsOn: string;
  endsOn: string | null;
  /** OfferAudience values: the publics the offer is open to, derived from its kind, level and ages. */
  audiences: DemoOfferAudience[];
}

export type DemoOfferAudience =
  'DECROCHES' | 'OBLIGATION_FORMATION_16_18' | 'WITHOUT_DIPLOMA' | 'WITH_DIPLOMA';

export interface DemoYoung {
  /** The hub's pseudonymous id (deterministic uuid). */
  id: string;
  /** National pupil id when known (11 characters), null otherwise. */
  ine: string | null;
  firstName: string;
  lastName: string;
  birthDate: string;
  sex: 'F' | 'M';
  commune: string;
  bassin: string;
  /** Chronological steps of this person's path, across partners. */
  path: DemoStep[];
}

export type DemoStep =
  | EnrolmentStep
  | DropoutSignalStep
  | SieiListingStep
  | PsadCaseStep
  | FoqualeContractStep
  | FollowUpStep
  | ApprenticeshipStep
  | ObligationDeFormationStep
  | PjjSignalStep;

/** education-nationale: a school year (or part of one) in a school. */
export interface EnrolmentStep {
  type: 'enrolment';
  schoolId: string;
  schoolYear: string; // '2024-2025'
  classLevel: string; // '2nde pro', 'CAP 1', '1re générale', '3e'…
  track: string | null;
  startedOn: string;
  endedOn: string | null;
  exitReason: 'COMPLETED' | 'DROPPED_OUT' | 'MOVED' | 'REORIENTED' | null;
}

/** education-nationale: a GPDS (school prevention group) signal about a pupil. */
export interface DropoutSignalStep {
  type: 'dropout-signal';
  schoolId: string;
  on: string;
  reason: 'ABSENTEEISM' | 'DISENGAGEMENT' | 'ORIENTATION' | 'FAMILY' | 'HEALTH' | 'BEHAVIOUR';
  action: string;
}

/** psad: the young person appears on a SIEI list. */
export interface SieiListingStep {
  type: 'siei-listing';
  campaign: string; // '2025-S2'
  detectedOn: string;
  lastSchoolId: string;
  lastClass: string;
  diploma: 'NONE' | 'BREVET' | 'CAP_BEP' | 'BAC';
}

export type CaseStatus =
  | 'TO_CONTACT'
  | 'CONTACTED'
  | 'REVIEW_DONE'
  | 'SOLUTION_PROPOSED'
  | 'IN_SOLUTION'
  | 'UNREACHABLE'
  | 'REFUSED'
  | 'MOVED'
  | 'ALREADY_IN_TRAINING';

/** psad: the case the platform opened for this person and campaign, with its contact attempts. */
export interface PsadCaseStep {
  type: 'psad-case';
  campaign: string;
  openedOn: string;
  status: CaseStatus;
  /** Organisation code of the follower (e.g. 'PSAD-38-GRE', a Mission locale code…). */
  followerOrg: string;
  followerName: string;
  closedOn: string | null;
  contacts: {
    at: string;
    channel: 'PHONE' | 'SMS' | 'MAIL' | 'LETTER' | 'MEETING';
    outcome: 'REACHED' | 'NO_ANSWER' | 'WRONG_NUMBER' | 'APPOINTMENT_SET';
    note: string;
  }[];
}

/** education-nationale: a FOQUALE contract from the initial review to its closure. */
export interface FoqualeContractStep {
  type: 'foquale-contract';
  networkBassin: string;
  tutorName: string;
  initialReviewOn: string;
  needs: string;
  solution: string;
  solutionOfferId: string | null;
  signedOn: string | null;
  familySigned: boolean;
  reviews: {
    on: string;
    outcome: 'ON_TRACK' | 'ADJUSTED' | 'AT_RISK' | 'COMPLETED' | 'ABANDONED';
    note: string;
  }[];
  closedOn: string | null;
  closeReason: 'COMPLETED' | 'ABANDONED' | 'REORIENTED' | null;
}

/** missions-locales, e2c, cfa or agriculture: a follow-up of the young person, with dated events. */
export interface FollowUpStep {
  type: 'follow-up';
  owner: 'missions-locales' | 'e2c' | 'cfa' | 'agriculture';
  organisationId: string;
  offerId: string | null;
  programme: string; // 'CEJ', 'PACEA', 'Parcours E2C', 'Prépa-apprentissage', 'CAPa', …
  openedOn: string;
  closedOn: string | null;
  outcome: 'IN_PROGRESS' | 'COMPLETED' | 'ABANDONED' | 'EMPLOYED' | 'TRAINING' | null;
  events: {
    at: string;
    kind: 'INTERVIEW' | 'PROGRAMME_ENTRY' | 'TRAINING_STARTED' | 'TRAINING_COMPLETED' | 'EXIT';
    summary: string;
  }[];
}

/** cfa: an apprenticeship contract, possibly broken. */
export interface ApprenticeshipStep {
  type: 'apprenticeship';
  cfaId: string;
  employer: string;
  trade: string;
  diploma: string; // 'CAP', 'BP', 'Bac pro'…
  startedOn: string;
  brokenOn: string | null;
  breakReason: 'EMPLOYER_INITIATIVE' | 'APPRENTICE_INITIATIVE' | 'MUTUAL_AGREEMENT' | 'TRIAL_PERIOD' | null;
}

/** missions-locales: the obligation-de-formation (16-18) status and its steps. */
export interface ObligationDeFormationStep {
  type: 'obligation-de-formation';
  missionLocaleId: string;
  status: 'IN_TRAINING' | 'IN_SUPPORT' | 'NOT_REACHED' | 'FULFILLED' | 'EXEMPTED';
  since: string;
  steps: { on: string; label: string }[];
}

/** pjj: only the published signal; judicial measures never enter the hub. */
export interface PjjSignalStep {
  type: 'pjj-signal';
  unitId: string;
  contactName: string;
  contactPhone: string;
  publishedOn: string;
  withdrawnOn: string | null;
}

/** The steps of one young person that one subgraph owns. */
export function stepsOf<T extends DemoStep['type']>(
  young: DemoYoung,
  type: T,
): Extract<DemoStep, { type: T }>[] {
  return young.path.filter((step): step is Extract<DemoStep, { type: T }> => step.type === type);
}
