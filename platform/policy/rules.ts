/**
 * THE ACCESS POLICY OF THE HUB — the one place that says who may see what (DESIGN.md §5).
 *
 * This file is data, meant to be audited by a DPO: `docs/access-matrix.md` is generated from it
 * (`npm run policy:matrix`), `engine.ts` applies it, the gateway and every subgraph call the
 * engine, and `test/unit/policy-engine.test.ts` checks every cell of it. To change who sees what,
 * change this file (and `habilitations.ts`), regenerate the matrix and have the DPO review the diff.
 *
 * How to read it:
 * 1. CATEGORIES: each kind of data, whether it is personal, and the declared purposes it serves.
 * 2. CONDITIONS: the facts about the row that a grant may require, and the refusal each yields.
 * 3. ROLE_RULES: per role, its partner institution and, per category, the conditions of access.
 *    A category absent from a role's grants is refused (ROLE_NOT_GRANTED): need-to-know is opt-in.
 * 4. The global rules applied on top of every grant: habilitation, age, opposition.
 * 5. DECISION_ORDER: the order in which the engine checks them; the first failure is the reason.
 * 6. WRITE_RULES: who may change what (cases, follow-ups, contracts, offers, reservations), on which
 * conditions.
 */
import { PURPOSES, type Purpose, type Role } from '../auth/claims';
import { Partner } from '../partners';
import type { DataCategory, RefusalReason } from './types';

// ── 1. Data categories ──────────────────────────────────────────────────────────────────────────

/**
 * - CASE_RECORD: personal data of a young person's record (subject to age and opposition rules).
 * - ACCESS_TRAIL: who looked at a person's record (personal data, but not case content).
 * - PUBLIC: no personal data, open to every authenticated caller.
 * - AGGREGATE: counts with small cells suppressed; no personal data.
 */
export type CategoryKind = 'CASE_RECORD' | 'ACCESS_TRAIL' | 'PUBLIC' | 'AGGREGATE';

/** The kinds of data about one person in particular. */
export const INDIVIDUAL_KINDS: readonly CategoryKind[] = ['CASE_RECORD', 'ACCESS_TRAIL'];

export interface CategoryRule {
  label: string;
  kind: CategoryKind;
  /**
   * The declared purposes (`purpose` claim) this data serves; any other purpose is refused (RGPD art. 5-1-b).
   */
  purposes: readonly Purpose[];
  /** Why these purposes, in plain words. */
  note: string;
}

/** Purposes that work on individual young people; PILOTAGE_AGREGE never opens an individual record. */
const CASEWORK: readonly Purpose[] = ['REPERAGE_SIEI', 'SUIVI_OF', 'ACCOMPAGNEMENT'];
/** Purposes of an active follow-up, once the person has been reached. */
const FOLLOW_UP: readonly Purpose[] = ['SUIVI_OF', 'ACCOMPAGNEMENT'];

