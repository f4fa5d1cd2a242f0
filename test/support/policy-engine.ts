import { generateCatalogue } from '../../demo/generate';
import type { OrganisationKind } from '../../demo/world';
import { ROLES, type Caller, type Purpose, type Role } from '../../platform/auth/claims';
import { Partner } from '../../platform/partners';
import { habilitationStatus } from '../../platform/policy/habilitations';
import {
  AGE_RULE,
  CATEGORIES,
  HABILITATION_RULE,
  LEGAL_DUTY_EXCEPTION,
  OPPOSITION_RULE,
  PUBLIC_GRANT,
  ROLE_RULES,
  type Condition,
  type Grant,
} from '../../platform/policy/rules';
import {
  DATA_CATEGORIES,
  type AccessRequest,
  type DataCategory,
  type Decision,
  type RefusalReason,
  type Subject,
} from '../../platform/policy/types';

/**
 * What the policy-engine tests share: an oracle that reads the policy data directly (never the
 * engine's helpers), and fixtures (callers from the demo's organisations, a person who meets every
 * condition, a request, the change that breaks each condition).
 */
// ── The oracle: expectations read the policy data directly, never the engine's helpers ─────────

export const grantOf = (role: Role, category: DataCategory): Grant | null =>
  CATEGORIES[category].kind === 'PUBLIC' ? PUBLIC_GRANT : (ROLE_RULES[role].grants[category] ?? null);
export const purposesOf = (grant: Grant, category: DataCategory): readonly Purpose[] =>
  grant.purposes ?? CATEGORIES[category].purposes;
export const isIndividual = (category: DataCategory): boolean =>
  CATEGORIES[category].kind === 'CASE_RECORD' || CATEGORIES[category].kind === 'ACCESS_TRAIL';
export const needsHabilitation = (role: Role, category: DataCategory): boolean =>
  ROLE_RULES[role].actsAs === 'PROFESSIONAL' &&
  HABILITATION_RULE.appliesTo.includes(CATEGORIES[category].kind);
export const ageRuleApplies = (category: DataCategory, grant: Grant): boolean =>
  AGE_RULE.appliesTo.includes(CATEGORIES[category].kind) &&
  !grant.when.some((condition) => AGE_RULE.exemptWhen.includes(condition));
export const oppositionMayApply = (role: Role, category: DataCategory): boolean =>
  ROLE_RULES[role].partner !== null && OPPOSITION_RULE.appliesTo.includes(CATEGORIES[category].kind);
export const legalDutyCovers = (role: Role, category: DataCategory): boolean =>
  LEGAL_DUTY_EXCEPTION.roles.includes(role) && LEGAL_DUTY_EXCEPTION.categories.includes(category);

// ── Fixtures: callers from the demo's organisations, a person who meets every condition ─────────

export const NOW = new Date('2026-11-23T10:00:00Z');
export const HOME = '38-GRE';
export const ELSEWHERE = '38-NOR';
export const PERSON = '3f1c2b9e-5d4a-4c8e-9a7b-1e2d3c4b5a69';
export const SOMEONE_ELSE = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

export const ALLOWED: Decision = { allowed: true };
export const refused = (reason: RefusalReason): Decision => ({ allowed: false, reason });

/** The demo organisations whose staff hold each partner role. */
export const ORGANISATION_KINDS: Partial<Record<Role, OrganisationKind[]>> = {
  'foquale-network': ['MLDS', 'CIO'],
  'en-referent': ['COLLEGE', 'LYCEE_GENERAL', 'LYCEE_PROFESSIONNEL', 'MICRO_LYCEE'],
  'ml-advisor': ['MISSION_LOCALE'],
  'e2c-staff': ['E2C_SITE'],
  'cfa-staff': ['CFA'],
  'agri-staff': ['LYCEE_AGRICOLE', 'CFPPA'],
  'pjj-educator': ['PJJ_UNIT'],
};
export const organisations = generateCatalogue().organisations;
export const demoCodesOf = (role: Role): string[] =>
  organisations.filter((o) => ORGANISATION_KINDS[role]?.includes(o.kind)).map((o) => o.code);

