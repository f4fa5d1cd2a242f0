/**
 * Applies the policy of `rules.ts` and the register of `habilitations.ts` to one access.
 * Pure functions: no I/O, no clock (the time comes in the request), the same answer everywhere —
 * at the gateway before any subgraph is called, and again in each subgraph on each row.
 *
 * The checks run in the order of `DECISION_ORDER` (rules.ts); the first that fails is the reason:
 *   1. aggregates only (dashboards)   2. role grant   3. purpose   4. habilitation
 *   — the operation level: decidable from the caller alone —
 *   5. conditions on the row   6. age   7. opposition
 *
 * The reason decided is the true one, for the DPO and the matrix. What the caller is told speaks of
 * the caller only (`answerTo`): an age or an opposition is the person's, never said.
 */
import type { Caller, Purpose, Role } from '../auth/claims';
import { Partner } from '../partners';
import { habilitationStatus } from './habilitations';
import {
  AGE_RULE,
  CATEGORIES,
  CONDITIONS,
  HABILITATION_RULE,
  INDIVIDUAL_KINDS,
  LEGAL_DUTY_EXCEPTION,
  OPPOSITION_RULE,
  PUBLIC_GRANT,
  ROLE_RULES,
  WRITE_CONDITIONS,
  WRITE_RULES,
  type Condition,
  type Grant,
  type WriteAction,
  type WriteCondition,
} from './rules';
import type { AccessRequest, CallerReason, DataCategory, Decision, RefusalReason, Subject } from './types';

const ALLOWED: Decision = { allowed: true };

function refuse(reason: RefusalReason): { allowed: false; reason: RefusalReason } {
  return { allowed: false, reason };
}

// ── Reading the rules ───────────────────────────────────────────────────────────────────────────

/** The grant of a role on a category (offers are granted to every role), or null when not granted. */
export function grantOf(role: Role, category: DataCategory): Grant | null {
  if (CATEGORIES[category].kind === 'PUBLIC') return PUBLIC_GRANT;
  return ROLE_RULES[role].grants[category] ?? null;
}

/** The declared purposes under which a grant may be used. */
export function purposesOf(grant: Grant, category: DataCategory): readonly Purpose[] {
  return grant.purposes ?? CATEGORIES[category].purposes;
}

/** Data about one person in particular (a case record or its access trail). */
export function isIndividual(category: DataCategory): boolean {
  return INDIVIDUAL_KINDS.includes(CATEGORIES[category].kind);
}

export function needsHabilitation(role: Role, category: DataCategory): boolean {
  return (
    ROLE_RULES[role].actsAs === 'PROFESSIONAL' &&
    HABILITATION_RULE.appliesTo.includes(CATEGORIES[category].kind)
  );
}

/**
 * Whether the 16+ rule applies under this grant (it does not to the own school's prevention staff, nor to the
 * person themself).
 */
export function ageRuleApplies(category: DataCategory, grant: Grant): boolean {
  return (
    AGE_RULE.appliesTo.includes(CATEGORIES[category].kind) &&
    !grant.when.some((condition) => AGE_RULE.exemptWhen.includes(condition))
  );
}

/**
 * Whether an opposition could hide this category from this role (only partners' staff are "other partners").
 */
export function oppositionMayApply(role: Role, category: DataCategory): boolean {
  return ROLE_RULES[role].partner !== null && OPPOSITION_RULE.appliesTo.includes(CATEGORIES[category].kind);
}

/**
 * Whether the obligation de formation, when it applies to a person, makes sharing this category with this
 * role a legal duty.
 */
export function legalDutyCovers(role: Role, category: DataCategory): boolean {
  return LEGAL_DUTY_EXCEPTION.roles.includes(role) && LEGAL_DUTY_EXCEPTION.categories.includes(category);
}

/** Whether this person's data of this category must be shared with this role, opposition notwithstanding. */
export function legalDutyToShare(role: Role, category: DataCategory, subject: Subject): boolean {
  return subject.obligationDeFormation && legalDutyCovers(role, category);
}