export const CATEGORIES: Record<DataCategory, CategoryRule> = {
  IDENTITY: {
    label: 'Identity (names, birth date, INE, hub id)',
    kind: 'CASE_RECORD',
    purposes: CASEWORK,
    note: 'Needed to recognise the person in every kind of casework.',
  },
  CONTACT: {
    label: 'Contact details',
    kind: 'CASE_RECORD',
    purposes: CASEWORK,
    note: 'Reaching the person is the first step of repérage and of every follow-up.',
  },
  LEGAL_REPRESENTATIVES: {
    label: 'Legal representatives (family)',
    kind: 'CASE_RECORD',
    purposes: CASEWORK,
    note: 'A minor is reached through the family; the FOQUALE contract is signed by it.',
  },
  SCHOOLING: {
    label: 'Schooling and exit (enrolments, diploma level, SIEI listing)',
    kind: 'CASE_RECORD',
    purposes: CASEWORK,
    note: 'The SIEI listing is itself schooling data; positioning a return path needs the history.',
  },
  OBLIGATION_FORMATION: {
    label: 'Obligation-de-formation status (16-18) and its steps',
    kind: 'CASE_RECORD',
    purposes: CASEWORK,
    note: 'Tells whether the person is already in a solution, which repérage must know to avoid a second contact.',
  },
  FOLLOW_UP_SUMMARY: {
    label: 'Follow-up summaries (who follows, programme, dates, outcome)',
    kind: 'CASE_RECORD',
    purposes: CASEWORK,
    note: 'Coordination: who already accompanies the person, so that nobody is left without a solution and nobody is contacted twice.',
  },
  FOLLOW_UP_DETAIL: {
    label: 'Follow-up detail and interview notes (sensitive)',
    kind: 'CASE_RECORD',
    purposes: ['ACCOMPAGNEMENT'],
    note: 'Interview notes serve only the accompaniment of the person by the one who wrote them.',
  },
  FOQUALE_CONTRACT: {
    label: 'FOQUALE contract and its bilans de situation',
    kind: 'CASE_RECORD',
    purposes: FOLLOW_UP,
    note: 'Exists only once a return path is under way (circulaire n° 2013-035).',
  },
  PJJ_SIGNAL: {
    label: 'PJJ signal (a PJJ follow-up is active, whom to contact)',
    kind: 'CASE_RECORD',
    purposes: FOLLOW_UP,
    note:
      'Judicial measures never enter the hub; the PJJ publishes this signal only when it decides to, ' +
      'and it reveals a judicial follow-up (RGPD art. 10), hence the narrowest audience of all.',
  },
  OFFERS: {
    label: 'Solutions and offers',
    kind: 'PUBLIC',
    purposes: PURPOSES,
    note: 'Public information about places and programmes; no personal data.',
  },
  AGGREGATES: {
    label: 'Aggregated indicators (cells under 5 suppressed)',
    kind: 'AGGREGATE',
    purposes: ['PILOTAGE_AGREGE'],
    note: 'The bimonthly steering figures (circulaire n° 2013-035); no personal data.',
  },
  ACCESS_LOG: {
    label: 'Access trail (who accessed a person’s data, when, what, why)',
    kind: 'ACCESS_TRAIL',
    purposes: PURPOSES,
    note: 'Reading the trail is a control (RGPD art. 15 and 39), not casework: any declared purpose is accepted.',
  },
  FOLLOW_REGISTER: {
    label:
      'Register of follow relationships (who made an organisation a follower of whom, when, on which grounds)',
    kind: 'ACCESS_TRAIL',
    purposes: PURPOSES,
    note:
      'A control of the staff’s openings (issue 11, class 5), by hub id and organisation code: the DPO’s alone. ' +
      'The person sees who follows them in their own record; the register compares callers, which is no part of their right of access.',
  },
};

// ── 2. Conditions on the row ────────────────────────────────────────────────────────────────────

export interface ConditionRule {
  /** What must be true, in plain words. */
  meaning: string;
  /** The refusal reason when it is not. */
  refusal: RefusalReason;
}

export const CONDITIONS = {
  IN_TERRITORY: {
    meaning:
      'the person lives in a bassin the caller covers (`territories` claim); a PSAD transfer moves the person, and the visibility with it',
    refusal: 'OUT_OF_TERRITORY',
  },
  FOLLOWS: {
    meaning:
      'the caller’s organisation actively follows the person (open PSAD case, open follow-up, current enrolment, published PJJ signal)',
    refusal: 'NOT_FOLLOWING',
  },
  OWN_SCHOOL: {
    meaning: 'the person is currently enrolled in the caller’s school',
    refusal: 'NOT_FOLLOWING',
  },
  SELF: {
    meaning: 'the caller is the person themself',
    refusal: 'NOT_SELF',
  },
  OWN_ORGANISATION_ROW: {
    meaning:
      'the row was written by the caller’s own organisation (`org` claim): interview notes are not shared with other partners, ' +
      'nor with another organisation of the same partner (one Mission locale does not read another’s)',
    refusal: 'ROLE_NOT_GRANTED',
  },
} as const satisfies Record<string, ConditionRule>;

export type Condition = keyof typeof CONDITIONS;
export const CONDITION_NAMES = Object.keys(CONDITIONS) as Condition[];

// ── 3. Roles and their grants ───────────────────────────────────────────────────────────────────

export interface Grant {
  /** All of these must hold on the row. An empty list means: no condition on the row. */
  when: readonly Condition[];
  /** Overrides the category's purposes; only for the person's own right of access. */
  purposes?: readonly Purpose[];
}

