/**
 * The access-matrix scenarios, generated from the policy data (rules.ts, habilitations.ts): for every
 * role × category with a probe field, a caller for whom the grant's conditions are met and, for each
 * condition, one for whom only that condition is not; then the global rules. Cells without a probe
 * field are listed in TODO.
 */
import { BASSINS } from '../../../platform/reference/territories';
import { type OrganisationKind } from '../../../demo/world';
import { PURPOSES, ROLES, type Caller, type Purpose, type Role } from '../../../platform/auth/claims';
import { Partner, SUBGRAPHS, SUBGRAPH_NAMES, type SubgraphName } from '../../../platform/partners';
import { habilitationsCovering, standingOn } from '../../../platform/policy/habilitations';
import {
  AGE_RULE,
  CATEGORIES,
  CONDITIONS,
  HABILITATION_RULE,
  INDIVIDUAL_KINDS,
  PUBLIC_GRANT,
  ROLE_RULES,
  type Condition,
  type Grant,
} from '../../../platform/policy/rules';
import { DATA_CATEGORIES, type DataCategory, type RefusalReason } from '../../../platform/policy/types';

import {
  NOW,
  world,
  organisationByCode,
  FOLLOW_UP_PARTNERS,
  FollowUpPartner,
  Facts,
  FACTS,
  CANDIDATES,
} from './world';

// ── The policy data, read directly (an oracle independent of the engine's helpers) ──────────────

export const grantOf = (role: Role, category: DataCategory): Grant | null =>
  CATEGORIES[category].kind === 'PUBLIC' ? PUBLIC_GRANT : (ROLE_RULES[role].grants[category] ?? null);
export const purposesOf = (grant: Grant, category: DataCategory): readonly Purpose[] =>
  grant.purposes ?? CATEGORIES[category].purposes;
export const isIndividual = (category: DataCategory): boolean =>
  INDIVIDUAL_KINDS.includes(CATEGORIES[category].kind);
export const needsHabilitation = (role: Role, category: DataCategory): boolean =>
  ROLE_RULES[role].actsAs === 'PROFESSIONAL' &&
  HABILITATION_RULE.appliesTo.includes(CATEGORIES[category].kind);
export const ageRuleApplies = (category: DataCategory, grant: Grant): boolean =>
  AGE_RULE.appliesTo.includes(CATEGORIES[category].kind) &&
  !grant.when.some((condition) => AGE_RULE.exemptWhen.includes(condition));

/** The register, read for one organisation: IN_FORCE, EXPIRED (only expired entries cover it) or NONE. */
export function registerStanding(
  role: Role,
  org: string,
  purpose: Purpose,
  category: DataCategory,
): 'IN_FORCE' | 'EXPIRED' | 'NONE' {
  const standings = habilitationsCovering({ role, org, purpose, category }).map((h) => standingOn(h, NOW));
  if (standings.includes('IN_FORCE')) return 'IN_FORCE';
  return standings.includes('EXPIRED') ? 'EXPIRED' : 'NONE';
}

// ── Callers: the demo's organisations of each role ──────────────────────────────────────────────

export const codesOfKind = (...kinds: OrganisationKind[]) =>
  world.organisations.filter((o) => kinds.includes(o.kind)).map((o) => o.code);
export const ROLE_ORGANISATIONS: Record<Role, string[]> = {
  'psad-coordinator': BASSINS.map((bassin) => `PSAD-${bassin.code}`),
  'foquale-network': codesOfKind('MLDS', 'CIO'),
  'en-referent': codesOfKind('COLLEGE', 'LYCEE_GENERAL', 'LYCEE_PROFESSIONNEL', 'MICRO_LYCEE'),
  'ml-advisor': codesOfKind('MISSION_LOCALE'),
  'e2c-staff': codesOfKind('E2C_SITE'),
  'cfa-staff': codesOfKind('CFA'),
  'agri-staff': codesOfKind('LYCEE_AGRICOLE', 'CFPPA'),
  'pjj-educator': codesOfKind('PJJ_UNIT'),
  dashboard: ['RECTORAT-GRENOBLE'],
  young: ['SELF'],
  dpo: ['DPD-ACADEMIE-GRENOBLE'],
};
/** The purpose each role declares by default (README, `npm run token`). */
export const DEFAULT_PURPOSE = (role: Role): Purpose =>
  role === 'dashboard' || role === 'dpo' ? 'PILOTAGE_AGREGE' : 'ACCOMPAGNEMENT';
