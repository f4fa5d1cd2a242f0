/**
 * The access matrix, through the gateway, GENERATED FROM THE POLICY DATA (rules.ts, habilitations.ts):
 * for every role × category that has a probe field, a young person of the demo world and a caller
 * for whom the grant's conditions are MET, and, for each condition, a caller for whom only that
 * condition is NOT MET; then the global rules (purpose, habilitation, age, aggregates only, self,
 * DPO). Then opposition on/off and a PSAD transfer, on the same stack.
 *
 * Each scenario is checked three ways, so that both an engine bug and a wiring bug show:
 *  1. the engine: `decide()` on the subject psad should attest gives what the scenario was built
 *     to provoke (the data's intent: MET → allowed, X not met → CONDITIONS[X].refusal, …);
 *  2. the gateway: the answer is what `decide()` implies for the whole chain — a refusal at the
 *     operation level is made by the gateway (no `serviceName`), a row-level one by the subgraph
 *     owning the field, `young(id)` is null when identity is refused for a reason no follow-up could
 *     change, and a refused field is null with FORBIDDEN, never a silent null;
 *  3. the subgraph alone: where the gateway answers `young: null`, the owning subgraph, called
 *     directly with the gateway's signed context, still refuses the row with the same reason.
 * A few headline cells are also asserted literally, by hand.
 *
 * The expected subject of each person (bassin, age, followers, schools, oppositions, obligation de
 * formation) is computed from the demo world, independently of psad, and compared with what psad
 * actually attests and what each partner reports. Where the 400 people of the test demo hold no
 * example of a cell, a few rows are added (FIXTURES). Cells without a probe field are `it.todo`.

 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { generateWorld } from '../../demo/generate';
import { BASSINS } from '../../platform/reference/territories';
import { stepsOf, type DemoYoung, type OrganisationKind } from '../../demo/world';
import { PURPOSES, ROLES, type Caller, type Purpose, type Role } from '../../platform/auth/claims';
import { signInternalToken } from '../../platform/auth/internal-token';
import { Partner, SUBGRAPHS, SUBGRAPH_NAMES, type SubgraphName } from '../../platform/partners';
import { DEPENDS_ON_ROW, decide, decideWithoutSubject } from '../../platform/policy/engine';
import { habilitationsCovering, standingOn } from '../../platform/policy/habilitations';
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
} from '../../platform/policy/rules';
import { encodeSubject } from '../../platform/policy/subject';
import {
  DATA_CATEGORIES,
  REFUSAL_REASONS,
  type DataCategory,
  type RefusalReason,
  type Subject,
} from '../../platform/policy/types';
import { contractStatus } from '../../subgraphs/cfa/contracts';
import { isInForce } from '../../subgraphs/pjj/events';
import { TEST_DEMO, startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

// ── The world, as the stack loads it, and the day the policy decides on ─────────────────────────

const NOW = new Date();
/** The hub's today: the Paris day of NOW. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(NOW);
const world = generateWorld(TEST_DEMO);
const organisationById = new Map(world.organisations.map((o) => [o.id, o]));
const organisationByCode = new Map(world.organisations.map((o) => [o.code, o]));
const codeOf = (id: string): string => organisationById.get(id)!.code;
const UAI = /^[0-9]{7}[A-Z]$/;

/** Age in whole years on `day` (`YYYY-MM-DD`), written here rather than borrowed from the platform. */
function ageOn(birthDate: string, day: string): number {
  const [year, month, date] = birthDate.split('-').map(Number);
  const [dayYear, dayMonth, dayDate] = day.split('-').map(Number);
  const birthdayPassed = dayMonth > month || (dayMonth === month && dayDate >= date);
  return dayYear - year - (birthdayPassed ? 0 : 1);
}

const FOLLOW_UP_PARTNERS = ['missions-locales', 'e2c', 'cfa', 'agriculture'] as const;
type FollowUpPartner = (typeof FOLLOW_UP_PARTNERS)[number];

/**
 * Rows this test adds to the demo world where the 400 people of the test demo hold no example of a
 * cell: an open PSAD case (its PSAD then follows the person), a closed follow-up with one interview
 * (another partner's rows; closed, so that partner follows no one).
 */
interface Fixture {
  youngId: string;
  psadCase?: { id: string; followerOrg: string };
  closedFollowUp?: { partner: FollowUpPartner; id: string; eventId: string; organisationId: string };
}

interface Facts {
  young: DemoYoung;
  /** What each subgraph reports as following the person (psad: its open cases). */
  followersBy: Record<SubgraphName, string[]>;
  /** The subject psad should attest (no opposition: the matrix runs before any is recorded). */
  subject: Subject;
  /**
   * What psad can attest in the root fetch of `young(id)`, before any partner said who follows the
   * person: its own open cases only, and no school. `young(id)` decides on it whether to answer at all.
   */
  rootSubject: Subject;
  followUpOwners: Set<FollowUpPartner>;
  has: {
    listing: boolean;
    psadCase: boolean;
    enrolment: boolean;
    obligation: boolean;
    contract: boolean;
    signal: boolean;
  };
}

function factsOf(young: DemoYoung, fixture?: Fixture): Facts {
  const by = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, new Set<string>()])) as Record<
    SubgraphName,
    Set<string>
  >;
  for (const step of young.path) {
    if (step.type === 'psad-case' && step.closedOn === null) by.psad.add(step.followerOrg);
    if (step.type === 'enrolment' && step.endedOn === null)
      by['education-nationale'].add(codeOf(step.schoolId));
    if (step.type === 'follow-up' && step.closedOn === null) by[step.owner].add(codeOf(step.organisationId));
    if (step.type === 'apprenticeship' && contractStatus(step, TODAY) === 'ACTIVE')
      by.cfa.add(codeOf(step.cfaId));
    if (step.type === 'pjj-signal' && isInForce(step, TODAY)) by.pjj.add(codeOf(step.unitId));
  }
  // The Mission locale in charge of the obligation de formation (the latest record) follows the person.
  const obligation = stepsOf(young, 'obligation-de-formation').at(-1);
  if (obligation) by['missions-locales'].add(codeOf(obligation.missionLocaleId));
  if (fixture?.psadCase) by.psad.add(fixture.psadCase.followerOrg);
  const followersBy = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, [...by[name]].sort()]),
  ) as Record<SubgraphName, string[]>;
  const age = ageOn(young.birthDate, TODAY);
  const subject: Subject = {
    youngId: young.id,
    bassin: young.bassin,
    age,
    followers: [...new Set(Object.values(followersBy).flat())].sort(),
    // types.ts: "the schools where the person is currently enrolled" — Éducation nationale's enrolments.
    schools: followersBy['education-nationale'].filter((code) => UAI.test(code)),
    oppositions: [],
    obligationDeFormation: age >= 16 && age < 18,
  };
  const followUpOwners = new Set<FollowUpPartner>(stepsOf(young, 'follow-up').map((step) => step.owner));
  if (fixture?.closedFollowUp) followUpOwners.add(fixture.closedFollowUp.partner);
  return {
    young,
    followersBy,
    subject,
    rootSubject: { ...subject, followers: followersBy.psad, schools: [] },
    followUpOwners,
    has: {
      listing: stepsOf(young, 'siei-listing').length > 0,
      psadCase: stepsOf(young, 'psad-case').length > 0 || fixture?.psadCase !== undefined,
      enrolment: stepsOf(young, 'enrolment').length > 0,
      obligation: obligation !== undefined,
      contract: stepsOf(young, 'foquale-contract').length > 0,
      signal: stepsOf(young, 'pjj-signal').some((step) => isInForce(step, TODAY)),
    },
  };
}

const NATURAL = world.youngs.map((young) => factsOf(young));
const isFollowedBy = (facts: Facts, prefix: string) =>
  facts.followersBy.psad.some((code) => code.startsWith(prefix));

// People kept for the opposition and transfer tests, out of the matrix.
const SIRET = /^[0-9]{14}$/;
/**
 * 16 or 17 (the obligation de formation applies), followed by a Mission locale (open PSAD case and
 * follow-up), with an obligation record.
 */