export interface RoleRule {
  label: string;
  /**
   * The institution whose staff hold this role; a partner always sees its own rows under its grants. Null: no
   * partner.
   */
  partner: Partner | null;
  /**
   * A professional needs a habilitation of their organisation for personal data; the person themself does not
   * (art. 15).
   */
  actsAs: 'PROFESSIONAL' | 'DATA_SUBJECT';
  /** Dashboards: every individual category is refused (AGGREGATES_ONLY), whatever the grants say. */
  aggregatesOnly: boolean;
  /** What the role sees and why, in plain words. */
  note: string;
  /** Legal basis of the role's grants. */
  legalBasis: string;
  grants: Partial<Record<DataCategory, Grant>>;
}

/** Shorthand for a grant: the conditions that must all hold. */
const when = (...conditions: Condition[]): Grant => ({ when: conditions });

/** What an accompanying partner sees of a person it actively follows, and why. */
const ACCOMPANYING_NOTE =
  'Sees the young people its organisation actively follows, wherever they live (a young person may attend an E2C, a CFA or an agricultural ' +
  'school outside their bassin: the follow-up itself is the need to know): the cross-institution context, never another partner’s interview notes.';
const ACCOMPANYING_PARTNER: Partial<Record<DataCategory, Grant>> = {
  IDENTITY: when('FOLLOWS'),
  CONTACT: when('FOLLOWS'),
  LEGAL_REPRESENTATIVES: when('FOLLOWS'),
  SCHOOLING: when('FOLLOWS'),
  FOLLOW_UP_SUMMARY: when('FOLLOWS'),
  FOLLOW_UP_DETAIL: when('FOLLOWS', 'OWN_ORGANISATION_ROW'),
};

/**
 * What a perimeter coordinator (PSAD, FOQUALE network) sees of the young people of its territory (see its
 * note).
 */
const PERIMETER_COORDINATOR: Partial<Record<DataCategory, Grant>> = {
  IDENTITY: when('IN_TERRITORY'),
  CONTACT: when('IN_TERRITORY'),
  LEGAL_REPRESENTATIVES: when('IN_TERRITORY'),
  SCHOOLING: when('IN_TERRITORY'),
  OBLIGATION_FORMATION: when('IN_TERRITORY'),
  FOLLOW_UP_SUMMARY: when('IN_TERRITORY'),
  FOLLOW_UP_DETAIL: when('IN_TERRITORY', 'FOLLOWS', 'OWN_ORGANISATION_ROW'),
  AGGREGATES: when(),
};

/** Controls of the staff's conduct rather than records of a person: granted to the DPO only. */
const DPO_ONLY: readonly DataCategory[] = ['FOLLOW_REGISTER'];

/** The person's own record and trail, whatever purpose the token declares (see the note of `young`). */
const OWN_RECORD: Partial<Record<DataCategory, Grant>> = Object.fromEntries(
  (Object.keys(CATEGORIES) as DataCategory[])
    .filter(
      (category) => INDIVIDUAL_KINDS.includes(CATEGORIES[category].kind) && !DPO_ONLY.includes(category),
    )
    .map((category) => [category, { ...when('SELF'), purposes: PURPOSES }]),
);

const SIEI_AND_PSAD =
  'Code de l’éducation, art. L313-7 (transmission des coordonnées des jeunes sortis sans diplôme) et L313-8 (suivi des 16-18 ans) ; circulaire n° 2011-028 ; RGPD art. 6-1-e';