/** An organisation code that no entry of the register names (except the DPO's `*`). */
export const UNREGISTERED_ORG = 'ORGANISATION-SANS-HABILITATION';

export const bassinOfOrg = (code: string): string | undefined =>
  code.startsWith('PSAD-') ? code.slice(5) : organisationByCode.get(code)?.bassin;
export const otherBassin = (bassin: string) => BASSINS.find((b) => b.code !== bassin)!.code;
export const someoneElse = (facts: Facts) => FACTS.find((f) => f.young.id !== facts.young.id)!.young.id;

export type Want = Partial<Record<Condition, boolean>>;

/**
 * A caller of `role` for whom each condition in `want` holds or not on this person; null when the demo has no
 * such organisation.
 */
export function callerFor(
  role: Role,
  purpose: Purpose,
  facts: Facts,
  want: Want,
  rowOrganisations?: string[],
): Caller | null {
  const territories = [want.IN_TERRITORY === false ? otherBassin(facts.young.bassin) : facts.young.bassin];
  if (role === 'young')
    return {
      sub: want.SELF === false ? someoneElse(facts) : facts.young.id,
      role,
      org: 'SELF',
      territories,
      purpose,
    };
  let pool = ROLE_ORGANISATIONS[role];
  if (want.FOLLOWS !== undefined)
    pool = pool.filter((code) => facts.subject.followers.includes(code) === want.FOLLOWS);
  if (want.OWN_SCHOOL !== undefined)
    pool = pool.filter((code) => facts.subject.schools.includes(code) === want.OWN_SCHOOL);
  // Every row the probe shows was written by the caller's organisation, or none was.
  if (want.OWN_ORGANISATION_ROW !== undefined && rowOrganisations)
    pool = pool.filter((code) =>
      want.OWN_ORGANISATION_ROW
        ? rowOrganisations.length > 0 && rowOrganisations.every((written) => written === code)
        : !rowOrganisations.includes(code),
    );
  const org = pool.find((code) => bassinOfOrg(code) === facts.young.bassin) ?? pool[0];
  return org ? { sub: `matrix-${role}`, role, org, territories, purpose } : null;
}

// ── Probes: the fields that show each category ──────────────────────────────────────────────────

export interface Level {
  /** Response key under the parent (the field name, or the alias of a root field). */
  field: string;
  category: DataCategory;
  owner: Partner;
  /** `Type.field` as the refusal names it. */
  guarded: string;
  /** The codes of the organisations that wrote the rows at this level, when they have one. */
  organisations?: (facts: Facts) => string[];
}

/**
 * The organisation of the rows of a level as the engine sees them for this caller: the caller's own when
 * it wrote them all, another's when it wrote none (a probe never mixes both).
 */
export function rowOrganisation(level: Level, facts: Facts, caller: Caller): string | null | undefined {
  const written = level.organisations?.(facts);
  if (!written) return undefined;
  return written.length > 0 && written.every((code) => code === caller.org)
    ? caller.org
    : (written.find((code) => code !== caller.org) ?? null);
}

export interface Probe {
  name: string;
  category: DataCategory;
  /**
   * YOUNG: a field of `young(id:)`; PERSON_ROOT: a root field about one person (`$ID` stands for the
   * hub id); ROOT: a root field about no one (offers).
   */
  place: 'YOUNG' | 'PERSON_ROOT' | 'ROOT';
  selection: string;
  /** The categorized fields along the path, outermost first. */
  levels: Level[];
  /** Whether the person has rows there: an allowed probe must show data, a refused row must exist. */
  has(facts: Facts): boolean;
}