const OPPOSING = NATURAL.find(
  (f) =>
    f.subject.obligationDeFormation &&
    f.has.obligation &&
    f.followersBy.psad.some((code) => SIRET.test(code)) &&
    f.followUpOwners.has('missions-locales'),
)!;
/**
 * 18 or older (no obligation de formation any more), with an obligation record and Mission locale follow-ups.
 */
const OPPOSING_ADULT = NATURAL.find(
  (f) =>
    f.subject.age >= 18 && f.has.obligation && f.followUpOwners.has('missions-locales') && f !== OPPOSING,
)!;
/** 16+, with an open case followed by the PSAD of their bassin. */
const TRANSFERRED = NATURAL.find(
  (f) =>
    f.subject.age >= 16 &&
    isFollowedBy(f, `PSAD-${f.young.bassin}`) &&
    f !== OPPOSING &&
    f !== OPPOSING_ADULT,
)!;
const RESERVED = new Set([OPPOSING, OPPOSING_ADULT, TRANSFERRED].map((f) => f.young.id));

const FOLLOW_UP_ORGANISATION: Record<FollowUpPartner, OrganisationKind> = {
  'missions-locales': 'MISSION_LOCALE',
  e2c: 'E2C_SITE',
  cfa: 'CFA',
  agriculture: 'LYCEE_AGRICOLE',
};
const closedFollowUp = (facts: Facts, partner: FollowUpPartner): Fixture['closedFollowUp'] => ({
  partner,
  id: randomUUID(),
  eventId: randomUUID(),
  organisationId: (world.organisations.find(
    (o) => o.kind === FOLLOW_UP_ORGANISATION[partner] && o.bassin === facts.young.bassin,
  ) ?? world.organisations.find((o) => o.kind === FOLLOW_UP_ORGANISATION[partner]))!.id,
});
const FIXTURES: Fixture[] = (() => {
  const fixtures: Fixture[] = [];
  const free = NATURAL.filter((f) => !RESERVED.has(f.young.id) && f.subject.age >= 16);
  // A FOQUALE contract of a person followed by the PSAD of their bassin, with a second partner's rows.
  const contract =
    free.find(
      (f) => f.has.contract && !isFollowedBy(f, 'PSAD-') && f.followUpOwners.has('missions-locales'),
    ) ?? free.find((f) => f.has.contract && !isFollowedBy(f, 'PSAD-'))!;
  fixtures.push({
    youngId: contract.young.id,
    psadCase: { id: randomUUID(), followerOrg: `PSAD-${contract.young.bassin}` },
    ...(contract.followUpOwners.has('missions-locales')
      ? {}
      : { closedFollowUp: closedFollowUp(contract, 'missions-locales') }),
  });
  const withMissionLocaleRows = (facts: Facts): Fixture => ({
    youngId: facts.young.id,
    closedFollowUp: closedFollowUp(facts, 'missions-locales'),
  });
  const taken = new Set([contract.young.id]);
  // A person the agricultural school follows, with a second partner's rows.
  const agri = free.find(
    (f) =>
      f.followersBy.agriculture.length > 0 && f.followUpOwners.has('agriculture') && !taken.has(f.young.id),
  );
  if (agri && ![...agri.followUpOwners].some((owner) => owner !== 'agriculture'))
    fixtures.push(withMissionLocaleRows(agri));
  if (agri) taken.add(agri.young.id);
  // A person an MLDS or a CIO follows (open PSAD case), with a partner's follow-up rows.
  const network = free.find(
    (f) => f.followersBy.psad.some((code) => UAI.test(code)) && !taken.has(f.young.id),
  );
  if (network && network.followUpOwners.size === 0) fixtures.push(withMissionLocaleRows(network));
  if (network) taken.add(network.young.id);
  // A person a Mission locale follows through an open PSAD case, with its own follow-up and another
  // partner's.
  const adviser = free.find(
    (f) =>
      f.followersBy.psad.some((code) => SIRET.test(code)) &&
      f.followUpOwners.has('missions-locales') &&
      !taken.has(f.young.id),
  );
  if (adviser && adviser.followUpOwners.size === 1)
    fixtures.push({ youngId: adviser.young.id, closedFollowUp: closedFollowUp(adviser, 'e2c') });
  return fixtures;
})();
const FIXTURE_OF = new Map(FIXTURES.map((fixture) => [fixture.youngId, fixture]));
const FACTS = world.youngs.map((young) => factsOf(young, FIXTURE_OF.get(young.id)));
const CANDIDATES = FACTS.filter((f) => !RESERVED.has(f.young.id));
const FACTS_BY_ID = new Map(FACTS.map((f) => [f.young.id, f]));

// ── The policy data, read directly (an oracle independent of the engine's helpers) ──────────────

const grantOf = (role: Role, category: DataCategory): Grant | null =>
  CATEGORIES[category].kind === 'PUBLIC' ? PUBLIC_GRANT : (ROLE_RULES[role].grants[category] ?? null);
const purposesOf = (grant: Grant, category: DataCategory): readonly Purpose[] =>
  grant.purposes ?? CATEGORIES[category].purposes;
const isIndividual = (category: DataCategory): boolean =>
  INDIVIDUAL_KINDS.includes(CATEGORIES[category].kind);
const needsHabilitation = (role: Role, category: DataCategory): boolean =>
  ROLE_RULES[role].actsAs === 'PROFESSIONAL' &&
  HABILITATION_RULE.appliesTo.includes(CATEGORIES[category].kind);
const ageRuleApplies = (category: DataCategory, grant: Grant): boolean =>
  AGE_RULE.appliesTo.includes(CATEGORIES[category].kind) &&
  !grant.when.some((condition) => AGE_RULE.exemptWhen.includes(condition));