export const ROLE_RULES: Record<Role, RoleRule> = {
  'psad-coordinator': {
    label: 'PSAD coordinator (plateforme de suivi et d’appui aux décrocheurs, under the préfet)',
    partner: Partner.PSAD,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note:
      'Finds, contacts and orients every young person of its perimeter (SIEI lists, signals): identity, contact, schooling, status and who follows. ' +
      'Contracts, the PJJ signal and its own interview notes only for the cases it follows. A PSAD transfer moves the person to the new perimeter.',
    legalBasis: SIEI_AND_PSAD,
    grants: {
      ...PERIMETER_COORDINATOR,
      FOQUALE_CONTRACT: when('IN_TERRITORY', 'FOLLOWS'),
      PJJ_SIGNAL: when('IN_TERRITORY', 'FOLLOWS'),
    },
  },
  'foquale-network': {
    label: 'FOQUALE network (responsable, comité, MLDS, CIO)',
    partner: Partner.EDUCATION_NATIONALE,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note:
      'The same view of its bassin as the PSAD for Éducation nationale solutions, and every FOQUALE contract of the bassin, which the network signs and reviews. ' +
      'Never the PJJ signal.',
    legalBasis:
      'Circulaire n° 2013-035 (réseaux FOQUALE) ; Code de l’éducation, art. L122-2 (droit au retour en formation) et L313-7 ; RGPD art. 6-1-e',
    grants: {
      ...PERIMETER_COORDINATOR,
      FOQUALE_CONTRACT: when('IN_TERRITORY'),
    },
  },
  'en-referent': {
    label: 'Référent décrochage of a school (GPDS)',
    partner: Partner.EDUCATION_NATIONALE,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note:
      'Prevention inside the school: the pupils currently enrolled in it, whatever their age — the only professional who sees pupils under 16 — ' +
      'and the FOQUALE contract of a young person returning to it. Nothing about young people outside the school.',
    legalBasis:
      'Circulaire n° 2013-035 (référents décrochage, groupes de prévention du décrochage scolaire) ; RGPD art. 6-1-e',
    grants: {
      IDENTITY: when('OWN_SCHOOL'),
      CONTACT: when('OWN_SCHOOL'),
      LEGAL_REPRESENTATIVES: when('OWN_SCHOOL'),
      SCHOOLING: when('OWN_SCHOOL'),
      FOLLOW_UP_SUMMARY: when('OWN_SCHOOL'),
      FOLLOW_UP_DETAIL: when('OWN_SCHOOL', 'OWN_ORGANISATION_ROW'),
      FOQUALE_CONTRACT: when('OWN_SCHOOL'),
    },
  },
  'ml-advisor': {
    label: 'Mission locale adviser',
    partner: Partner.MISSIONS_LOCALES,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note:
      'As every accompanying partner, plus the obligation-de-formation status it controls and the PJJ signal of the young people it follows. ' +
      'While the obligation de formation applies, keeps identity and status despite an opposition.',
    legalBasis:
      'Code de l’éducation, art. L114-1 et R114-1 s. (contrôle de l’obligation de formation par les missions locales) et L313-7 ; ' +
      'code du travail, art. L5314-2 ; RGPD art. 6-1-c et 6-1-e',
    grants: {
      ...ACCOMPANYING_PARTNER,
      OBLIGATION_FORMATION: when('FOLLOWS'),
      PJJ_SIGNAL: when('FOLLOWS'),
    },
  },
  'e2c-staff': {
    label: 'École de la deuxième chance staff',
    partner: Partner.E2C,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note: ACCOMPANYING_NOTE,
    legalBasis:
      'Code de l’éducation, art. L214-14 (écoles de la deuxième chance) ; convention de partenariat avec la PSAD ; RGPD art. 6-1-e',
    grants: ACCOMPANYING_PARTNER,
  },
  'cfa-staff': {
    label: 'CFA / UFA staff (apprenticeship)',
    partner: Partner.CFA,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note: ACCOMPANYING_NOTE,
    legalBasis:
      'Code du travail, art. L6231-2 (missions des CFA, dont l’accompagnement des apprentis en rupture) ; code de l’éducation, art. L313-7 ; RGPD art. 6-1-e',
    grants: ACCOMPANYING_PARTNER,
  },
  'agri-staff': {
    label: 'Enseignement agricole staff (lycée agricole, CFPPA)',
    partner: Partner.AGRICULTURE,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note: ACCOMPANYING_NOTE,
    legalBasis:
      'Code rural et de la pêche maritime, art. L811-1 ; code de l’éducation, art. L313-7 ; RGPD art. 6-1-e',
    grants: ACCOMPANYING_PARTNER,
  },
  'pjj-educator': {
    label: 'PJJ educator (protection judiciaire de la jeunesse)',
    partner: Partner.PJJ,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note:
      'As every accompanying partner, plus the signal its own unit published (the publishing unit is among the followers). ' +
      'Judicial measures never enter the hub.',
    legalBasis:
      'Code de la justice pénale des mineurs (action d’éducation et d’insertion) ; convention DIRPJJ – PSAD ; RGPD art. 6-1-e et 10',
    grants: {
      ...ACCOMPANYING_PARTNER,
      PJJ_SIGNAL: when('FOLLOWS'),
    },
  },
  dashboard: {
    label: 'Dashboard (rectorat, préfecture, DASEN, IEN-IO)',
    partner: null,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: true,
    note: 'Aggregated indicators (cells under 5 suppressed) and offers; every individual category is refused, whatever its purpose.',
    legalBasis: 'Circulaire n° 2013-035 (bilan bimestriel) ; données anonymes, hors RGPD (considérant 26)',
    grants: { AGGREGATES: when() },
  },
  young: {
    label: 'The young person (or family) using their own access',
    partner: null,
    actsAs: 'DATA_SUBJECT',
    aggregatesOnly: false,
    note:
      'Everything the hub holds about themself, and who accessed it, whatever their age and whatever purpose the token declares: ' +
      'the right of access is not a processing purpose. Nothing about anyone else.',
    legalBasis: 'RGPD art. 15 (droit d’accès, y compris à la liste des destinataires)',
    grants: OWN_RECORD,
  },
  dpo: {
    label: 'DPO / auditor (délégué à la protection des données)',
    partner: null,
    actsAs: 'PROFESSIONAL',
    aggregatesOnly: false,
    note:
      'The access trail of anyone, and nothing of the case itself — not even the identity: the trail is keyed by the pseudonymous hub id, ' +
      'which is all the control needs (verify the chain, detect tampering, answer who-saw-what). A name would tell the DPO that this person ' +
      'is a décroché, which the control does not require (minimisation, art. 5-1-c). A request handled for a person arrives with that ' +
      'person’s identity; psad matches it to a hub id, the DPO does not browse records.',
    legalBasis: 'RGPD art. 37 à 39 (missions du délégué : contrôle du respect du règlement) et art. 5-2',
    grants: { ACCESS_LOG: when(), FOLLOW_REGISTER: when() },
  },
};