// ── Operation level (steps 1-4): the caller alone ───────────────────────────────────────────────

type OperationOutcome = { allowed: true; grant: Grant } | { allowed: false; reason: RefusalReason };

function checkOperation(caller: Caller, category: DataCategory, now: Date): OperationOutcome {
  if (ROLE_RULES[caller.role].aggregatesOnly && isIndividual(category)) return refuse('AGGREGATES_ONLY');
  const grant = grantOf(caller.role, category);
  if (!grant) return refuse('ROLE_NOT_GRANTED');
  if (!purposesOf(grant, category).includes(caller.purpose)) return refuse('PURPOSE_MISMATCH');
  const habilitation = habilitationRefusal(caller, category, now);
  return habilitation ? refuse(habilitation) : { allowed: true, grant };
}

function habilitationRefusal(caller: Caller, category: DataCategory, now: Date): RefusalReason | null {
  if (!needsHabilitation(caller.role, category)) return null;
  switch (
    habilitationStatus({ role: caller.role, org: caller.org, purpose: caller.purpose, category }, now)
  ) {
    case 'IN_FORCE':
      return null;
    case 'EXPIRED':
      return 'HABILITATION_EXPIRED';
    case 'NONE':
      return 'NO_HABILITATION';
  }
}

// ── Row level (steps 5-7): the person the row is about, and the partner holding it ─────────────

interface Row {
  caller: Caller;
  owner: Partner;
  /** Code of the organisation that wrote the row, when the row has one. */
  organisation?: string | null;
  subject: Subject;
}

const CONDITION_HOLDS: Record<Condition, (row: Row) => boolean> = {
  IN_TERRITORY: ({ caller, subject }) => caller.territories.includes(subject.bassin),
  FOLLOWS: ({ caller, subject }) => subject.followers.includes(caller.org),
  OWN_SCHOOL: ({ caller, subject }) => subject.schools.includes(caller.org),
  SELF: ({ caller, subject }) => caller.sub === subject.youngId,
  OWN_ORGANISATION_ROW: ({ caller, owner, organisation }) =>
    ROLE_RULES[caller.role].partner === owner &&
    typeof organisation === 'string' &&
    organisation === caller.org,
};

/**
 * The refusal of the first condition of the grant that the row does not meet; a row about no one meets none.
 */
function unmetCondition(
  grant: Grant,
  { caller, owner, organisation, subject }: AccessRequest,
): RefusalReason | null {
  const unmet = grant.when.find(
    (condition) => subject === null || !CONDITION_HOLDS[condition]({ caller, owner, organisation, subject }),
  );
  return unmet === undefined ? null : CONDITIONS[unmet].refusal;
}

function isUnderAge(grant: Grant, category: DataCategory, subject: Subject | null): boolean {
  return subject !== null && ageRuleApplies(category, grant) && subject.age < AGE_RULE.minimumAge;
}

function isOpposed(caller: Caller, category: DataCategory, owner: Partner, subject: Subject | null): boolean {
  if (subject === null || !oppositionMayApply(caller.role, category)) return false;
  const fromAnotherPartner = ROLE_RULES[caller.role].partner !== owner;
  return (
    fromAnotherPartner &&
    subject.oppositions.includes(owner) &&
    !legalDutyToShare(caller.role, category, subject)
  );
}