export const youngProbe = (
  field: string,
  category: DataCategory,
  owner: Partner,
  selection: string,
  has: Probe['has'],
): Probe => ({
  name: `Young.${field}`,
  category,
  selection,
  levels: [{ field, category, owner, guarded: `Young.${field}` }],
  place: 'YOUNG',
  has,
});

export const followUpsField = (partner: FollowUpPartner) => `${SUBGRAPHS[partner].fieldPrefix}FollowUps`;
export const detailProbe = (partner: FollowUpPartner): Probe => ({
  name: `${followUpsField(partner)}.events`,
  category: 'FOLLOW_UP_DETAIL',
  selection: `${followUpsField(partner)} { events { summary } }`,
  levels: [
    {
      field: followUpsField(partner),
      category: 'FOLLOW_UP_SUMMARY',
      owner: SUBGRAPHS[partner].partner,
      guarded: `Young.${followUpsField(partner)}`,
    },
    {
      field: 'events',
      category: 'FOLLOW_UP_DETAIL',
      owner: SUBGRAPHS[partner].partner,
      guarded: 'FollowUp.events',
      organisations: (facts) => facts.followUpOrganisations[partner] ?? [],
    },
  ],
  place: 'YOUNG',
  has: (facts) => facts.followUpOwners.has(partner),
});

export const PROBES: Probe[] = [
  youngProbe('firstName', 'IDENTITY', Partner.PSAD, 'firstName', () => true),
  youngProbe('commune', 'CONTACT', Partner.PSAD, 'commune', () => true),
  youngProbe(
    'legalRepresentatives',
    'LEGAL_REPRESENTATIVES',
    Partner.PSAD,
    'legalRepresentatives { relationship }',
    () => true,
  ),
  youngProbe(
    'enrolments',
    'SCHOOLING',
    Partner.EDUCATION_NATIONALE,
    'enrolments { id }',
    (f) => f.has.enrolment,
  ),
  youngProbe('sieiListings', 'SCHOOLING', Partner.PSAD, 'sieiListings { campaign }', (f) => f.has.listing),
  youngProbe(
    'obligationDeFormation',
    'OBLIGATION_FORMATION',
    Partner.MISSIONS_LOCALES,
    'obligationDeFormation { status }',
    (f) => f.has.obligation,
  ),
  youngProbe('psadCases', 'FOLLOW_UP_SUMMARY', Partner.PSAD, 'psadCases { status }', (f) => f.has.psadCase),
  youngProbe(
    'missionsLocalesFollowUps',
    'FOLLOW_UP_SUMMARY',
    Partner.MISSIONS_LOCALES,
    'missionsLocalesFollowUps { id }',
    (f) => f.followUpOwners.has('missions-locales'),
  ),
  ...FOLLOW_UP_PARTNERS.map(detailProbe),
  youngProbe(
    'foqualeContracts',
    'FOQUALE_CONTRACT',
    Partner.EDUCATION_NATIONALE,
    'foqualeContracts { id }',
    (f) => f.has.contract,
  ),
  youngProbe('pjjSignal', 'PJJ_SIGNAL', Partner.PJJ, 'pjjSignal { active }', (f) => f.has.signal),
  {
    name: 'Query.offers',
    category: 'OFFERS',
    selection: 'offers(first: 1) { totalCount }',
    levels: [{ field: 'offers', category: 'OFFERS', owner: Partner.PSAD, guarded: 'Query.offers' }],
    place: 'ROOT',
    has: () => true,
  },
  {
    name: 'Query.indicators',
    category: 'AGGREGATES',
    selection: 'indicators(scope: "GRENOBLE", period: "2025-B2") { rows { listed } }',
    levels: [
      { field: 'indicators', category: 'AGGREGATES', owner: Partner.PSAD, guarded: 'Query.indicators' },
    ],
    place: 'ROOT',
    has: () => true,
  },
  // The person's oppositions carry ACCESS_LOG (subgraphs/psad/types/opposition.type.ts says why).
  youngProbe('oppositions', 'ACCESS_LOG', Partner.PSAD, 'oppositions { partner }', () => true),
  {
    name: 'Query.accessLog',
    category: 'ACCESS_LOG',
    selection: 'accessLog(youngId: "$ID") { totalCount }',
    levels: [{ field: 'accessLog', category: 'ACCESS_LOG', owner: Partner.PSAD, guarded: 'Query.accessLog' }],
    place: 'PERSON_ROOT',
    has: () => true,
  },
  // The register of follows lists many people at once: about no one in particular, the DPO's only.
  {
    name: 'Query.psadFollowOpenings',
    category: 'FOLLOW_REGISTER',
    selection: 'psadFollowOpenings(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { totalCount }',
    levels: [
      {
        field: 'psadFollowOpenings',
        category: 'FOLLOW_REGISTER',
        owner: Partner.PSAD,
        guarded: 'Query.psadFollowOpenings',
      },
    ],
    place: 'ROOT',
    has: () => true,
  },
];
export const aboutNoOne = (probe: Probe) => probe.place === 'ROOT';
export const lastLevel = (probe: Probe) => probe.levels[probe.levels.length - 1];
export const subgraphOf = (partner: Partner): SubgraphName =>
  SUBGRAPH_NAMES.find((name) => SUBGRAPHS[name].partner === partner)!;