// ── 4. Global rules, on top of every grant ──────────────────────────────────────────────────────

/** Offers are public: every authenticated role may read them, with no condition. */
export const PUBLIC_GRANT: Grant = when();

export const HABILITATION_RULE = {
  appliesTo: INDIVIDUAL_KINDS,
  legalBasis: 'RGPD art. 5-2, 24 et 32 (responsabilité, habilitation des destinataires)',
} as const;

/**
 * No individual record of anyone under 16, except to their own school's prevention staff
 * (the SIEI lists only 16+; younger pupils are still under instruction obligatoire) and to the
 * person themself (the right of access does not depend on age).
 */
export const AGE_RULE = {
  minimumAge: 16,
  appliesTo: ['CASE_RECORD'] as readonly CategoryKind[],
  exemptWhen: ['OWN_SCHOOL', 'SELF'] as readonly Condition[],
  legalBasis:
    'Code de l’éducation, art. L313-7 (jeunes de plus de 16 ans) et L131-1 (instruction obligatoire jusqu’à 16 ans) ; RGPD considérant 38 (protection spécifique des mineurs)',
} as const;

/**
 * Opposition: once a person opposes sharing what one partner holds, no other partner sees it.
 * The partner itself still sees its own rows (under its grants); callers of no partner (the person,
 * the DPO, dashboards) are not "other partners".
 */
export const OPPOSITION_RULE = {
  appliesTo: ['CASE_RECORD'] as readonly CategoryKind[],
  legalBasis: 'RGPD art. 21 (droit d’opposition)',
} as const;

/**
 * …except what the obligation de formation makes a legal duty to share: the missions locales
 * control it and the PSAD coordinates it, so they keep the person's identity and status while
 * the obligation applies (16-18). The right to object does not apply to processing required by law.
 */
export const LEGAL_DUTY_EXCEPTION = {
  categories: ['IDENTITY', 'OBLIGATION_FORMATION'] as readonly DataCategory[],
  roles: ['psad-coordinator', 'ml-advisor'] as readonly Role[],
  legalBasis:
    'Code de l’éducation, art. L114-1 et R114-1 s. (décret n° 2020-978) ; RGPD art. 6-1-c — l’art. 21 ne s’applique pas à un traitement imposé par la loi',
} as const;