function rowRefusal(grant: Grant, request: AccessRequest): RefusalReason | null {
  const { caller, category, owner, subject } = request;
  const condition = unmetCondition(grant, request);
  if (condition) return condition;
  if (isUnderAge(grant, category, subject)) return 'UNDER_16';
  if (isOpposed(caller, category, owner, subject)) return 'OPPOSITION';
  return null;
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────────

/** Whether one caller may read one category of one row, and if not, why. */
export function decide(request: AccessRequest): Decision {
  const operation = checkOperation(request.caller, request.category, request.now);
  if (!operation.allowed) return operation;
  const reason = rowRefusal(operation.grant, request);
  return reason ? refuse(reason) : ALLOWED;
}

/** The outcome at the operation level when the rest can only be decided on each row. */
export const DEPENDS_ON_ROW = 'DEPENDS_ON_ROW';
export type OperationDecision = Decision | typeof DEPENDS_ON_ROW;

/**
 * What the gateway can decide before calling any subgraph: role, purpose and habilitation. A
 * refusal here is final for every row; ALLOWED means no row-level rule can apply (offers,
 * aggregates, the DPO's trail); DEPENDS_ON_ROW leaves the rest to the subgraphs.
 */
export function decideWithoutSubject(caller: Caller, category: DataCategory, now: Date): OperationDecision {
  const operation = checkOperation(caller, category, now);
  if (!operation.allowed) return operation;
  const rowRulesMayApply =
    operation.grant.when.length > 0 ||
    ageRuleApplies(category, operation.grant) ||
    oppositionMayApply(caller.role, category);
  return rowRulesMayApply ? DEPENDS_ON_ROW : ALLOWED;
}

/** `decideWithoutSubject` for every category: what this caller may ask for at all. */
export function decideOperations(caller: Caller, now: Date): Record<DataCategory, OperationDecision> {
  const categories = Object.keys(CATEGORIES) as DataCategory[];
  return Object.fromEntries(
    categories.map((category) => [category, decideWithoutSubject(caller, category, now)]),
  ) as Record<DataCategory, OperationDecision>;
}

// ── What the caller is told ─────────────────────────────────────────────────────────────────────

/** An opposition's answer: the opposed partner's rows read as if it held nothing about the person. */
export const WITHHELD = 'WITHHELD';
export type RefusalAnswer = CallerReason | typeof WITHHELD;

/**
 * The refusal a person out of this role's reach gets for this category, and so a hub id nobody has:
 * that of the first condition on the person in the role's grant (not following them when it has none).
 */
export function unreachableReason(role: Role, category: DataCategory): CallerReason {
  const personal = grantOf(role, category)?.when.find((condition) => condition !== 'OWN_ORGANISATION_ROW');
  return personal ? CONDITIONS[personal].refusal : 'NOT_FOLLOWING';
}

/**
 * What a caller is told of a refusal: a reason about the caller as it is. Under 16, the person is out
 * of the caller's reach, and the answer is the one a hub id nobody has gets. An opposition withholds
 * the opposed partner's rows (WITHHELD): any refusal there would say that something is hidden, and
 * for the PJJ that a judicial follow-up exists; on the identity, it puts the person out of reach.
 */
export function answerTo(role: Role, category: DataCategory, reason: RefusalReason): RefusalAnswer {
  if (reason === 'OPPOSITION' && category !== 'IDENTITY') return WITHHELD;
  if (reason === 'UNDER_16' || reason === 'OPPOSITION') return unreachableReason(role, category);
  return reason;
}

// ── Writes ──────────────────────────────────────────────────────────────────────────────────────

export interface WriteRequest {
  caller: Caller;
  action: WriteAction;
  /** The partner whose database is written. */
  owner: Partner;
  /** The person the write is about; null for offers. */
  subject: Subject | null;
  /** Code of the organisation the written record belongs to (for OWN_ORGANISATION). */
  rowOrganisation?: string | null;
  /** Bassin of the written record (for OWN_TERRITORY_ROW). */
  rowBassin?: string | null;
  now: Date;
}

/**
 * Whether one caller may perform one write (WRITE_RULES), and if not, why: aggregates only, role,
 * purpose and habilitation for the category written, the write's conditions, then the age rule.
 */
export function decideWrite(request: WriteRequest): Decision {
  const { caller, action, owner, subject } = request;
  const row = decideWriteRow(request);
  if (!row.allowed) return row;
  const conditions = WRITE_RULES[action].grants[caller.role]!;
  for (const condition of conditions.filter(isPersonCondition)) {
    if (condition === 'GROUNDED') {
      if (subject === null || groundsOf(caller, subject) === null)
        return refuse(WRITE_CONDITIONS.GROUNDED.refusal);
    } else if (subject === null || !CONDITION_HOLDS[condition]({ caller, owner, subject }))
      return refuse(CONDITIONS[condition].refusal);
  }
  const ageExempt = conditions.some((condition) =>
    (AGE_RULE.exemptWhen as readonly string[]).includes(condition),
  );
  if (
    subject !== null &&
    AGE_RULE.appliesTo.includes(CATEGORIES[WRITE_RULES[action].category].kind) &&
    !ageExempt &&
    subject.age < AGE_RULE.minimumAge
  )
    return refuse('UNDER_16');
  return ALLOWED;
}

/** The conditions on the person, as opposed to those on the record (its partner, organisation, bassin). */
export function isPersonCondition(
  condition: WriteCondition,
): condition is Exclude<Condition, 'OWN_ORGANISATION_ROW'> | 'GROUNDED' {
  return (condition in CONDITIONS && condition !== 'OWN_ORGANISATION_ROW') || condition === 'GROUNDED';
}

/** What makes an organisation entitled to begin following a person (WRITE_CONDITIONS.GROUNDED). */
export type GroundsKind = 'REFERRAL' | 'OWN_PUPIL' | 'ALREADY_FOLLOWS' | 'SIEI_LISTING';

/**
 * The grounds the caller's organisation has to begin following the person, on facts psad attests
 * (signed): a referral to it that it accepted, its own pupil, an organisation that already follows
 * them, or a SIEI listing for the PSAD of the perimeter (IN_TERRITORY is checked beside). Null: none.
 */
export function groundsOf(caller: Caller, subject: Subject): GroundsKind | null {
  if ((subject.referredTo ?? []).includes(caller.org)) return 'REFERRAL';
  if (subject.schools.includes(caller.org)) return 'OWN_PUPIL';
  if (subject.followers.includes(caller.org)) return 'ALREADY_FOLLOWS';
  if (ROLE_RULES[caller.role].partner === Partner.PSAD && subject.sieiListed === true) return 'SIEI_LISTING';
  return null;
}

/**
 * The part of a write's decision that needs the record but not the person: the operation, then
 * the record's partner, organisation and bassin. Decided before the person is looked up, so that
 * what a caller learns of the record never depends on who the person is, or whether they exist.
 */
export function decideWriteRow(request: Omit<WriteRequest, 'subject'>): Decision {
  const { caller, action, owner, now } = request;
  const operation = decideWriteOperation(caller, action, now);
  if (!operation.allowed) return operation;
  for (const condition of WRITE_RULES[action].grants[caller.role]!) {
    if (condition === 'OWN_ORGANISATION' && request.rowOrganisation !== caller.org)
      return refuse(WRITE_CONDITIONS.OWN_ORGANISATION.refusal);
    if (
      condition === 'OWN_TERRITORY_ROW' &&
      !(request.rowBassin && caller.territories.includes(request.rowBassin))
    )
      return refuse(WRITE_CONDITIONS.OWN_TERRITORY_ROW.refusal);
    if (condition === 'OWN_PARTNER' && ROLE_RULES[caller.role].partner !== owner)
      return refuse(WRITE_CONDITIONS.OWN_PARTNER.refusal);
  }
  return ALLOWED;
}

/**
 * The part of a write's decision that needs neither the person nor the record: aggregates only,
 * role, purpose, habilitation. Decided before anything is looked up, so that a caller who may never
 * perform the write learns nothing of who or what exists.
 */
export function decideWriteOperation(caller: Caller, action: WriteAction, now: Date): Decision {
  const rule = WRITE_RULES[action];
  if (ROLE_RULES[caller.role].aggregatesOnly) return refuse('AGGREGATES_ONLY');
  if (!rule.grants[caller.role]) return refuse('ROLE_NOT_GRANTED');
  if (!CATEGORIES[rule.category].purposes.includes(caller.purpose)) return refuse('PURPOSE_MISMATCH');
  const habilitation = habilitationRefusal(caller, rule.category, now);
  return habilitation ? refuse(habilitation) : ALLOWED;
}