// ── Scenarios, generated from the policy data ───────────────────────────────────────────────────

export type Outcome = 'ALLOWED' | RefusalReason;

export interface Scenario {
  key: string;
  role: Role;
  category: DataCategory;
  probe: Probe;
  title: string;
  caller: Caller;
  facts: Facts;
  /** What the scenario was built to provoke, from the policy data alone. */
  intended: Outcome;
}

export const SCENARIOS: Scenario[] = [];
/** Cells (or parts of cells) the test cannot probe yet, with why. */
export const TODO: string[] = [];

export function add(
  role: Role,
  category: DataCategory,
  probe: Probe,
  title: string,
  facts: Facts,
  caller: Caller,
  intended: Outcome,
): Scenario {
  const scenario: Scenario = {
    key: `s${SCENARIOS.length}`,
    role,
    category,
    probe,
    title: `${probe.name} — ${title}`,
    caller,
    facts,
    intended,
  };
  SCENARIOS.push(scenario);
  return scenario;
}

/**
 * The first person (and caller) for whom the probe shows rows, the age fits and each condition of `want`
 * holds or not.
 */
export function find(
  role: Role,
  purpose: Purpose,
  probe: Probe,
  want: Want,
  age: 'ADULT' | 'UNDER_16' | 'ANY',
): [Facts, Caller] | null {
  for (const facts of CANDIDATES) {
    if (!probe.has(facts)) continue;
    if (age === 'ADULT' && facts.subject.age < AGE_RULE.minimumAge) continue;
    if (age === 'UNDER_16' && facts.subject.age >= AGE_RULE.minimumAge) continue;
    const caller = callerFor(role, purpose, facts, want, lastLevel(probe).organisations?.(facts));
    if (caller) return [facts, caller];
  }
  return null;
}

/**
 * The purpose under which the role's organisations hold a habilitation in force for the category (or need
 * none).
 */
export function workingPurpose(role: Role, category: DataCategory, grant: Grant): Purpose | null {
  const fitting = purposesOf(grant, category);
  const preferred = [DEFAULT_PURPOSE(role), ...fitting].filter((purpose) => fitting.includes(purpose));
  return (
    preferred.find(
      (purpose) =>
        !needsHabilitation(role, category) ||
        ROLE_ORGANISATIONS[role].some((org) => registerStanding(role, org, purpose, category) === 'IN_FORCE'),
    ) ?? null
  );
}

export const allMet = (conditions: readonly Condition[]): Want =>
  Object.fromEntries(conditions.map((c) => [c, true]));