// ── 5. The order of the checks ──────────────────────────────────────────────────────────────────

export interface DecisionStep {
  check: string;
  refusals: readonly RefusalReason[];
  /**
   * Whether the check needs the row (the subject and its owner), i.e. cannot be done at the gateway before
   * any subgraph is called.
   */
  needsRow: boolean;
  rule: string;
}

/** The engine checks in this order and refuses with the first failure. */
export const DECISION_ORDER: readonly DecisionStep[] = [
  {
    check: 'Aggregates only',
    refusals: ['AGGREGATES_ONLY'],
    needsRow: false,
    rule: 'A dashboard sees aggregates and offers only; every individual category is refused.',
  },
  {
    check: 'Role grant',
    refusals: ['ROLE_NOT_GRANTED'],
    needsRow: false,
    rule: 'The caller’s role must be granted the category (offers are granted to every role).',
  },
  {
    check: 'Purpose',
    refusals: ['PURPOSE_MISMATCH'],
    needsRow: false,
    rule: 'The declared purpose must be one the category serves; aggregated steering never opens an individual record.',
  },
  {
    check: 'Habilitation',
    refusals: ['NO_HABILITATION', 'HABILITATION_EXPIRED'],
    needsRow: false,
    rule:
      'A professional reading personal data needs a habilitation of their organisation for that purpose and category, ' +
      'in force on the day of the request (Paris time). An expired habilitation grants nothing.',
  },
  {
    check: 'Conditions',
    refusals: [
      'OUT_OF_TERRITORY',
      'NOT_FOLLOWING',
      'NOT_SELF',
      'ROLE_NOT_GRANTED',
      'NOT_OWN_ORGANISATION',
      'NO_GROUNDS',
    ],
    needsRow: true,
    rule:
      'Every condition of the grant must hold on the row, checked in the order the grant lists them (a write may also require that the record ' +
      'be the caller’s own organisation’s, and a write that makes the caller’s organisation a follower, grounds the hub can check).',
  },
  {
    check: 'Age',
    refusals: ['UNDER_16'],
    needsRow: true,
    rule: `No individual record of a person under ${AGE_RULE.minimumAge}, except to their own school's prevention staff and to the person themself.`,
  },
  {
    check: 'Opposition',
    refusals: ['OPPOSITION'],
    needsRow: true,
    rule:
      'When the person opposed sharing what a partner holds, no other partner sees it — except the identity and the ' +
      'obligation-de-formation status towards the PSAD coordinator and the Mission locale while the obligation de formation applies.',
  },
];

// ── 6. Writes ───────────────────────────────────────────────────────────────────────────────────

/** What a mutation changes; each is granted per role in WRITE_RULES. */
export const WRITE_ACTIONS = [
  'PSAD_CASE_OPENING',
  'PSAD_CASE',
  'REFERRAL',
  'REFERRAL_DECISION',
  'DROPOUT_SIGNAL',
  'FOLLOW_UP_OPENING',
  'FOLLOW_UP',
  'FOQUALE_CONTRACT',
  'OFFER',
  'PLACE_RESERVATION',
  'PJJ_SIGNAL_PUBLICATION',
  'PJJ_SIGNAL',
] as const;
export type WriteAction = (typeof WRITE_ACTIONS)[number];

/**
 * A write may require, besides the conditions of reads, that the record be held by the caller's own partner,
 * belong to the caller's own organisation, or lie in a bassin the caller covers.
 */
export type WriteCondition =
  Condition | 'OWN_PARTNER' | 'OWN_ORGANISATION' | 'OWN_TERRITORY_ROW' | 'GROUNDED';

export const WRITE_CONDITIONS: Record<
  'OWN_PARTNER' | 'OWN_ORGANISATION' | 'OWN_TERRITORY_ROW' | 'GROUNDED',
  ConditionRule