/** The register, read for one organisation: IN_FORCE, EXPIRED (only expired entries cover it) or NONE. */
function registerStanding(
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

const codesOfKind = (...kinds: OrganisationKind[]) =>
  world.organisations.filter((o) => kinds.includes(o.kind)).map((o) => o.code);
const ROLE_ORGANISATIONS: Record<Role, string[]> = {
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
const DEFAULT_PURPOSE = (role: Role): Purpose =>
  role === 'dashboard' || role === 'dpo' ? 'PILOTAGE_AGREGE' : 'ACCOMPAGNEMENT';
/** An organisation code that no entry of the register names (except the DPO's `*`). */
const UNREGISTERED_ORG = 'ORGANISATION-SANS-HABILITATION';

const bassinOfOrg = (code: string): string | undefined =>
  code.startsWith('PSAD-') ? code.slice(5) : organisationByCode.get(code)?.bassin;
const otherBassin = (bassin: string) => BASSINS.find((b) => b.code !== bassin)!.code;
const someoneElse = (facts: Facts) => FACTS.find((f) => f.young.id !== facts.young.id)!.young.id;

type Want = Partial<Record<Exclude<Condition, 'OWN_PARTNER_ROW'>, boolean>>;

/**
 * A caller of `role` for whom each condition in `want` holds or not on this person; null when the demo has no
 * such organisation.
 */
function callerFor(role: Role, purpose: Purpose, facts: Facts, want: Want): Caller | null {
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
  const org = pool.find((code) => bassinOfOrg(code) === facts.young.bassin) ?? pool[0];
  return org ? { sub: `matrix-${role}`, role, org, territories, purpose } : null;
}

// ── Probes: the fields that show each category ──────────────────────────────────────────────────

interface Level {
  /** Response key under the parent (the field name, or the alias of a root field). */
  field: string;
  category: DataCategory;
  owner: Partner;
  /** `Type.field` as the refusal names it. */
  guarded: string;
}

interface Probe {
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

const youngProbe = (
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

const followUpsField = (partner: FollowUpPartner) => `${SUBGRAPHS[partner].fieldPrefix}FollowUps`;
const detailProbe = (partner: FollowUpPartner): Probe => ({
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
    },
  ],
  place: 'YOUNG',
  has: (facts) => facts.followUpOwners.has(partner),
});

const PROBES: Probe[] = [
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
];
const aboutNoOne = (probe: Probe) => probe.place === 'ROOT';
const lastLevel = (probe: Probe) => probe.levels[probe.levels.length - 1];
const subgraphOf = (partner: Partner): SubgraphName =>
  SUBGRAPH_NAMES.find((name) => SUBGRAPHS[name].partner === partner)!;

// ── Scenarios, generated from the policy data ───────────────────────────────────────────────────

type Outcome = 'ALLOWED' | RefusalReason;

interface Scenario {
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

const SCENARIOS: Scenario[] = [];
/** Cells (or parts of cells) the test cannot probe yet, with why. */
const TODO: string[] = [];

function add(
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
function find(
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
    const caller = callerFor(role, purpose, facts, want);
    if (caller) return [facts, caller];
  }
  return null;
}

/**
 * The purpose under which the role's organisations hold a habilitation in force for the category (or need
 * none).
 */
function workingPurpose(role: Role, category: DataCategory, grant: Grant): Purpose | null {
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

const allMet = (conditions: readonly Condition[]): Want =>
  Object.fromEntries(conditions.filter((c) => c !== 'OWN_PARTNER_ROW').map((c) => [c, true]));
/** The refusal of the first condition of the grant, in the grant's order, among those not met. */
const firstRefusal = (grant: Grant, unmet: Condition[]): RefusalReason =>
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
    const conditions = grant.when.filter(
      (c): c is Exclude<Condition, 'OWN_PARTNER_ROW'> => c !== 'OWN_PARTNER_ROW',
    );
    const ownRowsOnly = grant.when.includes('OWN_PARTNER_ROW');
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
        const variant = callerFor(role, purpose, facts, { ...allMet(grant.when), [condition]: false });
        if (variant)
          add(role, category, probe, `${condition} not met`, facts, variant, CONDITIONS[condition].refusal);
        else
          TODO.push(
            `${role} × ${category} (${probe.name}): ${condition} not met — no such organisation in the demo`,
          );
      }
    }
    if (
      others.length > 0 &&
      !others.some((probe) => find(role, purpose, probe, allMet(grant.when), 'ADULT'))
    ) {
      TODO.push(
        `${role} × ${category}: OWN_PARTNER_ROW not met — no person of the test demo has another partner's rows and meets ${conditions.join(' + ')}`,
      );
    }
    if (ownRowsOnly && own.length === 0)
      TODO.push(
        `${role} × ${category}: met — ${rule.partner ?? 'no partner'} holds no field of this category yet (only another partner's rows are probed)`,
      );
    // Another partner's rows (interview notes): OWN_PARTNER_ROW not met; and, when the role's own partner has
    // no such field, the other conditions too.
    for (const probe of others) {
      const found = find(role, purpose, probe, allMet(grant.when), 'ADULT');
      if (!found) continue;
      met ??= found;
      const [facts, caller] = found;
      add(
        role,
        category,
        probe,
        'OWN_PARTNER_ROW not met (another partner’s rows)',
        facts,
        caller,
        CONDITIONS.OWN_PARTNER_ROW.refusal,
      );
      if (
        own.length === 0 &&
        probe === others.find((p) => find(role, purpose, p, allMet(grant.when), 'ADULT'))
      ) {
        for (const condition of conditions) {
          const variant = callerFor(role, purpose, facts, { ...allMet(grant.when), [condition]: false });
          if (variant)
            add(
              role,
              category,
              probe,
              `${condition} and OWN_PARTNER_ROW not met`,
              facts,
              variant,
              firstRefusal(grant, [condition, 'OWN_PARTNER_ROW']),
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

// ── Running the scenarios ───────────────────────────────────────────────────────────────────────

interface Observation {
  outcome: Outcome | 'UNREACHABLE' | 'SILENT_NULL' | 'NO_ROW' | `MIXED:${string}`;
  /** Which level of the probe refused (0: the field under Young, 1: its child). */
  level?: number;
  /** Who refused: the gateway, before any subgraph was called, or the subgraph holding the row. */
  by?: 'gateway' | 'subgraph';
}

type GraphQLError = NonNullable<GraphQLAnswer['errors']>[number];

/** The values found at `path` under `node`, through lists. */
function valuesAt(node: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [node];
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path));
  if (node === null || typeof node !== 'object') return [];
  return valuesAt((node as Record<string, unknown>)[path[0]], path.slice(1));
}

/**
 * What an answer shows for one probe. `prefix` is where the probe's first field sits: `["y3"]`
 * (the alias of `young(id:)`), `["_entities", 2]`, or, for a root field, `["l3"]` (its own alias).
 */
function observe(
  answer: GraphQLAnswer,
  prefix: (string | number)[],
  probe: Probe,
  leaks: string[],
  viaGateway = true,
): Observation {
  const atRoot = probe.place !== 'YOUNG';
  // The response keys of the probe's levels below `base`.
  const base = atRoot ? prefix.slice(0, -1) : prefix;
  const keys = probe.levels.map((level, i) =>
    atRoot && i === 0 ? String(prefix[prefix.length - 1]) : level.field,
  );
  const starts = (path: (string | number)[]) => base.every((part, i) => path[i] === part);
  const node = base.reduce<unknown>(
    (value, part) => (value as Record<string, unknown> | null | undefined)?.[part as string],
    answer.data,
  );
  const forbidden = (answer.errors ?? []).filter(
    (e: GraphQLError) => e.extensions?.code === 'FORBIDDEN' && e.path && starts(e.path),
  );
  for (let level = 0; level < probe.levels.length; level++) {
    const path = keys.slice(0, level + 1);
    const matching = forbidden.filter((e) => {
      const rest = e.path!.slice(base.length).filter((part): part is string => typeof part === 'string');
      return (
        e.extensions!.field === probe.levels[level].guarded && JSON.stringify(rest) === JSON.stringify(path)
      );
    });
    if (matching.length === 0) continue;
    if (valuesAt(node, path).some((value) => value !== null && value !== undefined))
      leaks.push(`${probe.name}: refused at level ${level} but data returned`);
    if (matching.some((e) => e.extensions!.category !== probe.levels[level].category))
      leaks.push(`${probe.name}: refusal names the wrong category`);
    const reasons = [...new Set(matching.map((e) => String(e.extensions!.reason)))];
    const outcome =
      reasons.length === 1 ? (reasons[0] as RefusalReason) : (`MIXED:${reasons.join(',')}` as const);
    // Through the gateway, a subgraph's error carries its `serviceName`; the gateway's own refusals do not.
    if (!viaGateway) return { outcome, level };
    return {
      outcome,
      level,
      by: matching.every((e) => e.extensions!.serviceName === undefined) ? 'gateway' : 'subgraph',
    };
  }
  if (!atRoot && (node === null || node === undefined)) return { outcome: 'UNREACHABLE' };
  const values = valuesAt(node, keys);
  if (values.length === 0) return { outcome: 'NO_ROW' };
  return values.every((value) => value !== null && value !== undefined)
    ? { outcome: 'ALLOWED' }
    : { outcome: 'SILENT_NULL' };
}

/**
 * `young(id)` answers at all: identity allowed, or refused only for want of a follow-up (psad's young
 * resolver), decided in the root fetch.
 */
const findable = (caller: Caller, facts: Facts) => {
  const identity = decide({
    caller,
    category: 'IDENTITY',
    owner: Partner.PSAD,
    subject: facts.rootSubject,
    now: NOW,
  });
  return identity.allowed || identity.reason === 'NOT_FOLLOWING';
};

/** What the engine implies for the whole probe through the gateway. */
function expectedThroughGateway(scenario: Scenario): Observation {
  const { caller, probe } = scenario;
  const reachable = probe.place !== 'YOUNG' || findable(caller, scenario.facts);
  // Outermost first: a field the gateway prunes takes its children with it; a row a subgraph refuses hides
  // its children too.
  for (const [level, { category, owner }] of probe.levels.entries()) {
    const operation = decideWithoutSubject(caller, category, NOW);
    if (operation !== DEPENDS_ON_ROW && !operation.allowed)
      return { outcome: operation.reason, level, by: 'gateway' };
    if (!reachable) continue;
    const decision = decide({
      caller,
      category,
      owner,
      subject: aboutNoOne(probe) ? null : scenario.facts.subject,
      now: NOW,
    });
    if (!decision.allowed) return { outcome: decision.reason, level, by: 'subgraph' };
  }
  return reachable ? { outcome: 'ALLOWED' } : { outcome: 'UNREACHABLE' };
}

/** What the engine implies when the owning subgraph is called directly with the full subject. */
function expectedDirectly(scenario: Scenario): Observation {
  for (const [level, { category, owner }] of scenario.probe.levels.entries()) {
    const decision = decide({
      caller: scenario.caller,
      category,
      owner,
      subject: scenario.facts.subject,
      now: NOW,
    });
    if (!decision.allowed) return { outcome: decision.reason, level };
  }
  return { outcome: 'ALLOWED' };
}

const engineOutcome = (scenario: Scenario): Outcome => {
  const decision = decide({
    caller: scenario.caller,
    category: scenario.category,
    owner: lastLevel(scenario.probe).owner,
    subject: aboutNoOne(scenario.probe) ? null : scenario.facts.subject,
    now: NOW,
  });
  return decision.allowed ? 'ALLOWED' : decision.reason;
};

let hub: TestHub;
const followerRepresentation = (facts: Facts) => ({
  __typename: 'Young',
  id: facts.young.id,
  ...Object.fromEntries(
    SUBGRAPH_NAMES.filter((name) => name !== 'psad').map((name) => [
      `${SUBGRAPHS[name].fieldPrefix}Followers`,
      facts.followersBy[name],
    ]),
  ),
});

/** Queries a subgraph directly, with the context the gateway would sign for `caller`. */
async function direct(
  name: SubgraphName,
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLAnswer> {
  const internalToken = (body: string) =>
    signInternalToken({ caller, requestId: randomUUID() }, name, hub.keys.internal.privateKey, body);
  return hub.querySubgraph(name, query, variables, { internalToken });
}

async function withSuperuser<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: hub.stack.cluster!.superuserUrlFor(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function applyFixtures(): Promise<void> {
  for (const fixture of FIXTURES) {
    if (fixture.psadCase) {
      await withSuperuser(SUBGRAPHS.psad.database, (client) =>
        client.query(
          `INSERT INTO psad_case (id, young_id, campaign, status, follower_org, follower_name, opened_on, closed_on)
           VALUES ($1, $2, '2026-S1', 'CONTACTED', $3, 'Plateforme (matrix fixture)', '2026-10-01', NULL)`,
          [fixture.psadCase!.id, fixture.youngId, fixture.psadCase!.followerOrg],
        ),
      );
    }
    if (fixture.closedFollowUp) {
      const { partner, id, eventId, organisationId } = fixture.closedFollowUp;
      await withSuperuser(SUBGRAPHS[partner].database, async (client) => {
        await client.query(
          `INSERT INTO follow_up (id, young_id, organisation_id, offer_id, programme, opened_on, closed_on, outcome) VALUES ($1, $2, $3, NULL, 'PACEA', '2025-01-06', '2025-06-30', 'COMPLETED')`,
          [id, fixture.youngId, organisationId],
        );
        await client.query(
          `INSERT INTO follow_up_event (id, follow_up_id, young_id, at, kind, summary) VALUES ($1, $2, $3, '2025-02-03T09:00:00Z', 'INTERVIEW', 'Entretien (matrix fixture)')`,
          [eventId, id, fixture.youngId],
        );
      });
    }
  }
}

beforeAll(async () => {
  hub = await startTestHub();
  await applyFixtures();
});

afterAll(async () => {
  await hub?.stop();
});

const tokenOf = (caller: Caller) => hub.tokenFor(caller);

describe('the access matrix through the gateway, generated from rules.ts and habilitations.ts', () => {
  const gateway = new Map<string, Observation>();
  const bypass = new Map<string, Observation>();
  const leaks: string[] = [];

  beforeAll(async () => {
    // Same world as the stack's.
    expect(hub.stack.world!.youngs.map((y) => y.id)).toEqual(world.youngs.map((y) => y.id));
    const byCaller = new Map<string, Scenario[]>();
    for (const scenario of SCENARIOS) {
      const key = JSON.stringify(scenario.caller);
      byCaller.set(key, [...(byCaller.get(key) ?? []), scenario]);
    }
    // One request per caller: every person it is probed on under an alias, every probe's selection under it.
    await Promise.all(
      [...byCaller.values()].map(async (scenarios) => {
        const people = [
          ...new Set(scenarios.filter((s) => !aboutNoOne(s.probe)).map((s) => s.facts.young.id)),
        ];
        const index = (id: string) => people.indexOf(id);
        const young = people.flatMap((id) => {
          const fields = [
            ...new Set(
              scenarios
                .filter((s) => s.probe.place === 'YOUNG' && s.facts.young.id === id)
                .map((s) => s.probe.selection),
            ),
          ];
          return fields.length > 0 ? [`y${index(id)}: young(id: "${id}") { id ${fields.join(' ')} }`] : [];
        });
        const personal = [
          ...new Set(
            scenarios
              .filter((s) => s.probe.place === 'PERSON_ROOT')
              .map(
                (s) => `r${index(s.facts.young.id)}: ${s.probe.selection.replace('$ID', s.facts.young.id)}`,
              ),
          ),
        ];
        const roots = [
          ...new Set(scenarios.filter((s) => aboutNoOne(s.probe)).map((s) => s.probe.selection)),
        ];
        const answer = await hub.query(`{ ${[...young, ...personal, ...roots].join('\n')} }`, undefined, {
          token: await tokenOf(scenarios[0].caller),
        });
        expect(answer.status).toBe(200);
        const prefixOf = (s: Scenario) => [
          s.probe.place === 'YOUNG'
            ? `y${index(s.facts.young.id)}`
            : s.probe.place === 'PERSON_ROOT'
              ? `r${index(s.facts.young.id)}`
              : s.probe.levels[0].field,
        ];
        for (const s of scenarios) gateway.set(s.key, observe(answer, prefixOf(s), s.probe, leaks));
      }),
    );
    // Where the gateway answers `young: null`, ask the subgraph holding the field directly: it must refuse
    // the row on its own.
    const unreachable = SCENARIOS.filter(
      (s) => gateway.get(s.key)?.outcome === 'UNREACHABLE' && s.probe.levels.length === 1,
    );
    const bySubgraph = new Map<string, Scenario[]>();
    for (const s of unreachable) {
      const key = `${subgraphOf(s.probe.levels[0].owner)}|${JSON.stringify(s.caller)}`;
      bySubgraph.set(key, [...(bySubgraph.get(key) ?? []), s]);
    }
    await Promise.all(
      [...bySubgraph.entries()].map(async ([key, scenarios]) => {
        const name = key.slice(0, key.indexOf('|')) as SubgraphName;
        const people = [...new Set(scenarios.map((s) => s.facts.young.id))];
        const representations = people.map((id) => {
          const facts = FACTS_BY_ID.get(id)!;
          return name === 'psad'
            ? followerRepresentation(facts)
            : { __typename: 'Young', id, accessSubject: encodeSubject(facts.subject) };
        });
        const fields = [...new Set(scenarios.map((s) => s.probe.selection))];
        const answer = await direct(
          name,
          scenarios[0].caller,
          `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { ${fields.join(' ')} } } }`,
          { r: representations },
        );
        for (const s of scenarios)
          bypass.set(
            s.key,
            observe(answer, ['_entities', people.indexOf(s.facts.young.id)], s.probe, leaks, false),
          );
      }),
    );
  });

  it('covers every role × category: a scenario for each cell that has a probe field, a todo for the others', () => {
    const probed = new Set(SCENARIOS.map((s) => `${s.role}|${s.category}`));
    const missing = ROLES.flatMap((role) =>
      DATA_CATEGORIES.filter(
        (category) =>
          !probed.has(`${role}|${category}`) &&
          !TODO.some((todo) => todo.startsWith(`${role} × ${category}:`)),
      ).map((category) => `${role} × ${category}`),
    );
    expect(missing).toEqual([]);
    // Every refusal reason a read can get is provoked at least once (OPPOSITION: in the opposition tests
    // below;
    // NOT_OWN_ORGANISATION is a write's, provoked by the partner-write tests).
    const provoked = new Set(SCENARIOS.map((s) => s.intended));
    expect(
      REFUSAL_REASONS.filter(
        (reason) => reason !== 'OPPOSITION' && reason !== 'NOT_OWN_ORGANISATION' && !provoked.has(reason),
      ),
    ).toEqual([]);
  });

  it('psad attests, for every person the matrix decides on, the subject the matrix expects; each partner reports the followers the world implies', async () => {
    const people = [...new Set(SCENARIOS.map((s) => s.facts.young.id))].map((id) => FACTS_BY_ID.get(id)!);
    const representations = people.map((f) => ({ __typename: 'Young', id: f.young.id }));
    const reported = new Map<string, Record<string, string[]>>(people.map((f) => [f.young.id, {}]));
    for (const name of SUBGRAPH_NAMES.filter((n) => n !== 'psad')) {
      const field = `${SUBGRAPHS[name].fieldPrefix}Followers`;
      const answer = await hub.querySubgraph(
        name,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { id ${field} } } }`,
        { r: representations },
      );
      expect(answer.errors).toBeUndefined();
      const entities = answer.data!._entities as Record<string, string[]>[];
      people.forEach((f, i) => {
        expect({ id: f.young.id, [field]: entities[i][field] }).toEqual({
          id: f.young.id,
          [field]: f.followersBy[name],
        });
        reported.get(f.young.id)![field] = entities[i][field];
      });
    }
    const answer = await hub.querySubgraph(
      'psad',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { accessSubject } } }`,
      {
        r: people.map((f) => ({ __typename: 'Young', id: f.young.id, ...reported.get(f.young.id) })),
      },
    );
    expect(answer.errors).toBeUndefined();
    const attested = (answer.data!._entities as { accessSubject: string }[]).map(
      (e) => JSON.parse(e.accessSubject) as Subject,
    );
    expect(attested).toEqual(people.map((f) => f.subject));
  });

  it('never returns data next to a refusal, nor a refusal naming another category', () => {
    expect(leaks).toEqual([]);
  });

  for (const role of ROLES) {
    describe(role, () => {
      for (const scenario of SCENARIOS.filter((s) => s.role === role)) {
        const title = `${scenario.category}: ${scenario.title} → ${scenario.intended}`;
        const expected = expectedThroughGateway(scenario);
        it(title, () => {
          // 1. The engine gives what the policy data says for this scenario.
          expect(engineOutcome(scenario)).toBe(scenario.intended);
          // 2. The gateway answers what the engine implies, every subgraph deciding on the full subject.
          expect(gateway.get(scenario.key)).toEqual(expected);
          // 3. Where the person is out of reach, the subgraph holding the field refuses the row on its own
          // (or serves it, when allowed).
          if (bypass.has(scenario.key)) expect(bypass.get(scenario.key)).toEqual(expectedDirectly(scenario));
        });
      }
      for (const todo of TODO.filter((t) => t.startsWith(`${role} × `))) it.todo(todo);
    });
  }
});

// ── Headline cells, asserted literally (not through the engine) ────────────────────────────────

const forbiddenOn = (answer: GraphQLAnswer, field: string) =>
  (answer.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions.field === field);
const reasonsOn = (answer: GraphQLAnswer, field: string) =>
  forbiddenOn(answer, field).map((e) => e.extensions!.reason);
const ask = async (caller: Caller, query: string, variables?: Record<string, unknown>) =>
  hub.query(query, variables, { token: await tokenOf(caller) });
const professional = (
  role: Role,
  org: string,
  territories: string[],
  purpose: Purpose = 'ACCOMPAGNEMENT',
): Caller => ({ sub: `headline-${role}`, role, org, territories, purpose });
const selfOf = (facts: Facts): Caller => ({
  sub: facts.young.id,
  role: 'young',
  org: 'SELF',
  territories: [],
  purpose: 'ACCOMPAGNEMENT',
});
const DPO: Caller = {
  sub: 'dpo-academie',
  role: 'dpo',
  org: 'DPD-ACADEMIE-GRENOBLE',
  territories: [],
  purpose: 'PILOTAGE_AGREGE',
};

describe('headline cells, asserted literally', () => {
  const adult = CANDIDATES.find((f) => f.subject.age >= 16 && f.has.psadCase)!;
  const under16 = CANDIDATES.find((f) => f.subject.age < 16 && f.subject.schools.length > 0)!;

  it('a PSAD coordinator sees the identity of a 16+ resident of its bassin; the coordinator of another bassin does not even learn the person exists', async () => {
    const here = await ask(
      professional('psad-coordinator', `PSAD-${adult.young.bassin}`, [adult.young.bassin]),
      `{ young(id: "${adult.young.id}") { firstName psadCases { status } } }`,
    );
    expect(here.errors).toBeUndefined();
    expect(here.data!.young).toMatchObject({ firstName: adult.young.firstName });
    const elsewhere = otherBassin(adult.young.bassin);
    const there = await ask(
      professional('psad-coordinator', `PSAD-${elsewhere}`, [elsewhere]),
      `{ young(id: "${adult.young.id}") { firstName } }`,
    );
    expect(there).toMatchObject({ data: { young: null } });
    expect(there.errors).toBeUndefined();
  });

  it('E2C staff who do not follow the person: identity null with FORBIDDEN NOT_FOLLOWING (the README example)', async () => {
    const e2c = ROLE_ORGANISATIONS['e2c-staff'].find((code) => !adult.subject.followers.includes(code))!;
    const answer = await ask(
      professional('e2c-staff', e2c, [adult.young.bassin]),
      `{ young(id: "${adult.young.id}") { firstName } }`,
    );
    expect(answer.data!.young).toEqual({ firstName: null });
    expect(forbiddenOn(answer, 'Young.firstName')).toEqual([
      expect.objectContaining({
        path: ['young', 'firstName'],
        extensions: expect.objectContaining({
          code: 'FORBIDDEN',
          reason: 'NOT_FOLLOWING',
          category: 'IDENTITY',
          serviceName: 'psad',
        }),
      }),
    ]);
  });

  it('a dashboard gets AGGREGATES_ONLY from the gateway on every personal field, and the offers', async () => {
    const answer = await ask(
      professional('dashboard', 'RECTORAT-GRENOBLE', [adult.young.bassin], 'PILOTAGE_AGREGE'),
      `{ young(id: "${adult.young.id}") { firstName enrolments { id } } offers(first: 1) { totalCount } }`,
    );
    expect(answer.data!.offers.totalCount).toBeGreaterThan(0);
    for (const field of ['Young.firstName', 'Young.enrolments']) {
      expect(
        forbiddenOn(answer, field).map((e) => [e.extensions!.reason, e.extensions!.serviceName]),
      ).toEqual([['AGGREGATES_ONLY', undefined]]);
    }
  });

  it('a PSAD coordinator declaring PILOTAGE_AGREGE gets PURPOSE_MISMATCH from the gateway, before any subgraph is asked', async () => {
    const answer = await ask(
      professional('psad-coordinator', `PSAD-${adult.young.bassin}`, [adult.young.bassin], 'PILOTAGE_AGREGE'),
      `{ young(id: "${adult.young.id}") { firstName } }`,
    );
    // psad refuses the person too (young: null), so the error can only come from the gateway.
    expect(answer.data).toEqual({ young: null });
    expect(
      forbiddenOn(answer, 'Young.firstName').map((e) => [e.extensions!.reason, e.extensions!.serviceName]),
    ).toEqual([['PURPOSE_MISMATCH', undefined]]);
  });

  it('CFA staff declaring SUIVI_OF: the experimental habilitation expired on 2026-08-31, HABILITATION_EXPIRED; an organisation outside the register: NO_HABILITATION', async () => {
    const apprentice = CANDIDATES.find((f) => f.followersBy.cfa.length > 0 && f.subject.age >= 16)!;
    const expired = await ask(
      professional('cfa-staff', apprentice.followersBy.cfa[0], [apprentice.young.bassin], 'SUIVI_OF'),
      `{ young(id: "${apprentice.young.id}") { firstName } }`,
    );
    expect(reasonsOn(expired, 'Young.firstName')).toEqual(['HABILITATION_EXPIRED']);
    const unregistered = await ask(
      professional('cfa-staff', UNREGISTERED_ORG, [apprentice.young.bassin]),
      `{ young(id: "${apprentice.young.id}") { firstName } }`,
    );
    expect(reasonsOn(unregistered, 'Young.firstName')).toEqual(['NO_HABILITATION']);
  });

  it('the DPO gets no case content, not even the identity: ROLE_NOT_GRANTED, and young(id) is null', async () => {
    const answer = await ask(
      DPO,
      `{ young(id: "${adult.young.id}") { firstName psadCases { status } enrolments { id } } }`,
    );
    expect(answer.data).toEqual({ young: null });
    for (const field of ['Young.firstName', 'Young.psadCases', 'Young.enrolments'])
      expect(reasonsOn(answer, field)).toEqual(['ROLE_NOT_GRANTED']);
  });

  it('a young person sees their own record, and nothing of anyone else (NOT_SELF where the record is reached)', async () => {
    const own = await ask(selfOf(adult), `{ young(id: "${adult.young.id}") { firstName } }`);
    expect(own).toMatchObject({ data: { young: { firstName: adult.young.firstName } } });
    expect(own.errors).toBeUndefined();
    const other = await ask(selfOf(adult), `{ young(id: "${under16.young.id}") { firstName } }`);
    expect(other.data).toEqual({ young: null });
    const direct_ = await direct(
      'psad',
      selfOf(adult),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { firstName } } }',
      { r: [followerRepresentation(under16)] },
    );
    expect(direct_.data).toEqual({ _entities: [{ firstName: null }] });
    expect(direct_.errors?.map((e) => e.extensions?.reason)).toEqual(['NOT_SELF']);
  });

  it('under 16: their own school’s référent sees them; a PSAD coordinator of their bassin gets null, and UNDER_16 from psad itself', async () => {
    const school = under16.subject.schools[0];
    const referent = await ask(
      professional('en-referent', school, [under16.young.bassin]),
      `{ young(id: "${under16.young.id}") { firstName } }`,
    );
    expect(referent).toMatchObject({ data: { young: { firstName: under16.young.firstName } } });
    const coordinator = professional('psad-coordinator', `PSAD-${under16.young.bassin}`, [
      under16.young.bassin,
    ]);
    expect((await ask(coordinator, `{ young(id: "${under16.young.id}") { firstName } }`)).data).toEqual({
      young: null,
    });
    const direct_ = await direct(
      'psad',
      coordinator,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { firstName } } }',
      { r: [followerRepresentation(under16)] },
    );
    expect(direct_.errors?.map((e) => e.extensions?.reason)).toEqual(['UNDER_16']);
  });

  it('the caseload holds no one under 16 either: not as a hub id, a count or a match of a name filter', async () => {
    const coordinator = professional('psad-coordinator', `PSAD-${under16.young.bassin}`, [
      under16.young.bassin,
    ]);
    const answer = await ask(
      coordinator,
      `query ($name: String!) { youngs(filter: { name: $name }, first: 100) { totalCount nodes { id } } }`,
      { name: under16.young.lastName },
    );
    expect(answer.errors).toBeUndefined();
    const ids = (answer.data!.youngs.nodes as { id: string }[]).map((node) => node.id);
    expect(ids).not.toContain(under16.young.id);
    expect(ids.every((id) => FACTS_BY_ID.get(id)!.subject.age >= 16)).toBe(true);
    expect(answer.data!.youngs.totalCount).toBe(ids.length);
  });

  it('a référent whose organisation follows the person without being their school (an MLDS or a CIO with an open PSAD case) does not get OWN_SCHOOL', async () => {
    const followed = CANDIDATES.find(
      (f) =>
        f.subject.age >= 16 &&
        f.followersBy.psad.some((code) => UAI.test(code) && !f.subject.schools.includes(code)),
    )!;
    const network = followed.followersBy.psad.find((code) => UAI.test(code))!;
    const answer = await ask(
      professional('en-referent', network, [followed.young.bassin]),
      `{ young(id: "${followed.young.id}") { firstName } }`,
    );
    expect(answer.data!.young).toEqual({ firstName: null });
    expect(reasonsOn(answer, 'Young.firstName')).toEqual(['NOT_FOLLOWING']);
  });

  it('a Mission locale adviser sees the interview notes of its own follow-ups, and never those of another partner (ROLE_NOT_GRANTED)', async () => {
    // Followed by the Mission locale through an open PSAD case, which psad's attestation carries (see the
    // known bug above).
    const followed = CANDIDATES.find(
      (f) =>
        f.subject.age >= 16 &&
        f.followUpOwners.has('missions-locales') &&
        f.followersBy.psad.some((code) => SIRET.test(code)) &&
        [...f.followUpOwners].some((o) => o !== 'missions-locales'),
    )!;
    const other = [...followed.followUpOwners].find((o) => o !== 'missions-locales')!;
    const adviser = professional(
      'ml-advisor',
      followed.followersBy.psad.find((code) => SIRET.test(code))!,
      [followed.young.bassin],
    );
    const answer = await ask(
      adviser,
      `{ young(id: "${followed.young.id}") { missionsLocalesFollowUps { events { summary } } ${followUpsField(other)} { id events { summary } } } }`,
    );
    expect(
      forbiddenOn(answer, 'FollowUp.events').every(
        (e) => e.path![1] === followUpsField(other) && e.extensions!.reason === 'ROLE_NOT_GRANTED',
      ),
    ).toBe(true);
    expect(forbiddenOn(answer, 'FollowUp.events')).toHaveLength(
      (answer.data!.young[followUpsField(other)] as unknown[]).length,
    );
    expect(
      (answer.data!.young.missionsLocalesFollowUps as { events: unknown[] | null }[]).every((f) =>
        Array.isArray(f.events),
      ),
    ).toBe(true);
  });

  it('a Mission locale adviser sees the follow-ups of a person its Mission locale follows (through its own follow-up, no PSAD case)', async () => {
    const followed = CANDIDATES.find(
      (f) =>
        f.subject.age >= 16 &&
        f.followersBy['missions-locales'].length > 0 &&
        !f.followersBy.psad.some((code) => SIRET.test(code)) &&
        f.followUpOwners.has('missions-locales'),
    )!;
    const answer = await ask(
      professional('ml-advisor', followed.followersBy['missions-locales'][0], [followed.young.bassin]),
      `{ young(id: "${followed.young.id}") { firstName missionsLocalesFollowUps { id } } }`,
    );
    expect(answer.errors).toBeUndefined();
  });
});

// ── Opposition on/off ───────────────────────────────────────────────────────────────────────────

const RECORD = `mutation ($id: ID!, $partner: Partner!) { recordOpposition(youngId: $id, partner: $partner) { id partner inForce recordedAt withdrawnAt } }`;
const WITHDRAW = `mutation ($id: ID!, $partner: Partner!) { withdrawOpposition(youngId: $id, partner: $partner) { id partner inForce recordedAt withdrawnAt } }`;
const oppositionRows = (youngId: string) =>
  withSuperuser(
    SUBGRAPHS.psad.database,
    async (client) =>
      (
        await client.query(
          'SELECT partner, recorded_by, withdrawn_at FROM opposition WHERE young_id = $1 ORDER BY recorded_at, id',
          [youngId],
        )
      ).rows,
  );

/** The outcome of one field for one caller, through the gateway: the data, or the refusal's reason. */
async function outcomeOf(
  caller: Caller,
  facts: Facts,
  field: string,
  selection: string,
): Promise<Outcome | 'UNREACHABLE'> {
  const answer = await ask(caller, `{ young(id: "${facts.young.id}") { ${selection} } }`);
  if (answer.data?.young === null) return 'UNREACHABLE';
  const reasons = reasonsOn(answer, `Young.${field}`);
  if (reasons.length > 0) {
    expect(answer.data!.young[field]).toBeNull();
    return reasons[0] as RefusalReason;
  }
  expect(answer.data!.young[field]).not.toBeNull();
  return 'ALLOWED';
}

describe('opposition: recorded by the person (or the DPO on their behalf), it hides a partner’s rows from the other partners until withdrawn', () => {
  const person = OPPOSING;
  const bassin = person.young.bassin;
  const self = selfOf(person);
  // The Mission locale that follows the person (open PSAD case and follow-up), and two other partners'
  // callers.
  const adviser = professional(
    'ml-advisor',
    person.followersBy.psad.find((code) => SIRET.test(code))!,
    [bassin],
  );
  const coordinator = professional('psad-coordinator', `PSAD-${bassin}`, [bassin]);
  const network = professional(
    'foquale-network',
    ROLE_ORGANISATIONS['foquale-network'].find((code) => bassinOfOrg(code) === bassin)!,
    [bassin],
  );
  const FIELDS: [string, string, Partner, DataCategory][] = [
    ['firstName', 'firstName', Partner.PSAD, 'IDENTITY'],
    [
      'missionsLocalesFollowUps',
      'missionsLocalesFollowUps { id }',
      Partner.MISSIONS_LOCALES,
      'FOLLOW_UP_SUMMARY',
    ],
    [
      'obligationDeFormation',
      'obligationDeFormation { status }',
      Partner.MISSIONS_LOCALES,
      'OBLIGATION_FORMATION',
    ],
  ];
  const CALLERS: [string, Caller][] = [
    ['the Mission locale (the partner opposed to)', adviser],
    ['the PSAD coordinator', coordinator],
    ['the FOQUALE network', network],
    ['the person', self],
  ];

  /**
   * Every caller × field through the gateway, with what the engine says on the subject carrying these
   * oppositions; returns the literal table.
   */
  async function views(
    oppositions: Partner[],
  ): Promise<Record<string, Record<string, Outcome | 'UNREACHABLE'>>> {
    const subject: Subject = { ...person.subject, oppositions };
    const table: Record<string, Record<string, Outcome | 'UNREACHABLE'>> = {};
    for (const [name, caller] of CALLERS) {
      table[name] = {};
      const reachable = (() => {
        const identity = decide({
          caller,
          category: 'IDENTITY',
          owner: Partner.PSAD,
          subject: { ...person.rootSubject, oppositions },
          now: NOW,
        });
        return identity.allowed || identity.reason === 'NOT_FOLLOWING';
      })();
      for (const [field, selection, owner, category] of FIELDS) {
        const observed = await outcomeOf(caller, person, field, selection);
        const decision = decide({ caller, category, owner, subject, now: NOW });
        expect({ caller: name, field, observed }).toEqual({
          caller: name,
          field,
          observed: reachable ? (decision.allowed ? 'ALLOWED' : decision.reason) : 'UNREACHABLE',
        });
        table[name][field] = observed;
      }
    }
    return table;
  }

  it('is chosen well: 16 or 17 (the obligation de formation applies), followed by a Mission locale, with its follow-ups and obligation record', () => {
    expect(person.subject.obligationDeFormation).toBe(true);
    expect(person.subject.followers).toContain(adviser.org);
  });

  it('before any opposition, every caller sees the Mission locale’s rows its grants allow', async () => {
    expect(await oppositionRows(person.young.id)).toEqual([]);
    expect(await views([])).toEqual({
      'the Mission locale (the partner opposed to)': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the PSAD coordinator': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the FOQUALE network': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the person': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
    });
  });

  it('the person opposes the Mission locale’s sharing: the other partners lose its rows (OPPOSITION), except the obligation-de-formation status the PSAD must know (16-17); the Mission locale and the person keep everything', async () => {
    const recorded = await ask(self, RECORD, { id: person.young.id, partner: 'MISSIONS_LOCALES' });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordOpposition).toMatchObject({
      partner: 'MISSIONS_LOCALES',
      inForce: true,
      withdrawnAt: null,
    });
    expect(await oppositionRows(person.young.id)).toEqual([
      { partner: 'MISSIONS_LOCALES', recorded_by: person.young.id, withdrawn_at: null },
    ]);
    expect(await views([Partner.MISSIONS_LOCALES])).toEqual({
      'the Mission locale (the partner opposed to)': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the PSAD coordinator': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'OPPOSITION',
        obligationDeFormation: 'ALLOWED',
      },
      'the FOQUALE network': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'OPPOSITION',
        obligationDeFormation: 'OPPOSITION',
      },
      'the person': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
    });
    // The merged trajectory says so too, from the rules alone, and holds none of the Mission locale's events.
    const trajectory = await ask(network, `{ young(id: "${person.young.id}") { trajectory { partner } } }`);
    expect(
      (trajectory.data!.young.trajectory as { partner: string }[]).filter(
        (e) => e.partner === 'MISSIONS_LOCALES',
      ),
    ).toEqual([]);
    expect(trajectory.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'FORBIDDEN',
            reason: 'OPPOSITION',
            category: 'FOLLOW_UP_SUMMARY',
            partners: ['MISSIONS_LOCALES'],
          }),
        }),
      ]),
    );
  });

  it('the person sees their oppositions; no one else does (not even through the caseload): ROLE_NOT_GRANTED at the gateway', async () => {
    const own = await ask(self, `{ young(id: "${person.young.id}") { oppositions { partner inForce } } }`);
    expect(own).toMatchObject({
      data: { young: { oppositions: [{ partner: 'MISSIONS_LOCALES', inForce: true }] } },
    });
    for (const caller of [adviser, coordinator, network]) {
      const answer = await ask(caller, `{ young(id: "${person.young.id}") { oppositions { partner } } }`);
      expect(
        forbiddenOn(answer, 'Young.oppositions').map((e) => [
          e.extensions!.reason,
          e.extensions!.serviceName,
        ]),
      ).toEqual([['ROLE_NOT_GRANTED', undefined]]);
    }
  });

  it('the DPO records, on the person’s behalf, an opposition to the PSAD’s sharing: the Mission locale keeps the identity (legal duty, 16-17), the FOQUALE network loses the person (OPPOSITION at psad)', async () => {
    const recorded = await ask(DPO, RECORD, { id: person.young.id, partner: 'PSAD' });
    expect(recorded.data!.recordOpposition).toMatchObject({ partner: 'PSAD', inForce: true });
    const table = await views([Partner.MISSIONS_LOCALES, Partner.PSAD]);
    expect(table['the Mission locale (the partner opposed to)'].firstName).toBe('ALLOWED');
    expect(table['the PSAD coordinator'].firstName).toBe('ALLOWED');
    // Identity refused for a reason no follow-up could change: `young(id)` is null; psad itself says why.
    expect(table['the FOQUALE network'].firstName).toBe('UNREACHABLE');
    const direct_ = await direct(
      'psad',
      network,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { firstName } } }',
      { r: [followerRepresentation(person)] },
    );
    expect(direct_.errors?.map((e) => e.extensions?.reason)).toEqual(['OPPOSITION']);
    expect((await oppositionRows(person.young.id)).map((row) => [row.partner, row.recorded_by])).toEqual([
      ['MISSIONS_LOCALES', person.young.id],
      ['PSAD', DPO.sub],
    ]);
  });

  it('refuses, with nothing written: anyone but the person or the DPO (ROLE_NOT_GRANTED), another young person (NOT_SELF), bad input (BAD_USER_INPUT with the field)', async () => {
    const before = await oppositionRows(person.young.id);
    const cases: [Caller, string, Record<string, unknown>, Record<string, unknown>][] = [
      [
        coordinator,
        RECORD,
        { id: person.young.id, partner: 'CFA' },
        { code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' },
      ],
      [
        adviser,
        WITHDRAW,
        { id: person.young.id, partner: 'MISSIONS_LOCALES' },
        { code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' },
      ],
      [
        professional('dashboard', 'RECTORAT-GRENOBLE', [bassin], 'PILOTAGE_AGREGE'),
        RECORD,
        { id: person.young.id, partner: 'CFA' },
        { code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' },
      ],
      [
        { ...self, sub: TRANSFERRED.young.id },
        RECORD,
        { id: person.young.id, partner: 'CFA' },
        { code: 'FORBIDDEN', reason: 'NOT_SELF' },
      ],
      [
        { ...self, sub: TRANSFERRED.young.id },
        WITHDRAW,
        { id: person.young.id, partner: 'MISSIONS_LOCALES' },
        { code: 'FORBIDDEN', reason: 'NOT_SELF' },
      ],
      [
        self,
        RECORD,
        { id: person.young.id, partner: 'MISSIONS_LOCALES' },
        { code: 'BAD_USER_INPUT', field: 'partner' },
      ],
      [self, WITHDRAW, { id: person.young.id, partner: 'E2C' }, { code: 'BAD_USER_INPUT', field: 'partner' }],
      [DPO, RECORD, { id: randomUUID(), partner: 'CFA' }, { code: 'BAD_USER_INPUT', field: 'youngId' }],
      [DPO, RECORD, { id: 'not-a-hub-id', partner: 'CFA' }, { code: 'BAD_USER_INPUT', field: 'youngId' }],
    ];
    for (const [caller, mutation, variables, extensions] of cases) {
      const answer = await ask(caller, mutation, variables);
      expect({
        caller: caller.role,
        variables,
        data: answer.data,
        errors: answer.errors?.map((e) => e.extensions),
      }).toEqual({
        caller: caller.role,
        variables,
        data: null,
        errors: [expect.objectContaining(extensions)],
      });
    }
    expect(await oppositionRows(person.young.id)).toEqual(before);
  });

  it('withdrawn (by the person, and by the DPO), the rows are shared again; the history stays, and a new opposition can be recorded', async () => {
    const mine = await ask(self, WITHDRAW, { id: person.young.id, partner: 'MISSIONS_LOCALES' });
    expect(mine.data!.withdrawOpposition).toMatchObject({
      partner: 'MISSIONS_LOCALES',
      inForce: false,
      withdrawnAt: expect.any(String),
    });
    const onBehalf = await ask(DPO, WITHDRAW, { id: person.young.id, partner: 'PSAD' });
    expect(onBehalf.data!.withdrawOpposition).toMatchObject({ partner: 'PSAD', inForce: false });
    expect(await views([])).toEqual({
      'the Mission locale (the partner opposed to)': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the PSAD coordinator': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the FOQUALE network': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the person': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
    });
    const history = await ask(
      self,
      `{ young(id: "${person.young.id}") { oppositions { partner inForce } } }`,
    );
    expect(history.data!.young.oppositions).toEqual([
      { partner: 'MISSIONS_LOCALES', inForce: false },
      { partner: 'PSAD', inForce: false },
    ]);
    const again = await ask(self, RECORD, { id: person.young.id, partner: 'MISSIONS_LOCALES' });
    expect(again.data!.recordOpposition).toMatchObject({ inForce: true });
    expect(
      (await ask(self, WITHDRAW, { id: person.young.id, partner: 'MISSIONS_LOCALES' })).data!
        .withdrawOpposition,
    ).toMatchObject({ inForce: false });
  });

  it('at 18 the obligation de formation no longer applies: an opposition to the Mission locale hides its obligation status from the PSAD too', async () => {
    const adult = OPPOSING_ADULT;
    const psad = professional('psad-coordinator', `PSAD-${adult.young.bassin}`, [adult.young.bassin]);
    expect(await outcomeOf(psad, adult, 'obligationDeFormation', 'obligationDeFormation { status }')).toBe(
      'ALLOWED',
    );
    expect(
      (await ask(DPO, RECORD, { id: adult.young.id, partner: 'MISSIONS_LOCALES' })).data!.recordOpposition,
    ).toMatchObject({ inForce: true });
    try {
      expect(
        decide({
          caller: psad,
          category: 'OBLIGATION_FORMATION',
          owner: Partner.MISSIONS_LOCALES,
          subject: { ...adult.subject, oppositions: [Partner.MISSIONS_LOCALES] },
          now: NOW,
        }),
      ).toEqual({ allowed: false, reason: 'OPPOSITION' });
      expect(await outcomeOf(psad, adult, 'obligationDeFormation', 'obligationDeFormation { status }')).toBe(
        'OPPOSITION',
      );
    } finally {
      await ask(DPO, WITHDRAW, { id: adult.young.id, partner: 'MISSIONS_LOCALES' });
    }
    expect(await outcomeOf(psad, adult, 'obligationDeFormation', 'obligationDeFormation { status }')).toBe(
      'ALLOWED',
    );
  });
});

// ── PSAD transfer ───────────────────────────────────────────────────────────────────────────────

describe('a PSAD transfer moves the visibility with the person', () => {
  const person = TRANSFERRED;
  const from = person.young.bassin;
  const to = otherBassin(from);
  const oldCoordinator = professional('psad-coordinator', `PSAD-${from}`, [from]);
  const newCoordinator = professional('psad-coordinator', `PSAD-${to}`, [to]);
  const moveTo = (bassin: string) =>
    withSuperuser(SUBGRAPHS.psad.database, (client) =>
      client.query('UPDATE young SET bassin_code = $1 WHERE id = $2', [bassin, person.young.id]),
    );
  const caseload = async (caller: Caller) => {
    const answer = await ask(
      caller,
      `query ($name: String!) { youngs(filter: { name: $name }, first: 100) { nodes { id } } }`,
      { name: person.young.lastName },
    );
    return (answer.data!.youngs.nodes as { id: string }[]).map((node) => node.id);
  };
  const identity = (caller: Caller) =>
    ask(caller, `{ young(id: "${person.young.id}") { firstName bassin { code } } }`);

  afterAll(async () => {
    await moveTo(from);
  });

  it('before: the coordinator of the old bassin (whose PSAD has an open case) sees the person; the new one does not', async () => {
    expect(person.followersBy.psad).toContain(oldCoordinator.org);
    expect((await identity(oldCoordinator)).data!.young).toEqual({
      firstName: person.young.firstName,
      bassin: { code: from },
    });
    expect((await identity(newCoordinator)).data!.young).toBeNull();
    expect(await caseload(oldCoordinator)).toContain(person.young.id);
    expect(await caseload(newCoordinator)).not.toContain(person.young.id);
  });

  it('after the move: the old perimeter gets OUT_OF_TERRITORY (young(id) null, the open case notwithstanding), the new one sees the person', async () => {
    await moveTo(to);
    const moved: Subject = { ...person.subject, bassin: to };
    expect(
      decide({ caller: oldCoordinator, category: 'IDENTITY', owner: Partner.PSAD, subject: moved, now: NOW }),
    ).toEqual({ allowed: false, reason: 'OUT_OF_TERRITORY' });
    expect(
      decide({ caller: newCoordinator, category: 'IDENTITY', owner: Partner.PSAD, subject: moved, now: NOW }),
    ).toEqual({ allowed: true });

    const old = await identity(oldCoordinator);
    expect(old).toMatchObject({ data: { young: null } });
    const direct_ = await direct(
      'psad',
      oldCoordinator,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { firstName } } }',
      { r: [followerRepresentation(person)] },
    );
    expect(direct_.data).toEqual({ _entities: [{ firstName: null }] });
    expect(direct_.errors?.map((e) => e.extensions?.reason)).toEqual(['OUT_OF_TERRITORY']);
    expect(await caseload(oldCoordinator)).not.toContain(person.young.id);

    expect((await identity(newCoordinator)).data!.young).toEqual({
      firstName: person.young.firstName,
      bassin: { code: to },
    });
    expect(await caseload(newCoordinator)).toContain(person.young.id);
    // Partners decide on psad's attestation, which carries the new bassin.
    const attested = await hub.querySubgraph(
      'psad',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { accessSubject } } }',
      { r: [followerRepresentation(person)] },
    );
    expect(
      JSON.parse((attested.data!._entities as { accessSubject: string }[])[0].accessSubject),
    ).toMatchObject({ bassin: to });
  });
});