/** Every condition met but the row's organisation, left to the probe (another partner's rows). */
const allButOrganisation = (conditions: readonly Condition[]): Want => ({
  ...allMet(conditions),
  OWN_ORGANISATION_ROW: undefined,
});
/** The refusal of the first condition of the grant, in the grant's order, among those not met. */
export const firstRefusal = (grant: Grant, unmet: Condition[]): RefusalReason =>
  CONDITIONS[grant.when.find((c) => unmet.includes(c))!].refusal;

for (const role of ROLES) {
  const rule = ROLE_RULES[role];
  for (const category of DATA_CATEGORIES) {
    const probes = PROBES.filter((probe) => probe.category === category);
    if (probes.length === 0) {
      TODO.push(`${role} × ${category}: no field of this category in the graph yet`);
      continue;
    }
    const grant = grantOf(role, category);
    if (!grant || (rule.aggregatesOnly && isIndividual(category))) {
      const intended: Outcome =
        rule.aggregatesOnly && isIndividual(category) ? 'AGGREGATES_ONLY' : 'ROLE_NOT_GRANTED';
      for (const probe of probes) {
        const found = find(role, DEFAULT_PURPOSE(role), probe, {}, 'ADULT');
        if (found) add(role, category, probe, `not granted to ${role}`, found[0], found[1], intended);
      }
      continue;
    }
    const purpose = workingPurpose(role, category, grant);
    if (!purpose) {
      TODO.push(`${role} × ${category}: no habilitation of the register is in force for any fitting purpose`);
      continue;
    }
    const conditions = grant.when.filter((c) => c !== 'OWN_ORGANISATION_ROW');
    const ownRowsOnly = grant.when.includes('OWN_ORGANISATION_ROW');
    const own = probes.filter(
      (probe) => !aboutNoOne(probe) && (!ownRowsOnly || lastLevel(probe).owner === rule.partner),
    );
    const others = ownRowsOnly ? probes.filter((probe) => lastLevel(probe).owner !== rule.partner) : [];
    let met: [Facts, Caller] | null = null;

    for (const probe of probes.filter(aboutNoOne)) {
      const facts = CANDIDATES[0];
      add(
        role,
        category,
        probe,
        'public, no condition',
        facts,
        callerFor(role, purpose, facts, {})!,
        'ALLOWED',
      );
    }
    for (const probe of own) {
      const found = find(
        role,
        purpose,
        probe,
        allMet(grant.when),
        ageRuleApplies(category, grant) ? 'ADULT' : 'ANY',
      );
      if (!found) {
        TODO.push(`${role} × ${category} (${probe.name}): met — no person of the test demo qualifies`);
        continue;
      }
      met ??= found;
      const [facts, caller] = found;
      add(role, category, probe, `${grant.when.join(' + ') || 'no condition'} met`, facts, caller, 'ALLOWED');
      for (const condition of conditions) {
        const variant = callerFor(role, purpose, facts, {
          ...allButOrganisation(grant.when),
          [condition]: false,
        });
        if (variant)
          add(role, category, probe, `${condition} not met`, facts, variant, CONDITIONS[condition].refusal);
        else
          TODO.push(
            `${role} × ${category} (${probe.name}): ${condition} not met — no such organisation in the demo`,
          );
      }
    }
    // The same partner's rows written by another of its organisations (one Mission locale, another's notes).
    for (const probe of ownRowsOnly ? own : []) {
      const found = find(
        role,
        purpose,
        probe,
        { ...allMet(grant.when), OWN_ORGANISATION_ROW: false },
        'ADULT',
      );
      if (found)
        add(
          role,
          category,
          probe,
          'OWN_ORGANISATION_ROW not met (another organisation of the same partner)',
          found[0],
          found[1],
          CONDITIONS.OWN_ORGANISATION_ROW.refusal,
        );
      else
        TODO.push(
          `${role} × ${category} (${probe.name}): OWN_ORGANISATION_ROW not met by an organisation of the same partner — no such person in the test demo`,
        );
    }
    if (
      others.length > 0 &&
      !others.some((probe) => find(role, purpose, probe, allButOrganisation(grant.when), 'ADULT'))
    ) {
      TODO.push(
        `${role} × ${category}: OWN_ORGANISATION_ROW not met — no person of the test demo has another partner's rows and meets ${conditions.join(' + ')}`,
      );
    }
    if (ownRowsOnly && own.length === 0)
      TODO.push(
        `${role} × ${category}: met — ${rule.partner ?? 'no partner'} holds no field of this category yet (only another partner's rows are probed)`,
      );
    // Another partner's rows (interview notes): OWN_ORGANISATION_ROW not met; and, when the role's own partner has
    // no such field, the other conditions too.
    for (const probe of others) {
      const found = find(role, purpose, probe, allButOrganisation(grant.when), 'ADULT');
      if (!found) continue;
      met ??= found;
      const [facts, caller] = found;
      add(
        role,
        category,
        probe,
        'OWN_ORGANISATION_ROW not met (another partner’s rows)',
        facts,
        caller,
        CONDITIONS.OWN_ORGANISATION_ROW.refusal,
      );
      if (
        own.length === 0 &&
        probe === others.find((p) => find(role, purpose, p, allButOrganisation(grant.when), 'ADULT'))
      ) {
        for (const condition of conditions) {
          const variant = callerFor(role, purpose, facts, {
            ...allButOrganisation(grant.when),
            [condition]: false,
          });
          if (variant)
            add(
              role,
              category,
              probe,
              `${condition} and OWN_ORGANISATION_ROW not met`,
              facts,
              variant,
              firstRefusal(grant, [condition, 'OWN_ORGANISATION_ROW']),
            );
        }
      }
    }
    if (!met || probes.every(aboutNoOne)) continue;
    const [metFacts, metCaller] = met;
    const metProbe = [...own, ...others].find((probe) => probe.has(metFacts))!;

    // The declared purpose must fit the category.
    const mismatch = PURPOSES.find((p) => !purposesOf(grant, category).includes(p));
    if (mismatch)
      add(
        role,
        category,
        metProbe,
        `purpose ${mismatch}`,
        metFacts,
        { ...metCaller, purpose: mismatch },
        'PURPOSE_MISMATCH',
      );
    // A professional needs a habilitation in force of their organisation, for that purpose and category.
    if (needsHabilitation(role, category)) {
      if (registerStanding(role, UNREGISTERED_ORG, purpose, category) === 'NONE') {
        add(
          role,
          category,
          metProbe,
          `organisation without habilitation`,
          metFacts,
          { ...metCaller, org: UNREGISTERED_ORG },
          'NO_HABILITATION',
        );
      }
      for (const other of purposesOf(grant, category).filter((p) => p !== purpose)) {
        const standing = registerStanding(role, metCaller.org, other, category);
        if (standing !== 'IN_FORCE') {
          add(
            role,
            category,
            metProbe,
            `purpose ${other}: register ${standing}`,
            metFacts,
            { ...metCaller, purpose: other },
            standing === 'EXPIRED' ? 'HABILITATION_EXPIRED' : 'NO_HABILITATION',
          );
        }
      }
    }
    // No individual record of anyone under 16, except to their own school's staff and to themself.
    if (AGE_RULE.appliesTo.includes(CATEGORIES[category].kind)) {
      const exempt = !ageRuleApplies(category, grant);
      const under = own
        .map((probe) => [probe, find(role, purpose, probe, allMet(grant.when), 'UNDER_16')] as const)
        .find(([, found]) => found !== null);
      if (under)
        add(
          role,
          category,
          under[0],
          exempt ? 'under 16, exempt (own school / self)' : 'under 16, every condition met',
          under[1]![0],
          under[1]![1],
          exempt ? 'ALLOWED' : 'UNDER_16',
        );
    }
  }
  if (
    !SCENARIOS.some((s) => s.role === role && s.title.includes('under 16')) &&
    DATA_CATEGORIES.some(
      (c) => grantOf(role, c) && AGE_RULE.appliesTo.includes(CATEGORIES[c].kind) && !rule.aggregatesOnly,
    )
  ) {
    TODO.push(
      `${role} × every case record: under 16 — no person under 16 of the test demo is followed by this role's organisations`,
    );
  }
}