> = {
  GROUNDED: {
    meaning:
      'the caller’s organisation has grounds the hub can check to begin following the person, attested by psad: a referral ' +
      '(fiche de liaison) to it that it accepted, its own pupil (Éducation nationale’s report), an organisation that already ' +
      'follows them, or — for the PSAD of the perimeter — a SIEI listing. Listed before the territory for partners, after it for the ' +
      'PSAD, so that whoever has no reach on a person gets the refusal a hub id nobody has gets',
    refusal: 'NO_GROUNDS',
  },
  OWN_PARTNER: {
    meaning:
      'the record is held by the caller’s own institution (its subgraph): a partner never writes in another partner’s files',
    refusal: 'ROLE_NOT_GRANTED',
  },
  OWN_ORGANISATION: {
    meaning:
      'the record belongs to the caller’s own organisation (`org` claim): an adviser changes their own Mission locale’s follow-ups, a CFA its own offers',
    refusal: 'NOT_OWN_ORGANISATION',
  },
  OWN_TERRITORY_ROW: {
    meaning:
      'the record is in a bassin the caller covers (`territories` claim): a FOQUALE network manages the offers of its own bassin',
    refusal: 'OUT_OF_TERRITORY',
  },
};

export interface WriteRule {
  label: string;
  /**
   * The category of what is written. The caller's declared purpose must fit it and, for personal
   * data, their organisation needs a habilitation for it, exactly as for reading it; the age rule
   * applies the same way. Opposition does not: it restricts what a partner's rows show to the
   * others, not what a partner records in its own files.
   */
  category: DataCategory;
  /**
   * The roles that may perform it, each with the conditions that must all hold. A role absent here is refused
   * (ROLE_NOT_GRANTED).
   */
  grants: Partial<Record<Role, readonly WriteCondition[]>>;
  note: string;
}

/** Partner staff change their own institution's records, and only their own organisation's. */
const OWN_RECORDS: readonly WriteCondition[] = ['OWN_PARTNER', 'OWN_ORGANISATION'];