export const ORGANISATION_OF: Record<Role, string> = {
  'psad-coordinator': `PSAD-${HOME}`,
  'foquale-network': demoCodesOf('foquale-network')[0],
  'en-referent': demoCodesOf('en-referent')[0],
  'ml-advisor': demoCodesOf('ml-advisor')[0],
  'e2c-staff': demoCodesOf('e2c-staff')[0],
  'cfa-staff': demoCodesOf('cfa-staff')[0],
  'agri-staff': demoCodesOf('agri-staff')[0],
  'pjj-educator': demoCodesOf('pjj-educator')[0],
  dashboard: 'RECTORAT-GRENOBLE',
  young: PERSON,
  dpo: 'DPD-ACADEMIE-GRENOBLE',
};

export function caller(role: Role, purpose: Purpose, changes: Partial<Caller> = {}): Caller {
  return {
    sub: role === 'young' ? PERSON : `agent-${role}`,
    role,
    org: ORGANISATION_OF[role],
    territories: [HOME],
    purpose,
    ...changes,
  };
}

/** A person who meets every condition any grant of this caller could ask for. */
export function personFor(who: Caller, changes: Partial<Subject> = {}): Subject {
  return {
    youngId: PERSON,
    bassin: HOME,
    age: 17,
    followers: [who.org],
    schools: [who.org],
    oppositions: [],
    obligationDeFormation: true,
    ...changes,
  };
}

export const partnerOf = (role: Role): Partner | null => ROLE_RULES[role].partner;
export const ownRowsOf = (role: Role): Partner => partnerOf(role) ?? Partner.PSAD;
export const anotherPartnerThan = (role: Role): Partner =>
  Object.values(Partner).find((p) => p !== partnerOf(role) && p !== Partner.PSAD) ?? Partner.PJJ;

export function request(
  who: Caller,
  category: DataCategory,
  row: { owner?: Partner; organisation?: string | null; subject?: Subject | null; now?: Date } = {},
): AccessRequest {
  return {
    caller: who,
    category,
    owner: row.owner ?? ownRowsOf(who.role),
    // Unless said otherwise, a row of the caller's own organisation.
    organisation: row.organisation === undefined ? who.org : row.organisation,
    subject: row.subject === undefined ? personFor(who) : row.subject,
    now: row.now ?? NOW,
  };
}

/**
 * A declared purpose under which this role can use its grant on this category (a habilitation in force
 * exists).
 */
export function usablePurpose(role: Role, category: DataCategory): Purpose {
  const grant = grantOf(role, category);
  const fitting = grant ? purposesOf(grant, category) : CATEGORIES[category].purposes;
  const usable = fitting.find(
    (purpose) =>
      !needsHabilitation(role, category) ||
      habilitationStatus({ role, org: ORGANISATION_OF[role], purpose, category }, NOW) === 'IN_FORCE',
  );
  return usable ?? fitting[0];
}

/** How to make one condition fail while every other still holds. */
export const BREAK: Record<
  Condition,
  (row: { who: Caller; owner: Partner; subject: Subject }) => {
    owner: Partner;
    organisation?: string;
    subject: Subject;
  }
> = {
  IN_TERRITORY: ({ owner, subject }) => ({ owner, subject: { ...subject, bassin: ELSEWHERE } }),
  FOLLOWS: ({ owner, subject }) => ({ owner, subject: { ...subject, followers: ['00000000000000'] } }),
  OWN_SCHOOL: ({ owner, subject }) => ({ owner, subject: { ...subject, schools: ['0389999Z'] } }),
  SELF: ({ owner, subject }) => ({ owner, subject: { ...subject, youngId: SOMEONE_ELSE } }),
  // Another organisation of the caller's own partner: one Mission locale's notes are not another's.
  OWN_ORGANISATION_ROW: ({ owner, subject }) => ({ owner, organisation: 'ANOTHER-ORGANISATION', subject }),
};

/** Every role × category. */
export const CELLS = ROLES.flatMap((role) => DATA_CATEGORIES.map((category) => ({ role, category })));