export const WRITE_RULES: Record<WriteAction, WriteRule> = {
  PSAD_CASE_OPENING: {
    label: 'PSAD case: open one',
    category: 'FOLLOW_UP_SUMMARY',
    grants: { 'psad-coordinator': ['IN_TERRITORY', 'GROUNDED'] },
    note:
      'Opening a case makes the PSAD a follower: only for a person of its perimeter who is on a SIEI listing or was referred to it ' +
      '(a fiche de liaison it accepted). The territory alone is not grounds.',
  },
  PSAD_CASE: {
    label: 'PSAD case: change status, assign, record a contact attempt',
    category: 'FOLLOW_UP_SUMMARY',
    grants: { 'psad-coordinator': ['IN_TERRITORY'] },
    note: 'The PSAD coordinates the young people of its perimeter; a transfer moves the case with the person.',
  },
  REFERRAL: {
    label: 'Referral (fiche de liaison): propose a young person to a partner organisation',
    category: 'FOLLOW_UP_SUMMARY',
    grants: { 'psad-coordinator': ['IN_TERRITORY'], 'foquale-network': ['IN_TERRITORY'] },
    note:
      'The coordinators of the perimeter orient a person to a named organisation the hub knows; the referral opens nothing by itself, ' +
      'it is the grounds on which that organisation, once it accepts, may begin following the person.',
  },
  REFERRAL_DECISION: {
    label: 'Referral (fiche de liaison): accept or decline one addressed to the caller’s organisation',
    category: 'FOLLOW_UP_SUMMARY',
    grants: {
      'psad-coordinator': ['OWN_ORGANISATION'],
      'foquale-network': ['OWN_ORGANISATION'],
      'ml-advisor': ['OWN_ORGANISATION'],
      'e2c-staff': ['OWN_ORGANISATION'],
      'cfa-staff': ['OWN_ORGANISATION'],
      'agri-staff': ['OWN_ORGANISATION'],
    },
    note: 'Only the staff of the organisation a referral names answer it; the answer is traced in the trajectory.',
  },
  DROPOUT_SIGNAL: {
    label: 'GPDS signal: a sign of dropping out in a school, and what the school did',
    category: 'SCHOOLING',
    grants: { 'en-referent': ['OWN_SCHOOL'] },
    note: 'Prevention inside the school (circulaire n° 2013-035): its référent records the signs shown by its own pupils, whatever their age.',
  },
  FOLLOW_UP_OPENING: {
    label: 'Partner follow-up: open one',
    category: 'FOLLOW_UP_SUMMARY',
    grants: {
      'ml-advisor': [...OWN_RECORDS, 'GROUNDED', 'IN_TERRITORY'],
      'e2c-staff': [...OWN_RECORDS, 'GROUNDED', 'IN_TERRITORY'],
      'cfa-staff': [...OWN_RECORDS, 'GROUNDED', 'IN_TERRITORY'],
      'agri-staff': [...OWN_RECORDS, 'GROUNDED', 'IN_TERRITORY'],
    },
    note:
      'Opening a follow-up makes the organisation a follower, and so opens the person’s record to it: only on grounds psad attests (a referral to it ' +
      'that it accepted, its own pupil, an organisation already following them), and for a person of the bassins its staff cover ' +
      '(an E2C, a CFA or a lycée agricole recruiting further afield lists those bassins in its staff’s `territories`).',
  },
  FOLLOW_UP: {
    label: 'Partner follow-up: update, close, record a dated event',
    category: 'FOLLOW_UP_SUMMARY',
    grants: {
      'ml-advisor': OWN_RECORDS,
      'e2c-staff': OWN_RECORDS,
      'cfa-staff': OWN_RECORDS,
      'agri-staff': OWN_RECORDS,
    },
    note: 'Each partner writes its own accompaniment of the person, in its own subgraph, wherever the person has moved since.',
  },
  FOQUALE_CONTRACT: {
    label: 'FOQUALE contract: initial review, tutor, solution, signatures, bilans de situation, closure',
    category: 'FOQUALE_CONTRACT',
    grants: { 'foquale-network': ['IN_TERRITORY'], 'en-referent': ['OWN_SCHOOL'] },
    note: 'The network of the bassin builds and reviews the contract (circulaire n° 2013-035); a school’s référent for its own pupils.',
  },
  OFFER: {
    label: 'Offer: publish, change capacity and dates, close',
    category: 'OFFERS',
    grants: {
      'foquale-network': ['OWN_PARTNER', 'OWN_TERRITORY_ROW'],
      'en-referent': OWN_RECORDS,
      'ml-advisor': OWN_RECORDS,
      'e2c-staff': OWN_RECORDS,
      'cfa-staff': OWN_RECORDS,
      'agri-staff': OWN_RECORDS,
    },
    note: 'Each partner publishes its own solutions; the FOQUALE network manages the Éducation nationale offers of the bassin.',
  },
  PLACE_RESERVATION: {
    label: 'Place reservation on an offer, and its cancellation',
    category: 'FOLLOW_UP_SUMMARY',
    grants: {
      'psad-coordinator': ['IN_TERRITORY'],
      'foquale-network': ['IN_TERRITORY'],
      'ml-advisor': ['FOLLOWS'],
      'e2c-staff': [...OWN_RECORDS, 'FOLLOWS'],
      'cfa-staff': [...OWN_RECORDS, 'FOLLOWS'],
      'agri-staff': [...OWN_RECORDS, 'FOLLOWS'],
    },
    note:
      'Whoever coordinates the person’s return path (the PSAD and the FOQUALE network of the perimeter, the Mission locale that follows them) reserves a place on any partner’s offer; ' +
      'a partner’s staff reserve on their own organisation’s offers for the people it follows.',
  },
  PJJ_SIGNAL_PUBLICATION: {
    label: 'PJJ signal: publish one (a follow-up is active, whom to contact)',
    category: 'PJJ_SIGNAL',
    grants: { 'pjj-educator': [...OWN_RECORDS, 'IN_TERRITORY'] },
    note:
      'Only the PJJ decides to publish a signal, in its own unit’s name, for a person of the bassins its educators cover: the unit then follows the person. ' +
      'Nothing about the measure enters the hub.',
  },
  PJJ_SIGNAL: {
    label: 'PJJ signal: withdraw it',
    category: 'PJJ_SIGNAL',
    grants: { 'pjj-educator': OWN_RECORDS },
    note: 'The publishing unit withdraws its signal when it sees fit, wherever the person lives by then.',
  },
};
