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
 * actually attests and what each partner reports.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { generateWorld } from '../../demo/generate';
import { BASSINS } from '../../demo/territories';
import { stepsOf, type DemoYoung, type OrganisationKind } from '../../demo/world';
import { PURPOSES, ROLES, type Caller, type Purpose, type Role } from '../../platform/auth/claims';
import { signInternalToken } from '../../platform/auth/internal-token';
import { Partner, SUBGRAPHS, SUBGRAPH_NAMES, type SubgraphName } from '../../platform/partners';
import { DEPENDS_ON_ROW, decide, decideWithoutSubject } from '../../platform/policy/engine';
import { habilitationsCovering, standingOn } from '../../platform/policy/habilitations';
import { AGE_RULE, CATEGORIES, CONDITIONS, HABILITATION_RULE, INDIVIDUAL_KINDS, PUBLIC_GRANT, ROLE_RULES, type Condition, type Grant } from '../../platform/policy/rules';
import { encodeSubject } from '../../platform/policy/subject';
import { DATA_CATEGORIES, type DataCategory, type RefusalReason, type Subject } from '../../platform/policy/types';
import { contractStatus } from '../../subgraphs/cfa/contracts';
import { isInForce } from '../../subgraphs/pjj/events';
import { TEST_DEMO, startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

// ── The world, as the stack loads it, and the day the policy decides on ─────────────────────────

const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const world = generateWorld(TEST_DEMO);
const organisationById = new Map(world.organisations.map((o) => [o.id, o]));
const organisationByCode = new Map(world.organisations.map((o) => [o.code, o]));
const codeOf = (id: string): string => organisationById.get(id)!.code;
const UAI = /^[0-9]{7}[A-Z]$/;

/** Age in whole years on `day` (UTC), written here rather than borrowed from psad. */
function ageOn(birthDate: string, day: Date): number {
  const [year, month, date] = birthDate.split('-').map(Number);
  const birthdayPassed = day.getUTCMonth() + 1 > month || (day.getUTCMonth() + 1 === month && day.getUTCDate() >= date);
  return day.getUTCFullYear() - year - (birthdayPassed ? 0 : 1);
}

const FOLLOW_UP_PARTNERS = ['missions-locales', 'e2c', 'cfa', 'agriculture'] as const;
type FollowUpPartner = (typeof FOLLOW_UP_PARTNERS)[number];

/**
 * Rows this test adds to the demo world where the 400 people of the test demo hold no example of a
 * cell: an open PSAD case (its PSAD then follows the person), a closed Mission locale follow-up with
 * one interview (a second partner's rows; closed, so it follows no one).
 */
interface Fixture {
  youngId: string;
  psadCase?: { id: string; followerOrg: string };
  closedMissionLocaleFollowUp?: { id: string; eventId: string; organisationId: string };
}

interface Facts {
  young: DemoYoung;
  /** What each subgraph reports as following the person (psad: its open cases). */
  followersBy: Record<SubgraphName, string[]>;
  /** The subject psad should attest (no opposition: the matrix runs before any is recorded). */
  subject: Subject;
  followUpOwners: Set<FollowUpPartner>;
  has: { listing: boolean; psadCase: boolean; enrolment: boolean; obligation: boolean; contract: boolean; signal: boolean };
}

function factsOf(young: DemoYoung, fixture?: Fixture): Facts {
  const by = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, new Set<string>()])) as Record<SubgraphName, Set<string>>;
  for (const step of young.path) {
    if (step.type === 'psad-case' && step.closedOn === null) by.psad.add(step.followerOrg);
    if (step.type === 'enrolment' && step.endedOn === null) by['education-nationale'].add(codeOf(step.schoolId));
    if (step.type === 'follow-up' && step.closedOn === null) by[step.owner].add(codeOf(step.organisationId));
    if (step.type === 'apprenticeship' && contractStatus(step, TODAY) === 'ACTIVE') by.cfa.add(codeOf(step.cfaId));
    if (step.type === 'pjj-signal' && isInForce(step, TODAY)) by.pjj.add(codeOf(step.unitId));
  }
  // The Mission locale in charge of the obligation de formation (the latest record) follows the person.
  const obligation = stepsOf(young, 'obligation-de-formation').at(-1);
  if (obligation) by['missions-locales'].add(codeOf(obligation.missionLocaleId));
  if (fixture?.psadCase) by.psad.add(fixture.psadCase.followerOrg);
  const followersBy = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [...by[name]].sort()])) as Record<SubgraphName, string[]>;
  const age = ageOn(young.birthDate, NOW);
  const followUpOwners = new Set<FollowUpPartner>(stepsOf(young, 'follow-up').map((step) => step.owner));
  if (fixture?.closedMissionLocaleFollowUp) followUpOwners.add('missions-locales');
  return {
    young,
    followersBy,
    subject: {
      youngId: young.id,
      bassin: young.bassin,
      age,
      followers: [...new Set(Object.values(followersBy).flat())].sort(),
      // types.ts: "the schools where the person is currently enrolled" — Éducation nationale's enrolments.
      schools: followersBy['education-nationale'].filter((code) => UAI.test(code)),
      oppositions: [],
      obligationDeFormation: age >= 16 && age < 18,
    },
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
const isFollowedBy = (facts: Facts, prefix: string) => facts.followersBy.psad.some((code) => code.startsWith(prefix));

// People kept for the opposition and transfer tests, out of the matrix.
const OPPOSING = NATURAL.find(
  (f) =>
    f.subject.obligationDeFormation &&
    f.has.obligation &&
    f.followersBy['missions-locales'].length > 0 &&
    f.followUpOwners.has('missions-locales') &&
    (['cfa', 'e2c', 'agriculture'] as const).some((p) => f.followersBy[p].length > 0 && f.followUpOwners.has(p)),
)!;
const OPPOSING_ADULT = NATURAL.find((f) => f.subject.age >= 18 && f.has.obligation && f.followersBy['missions-locales'].length > 0 && f !== OPPOSING)!;
const TRANSFERRED = NATURAL.find((f) => f.subject.age >= 16 && isFollowedBy(f, `PSAD-${f.young.bassin}`) && f !== OPPOSING && f !== OPPOSING_ADULT)!;
const RESERVED = new Set([OPPOSING, OPPOSING_ADULT, TRANSFERRED].map((f) => f.young.id));

const missionLocaleOf = (bassin: string) => world.organisations.find((o) => o.kind === 'MISSION_LOCALE' && o.bassin === bassin)!;
const FIXTURES: Fixture[] = (() => {
  const fixtures: Fixture[] = [];
  const free = NATURAL.filter((f) => !RESERVED.has(f.young.id) && f.subject.age >= 16);
  // A FOQUALE contract of a person followed by the PSAD of their bassin, with a second partner's rows.
  const contract = free.find((f) => f.has.contract && !isFollowedBy(f, 'PSAD-') && f.followUpOwners.has('missions-locales')) ?? free.find((f) => f.has.contract && !isFollowedBy(f, 'PSAD-'))!;
  fixtures.push({
    youngId: contract.young.id,
    psadCase: { id: randomUUID(), followerOrg: `PSAD-${contract.young.bassin}` },
    ...(contract.followUpOwners.has('missions-locales') ? {} : { closedMissionLocaleFollowUp: { id: randomUUID(), eventId: randomUUID(), organisationId: missionLocaleOf(contract.young.bassin).id } }),
  });
  // A person the agricultural school follows, with a second partner's rows.
  const agri = free.find((f) => f.followersBy.agriculture.length > 0 && f.followUpOwners.has('agriculture') && f.young.id !== contract.young.id)!;
  if (![...agri.followUpOwners].some((owner) => owner !== 'agriculture')) {
    fixtures.push({ youngId: agri.young.id, closedMissionLocaleFollowUp: { id: randomUUID(), eventId: randomUUID(), organisationId: missionLocaleOf(agri.young.bassin).id } });
  }
  return fixtures;
})();
const FIXTURE_OF = new Map(FIXTURES.map((fixture) => [fixture.youngId, fixture]));
const FACTS = world.youngs.map((young) => factsOf(young, FIXTURE_OF.get(young.id)));
const CANDIDATES = FACTS.filter((f) => !RESERVED.has(f.young.id));
const FACTS_BY_ID = new Map(FACTS.map((f) => [f.young.id, f]));

// ── The policy data, read directly (an oracle independent of the engine's helpers) ──────────────

const grantOf = (role: Role, category: DataCategory): Grant | null =>
  CATEGORIES[category].kind === 'PUBLIC' ? PUBLIC_GRANT : (ROLE_RULES[role].grants[category] ?? null);
const purposesOf = (grant: Grant, category: DataCategory): readonly Purpose[] => grant.purposes ?? CATEGORIES[category].purposes;
const isIndividual = (category: DataCategory): boolean => INDIVIDUAL_KINDS.includes(CATEGORIES[category].kind);
const needsHabilitation = (role: Role, category: DataCategory): boolean =>
  ROLE_RULES[role].actsAs === 'PROFESSIONAL' && HABILITATION_RULE.appliesTo.includes(CATEGORIES[category].kind);
const ageRuleApplies = (category: DataCategory, grant: Grant): boolean =>
  AGE_RULE.appliesTo.includes(CATEGORIES[category].kind) && !grant.when.some((condition) => AGE_RULE.exemptWhen.includes(condition));

/** The register, read for one organisation: IN_FORCE, EXPIRED (only expired entries cover it) or NONE. */
function registerStanding(role: Role, org: string, purpose: Purpose, category: DataCategory): 'IN_FORCE' | 'EXPIRED' | 'NONE' {
  const standings = habilitationsCovering({ role, org, purpose, category }).map((h) => standingOn(h, NOW));
  if (standings.includes('IN_FORCE')) return 'IN_FORCE';
  return standings.includes('EXPIRED') ? 'EXPIRED' : 'NONE';
}

// ── Callers: the demo's organisations of each role ──────────────────────────────────────────────

const codesOfKind = (...kinds: OrganisationKind[]) => world.organisations.filter((o) => kinds.includes(o.kind)).map((o) => o.code);
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
const DEFAULT_PURPOSE = (role: Role): Purpose => (role === 'dashboard' || role === 'dpo' ? 'PILOTAGE_AGREGE' : 'ACCOMPAGNEMENT');
/** An organisation code that no entry of the register names (except the DPO's `*`). */
const UNREGISTERED_ORG = 'ORGANISATION-SANS-HABILITATION';

const bassinOfOrg = (code: string): string | undefined => (code.startsWith('PSAD-') ? code.slice(5) : organisationByCode.get(code)?.bassin);
const otherBassin = (bassin: string) => BASSINS.find((b) => b.code !== bassin)!.code;
const someoneElse = (facts: Facts) => FACTS.find((f) => f.young.id !== facts.young.id)!.young.id;

type Want = Partial<Record<Exclude<Condition, 'OWN_PARTNER_ROW'>, boolean>>;

/** A caller of `role` for whom each condition in `want` holds or not on this person; null when the demo has no such organisation. */
function callerFor(role: Role, purpose: Purpose, facts: Facts, want: Want): Caller | null {
  const territories = [want.IN_TERRITORY === false ? otherBassin(facts.young.bassin) : facts.young.bassin];
  if (role === 'young') return { sub: want.SELF === false ? someoneElse(facts) : facts.young.id, role, org: 'SELF', territories, purpose };
  let pool = ROLE_ORGANISATIONS[role];
  if (want.FOLLOWS !== undefined) pool = pool.filter((code) => facts.subject.followers.includes(code) === want.FOLLOWS);
  if (want.OWN_SCHOOL !== undefined) pool = pool.filter((code) => facts.subject.schools.includes(code) === want.OWN_SCHOOL);
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
  /** Selection under `young(id:)`, or at the root. */
  selection: string;
  /** The categorized fields along the path, outermost first. */
  levels: Level[];
  root: boolean;
  /** Whether the person has rows there: an allowed probe must show data, a refused row must exist. */
  has(facts: Facts): boolean;
}

const youngProbe = (field: string, category: DataCategory, owner: Partner, selection: string, has: Probe['has']): Probe => ({
  name: `Young.${field}`,
  category,
  selection,
  levels: [{ field, category, owner, guarded: `Young.${field}` }],
  root: false,
  has,
});

const followUpsField = (partner: FollowUpPartner) => `${SUBGRAPHS[partner].fieldPrefix}FollowUps`;
const detailProbe = (partner: FollowUpPartner): Probe => ({
  name: `${followUpsField(partner)}.events`,
  category: 'FOLLOW_UP_DETAIL',
  selection: `${followUpsField(partner)} { events { summary } }`,
  levels: [
    { field: followUpsField(partner), category: 'FOLLOW_UP_SUMMARY', owner: SUBGRAPHS[partner].partner, guarded: `Young.${followUpsField(partner)}` },
    { field: 'events', category: 'FOLLOW_UP_DETAIL', owner: SUBGRAPHS[partner].partner, guarded: 'FollowUp.events' },
  ],
  root: false,
  has: (facts) => facts.followUpOwners.has(partner),
});

const PROBES: Probe[] = [
  youngProbe('firstName', 'IDENTITY', Partner.PSAD, 'firstName', () => true),
  youngProbe('commune', 'CONTACT', Partner.PSAD, 'commune', () => true),
  youngProbe('legalRepresentatives', 'LEGAL_REPRESENTATIVES', Partner.PSAD, 'legalRepresentatives { relationship }', () => true),
  youngProbe('enrolments', 'SCHOOLING', Partner.EDUCATION_NATIONALE, 'enrolments { id }', (f) => f.has.enrolment),
  youngProbe('sieiListings', 'SCHOOLING', Partner.PSAD, 'sieiListings { campaign }', (f) => f.has.listing),
  youngProbe('obligationDeFormation', 'OBLIGATION_FORMATION', Partner.MISSIONS_LOCALES, 'obligationDeFormation { status }', (f) => f.has.obligation),
  youngProbe('psadCases', 'FOLLOW_UP_SUMMARY', Partner.PSAD, 'psadCases { status }', (f) => f.has.psadCase),
  youngProbe('missionsLocalesFollowUps', 'FOLLOW_UP_SUMMARY', Partner.MISSIONS_LOCALES, 'missionsLocalesFollowUps { id }', (f) => f.followUpOwners.has('missions-locales')),
  ...FOLLOW_UP_PARTNERS.map(detailProbe),
  youngProbe('foqualeContracts', 'FOQUALE_CONTRACT', Partner.EDUCATION_NATIONALE, 'foqualeContracts { id }', (f) => f.has.contract),
  youngProbe('pjjSignal', 'PJJ_SIGNAL', Partner.PJJ, 'pjjSignal { active }', (f) => f.has.signal),
  {
    name: 'Query.offers',
    category: 'OFFERS',
    selection: 'offers: offers(first: 1) { totalCount }',
    levels: [{ field: 'offers', category: 'OFFERS', owner: Partner.PSAD, guarded: 'Query.offers' }],
    root: true,
    has: () => true,
  },
  // The person's oppositions carry ACCESS_LOG (subgraphs/psad/types/opposition.type.ts says why).
  youngProbe('oppositions', 'ACCESS_LOG', Partner.PSAD, 'oppositions { partner }', () => true),
];
const lastLevel = (probe: Probe) => probe.levels[probe.levels.length - 1];
const subgraphOf = (partner: Partner): SubgraphName => SUBGRAPH_NAMES.find((name) => SUBGRAPHS[name].partner === partner)!;

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

function add(role: Role, category: DataCategory, probe: Probe, title: string, facts: Facts, caller: Caller, intended: Outcome): Scenario {
  const scenario: Scenario = { key: `s${SCENARIOS.length}`, role, category, probe, title: `${probe.name} — ${title}`, caller, facts, intended };
  SCENARIOS.push(scenario);
  return scenario;
}

/** The first person (and caller) for whom the probe shows rows, the age fits and each condition of `want` holds or not. */
function find(role: Role, purpose: Purpose, probe: Probe, want: Want, age: 'ADULT' | 'UNDER_16' | 'ANY'): [Facts, Caller] | null {
  for (const facts of CANDIDATES) {
    if (!probe.has(facts)) continue;
    if (age === 'ADULT' && facts.subject.age < AGE_RULE.minimumAge) continue;
    if (age === 'UNDER_16' && facts.subject.age >= AGE_RULE.minimumAge) continue;
    const caller = callerFor(role, purpose, facts, want);
    if (caller) return [facts, caller];
  }
  return null;
}

/** The purpose under which the role's organisations hold a habilitation in force for the category (or need none). */
function workingPurpose(role: Role, category: DataCategory, grant: Grant): Purpose | null {
  const fitting = purposesOf(grant, category);
  const preferred = [DEFAULT_PURPOSE(role), ...fitting].filter((purpose) => fitting.includes(purpose));
  return (
    preferred.find((purpose) => !needsHabilitation(role, category) || ROLE_ORGANISATIONS[role].some((org) => registerStanding(role, org, purpose, category) === 'IN_FORCE')) ??
    null
  );
}

const allMet = (conditions: readonly Condition[]): Want => Object.fromEntries(conditions.filter((c) => c !== 'OWN_PARTNER_ROW').map((c) => [c, true]));
/** The refusal of the first condition of the grant, in the grant's order, among those not met. */
const firstRefusal = (grant: Grant, unmet: Condition[]): RefusalReason => CONDITIONS[grant.when.find((c) => unmet.includes(c))!].refusal;

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
      const intended: Outcome = rule.aggregatesOnly && isIndividual(category) ? 'AGGREGATES_ONLY' : 'ROLE_NOT_GRANTED';
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
    const conditions = grant.when.filter((c): c is Exclude<Condition, 'OWN_PARTNER_ROW'> => c !== 'OWN_PARTNER_ROW');
    const ownRowsOnly = grant.when.includes('OWN_PARTNER_ROW');
    const own = probes.filter((probe) => !probe.root && (!ownRowsOnly || lastLevel(probe).owner === rule.partner));
    const others = ownRowsOnly ? probes.filter((probe) => lastLevel(probe).owner !== rule.partner) : [];
    let met: [Facts, Caller] | null = null;

    for (const probe of probes.filter((p) => p.root)) {
      const facts = CANDIDATES[0];
      add(role, category, probe, 'public, no condition', facts, callerFor(role, purpose, facts, {})!, 'ALLOWED');
    }
    for (const probe of own) {
      const found = find(role, purpose, probe, allMet(grant.when), ageRuleApplies(category, grant) ? 'ADULT' : 'ANY');
      if (!found) {
        TODO.push(`${role} × ${category} (${probe.name}): met — no person of the test demo qualifies`);
        continue;
      }
      met ??= found;
      const [facts, caller] = found;
      add(role, category, probe, `${grant.when.join(' + ') || 'no condition'} met`, facts, caller, 'ALLOWED');
      for (const condition of conditions) {
        const variant = callerFor(role, purpose, facts, { ...allMet(grant.when), [condition]: false });
        if (variant) add(role, category, probe, `${condition} not met`, facts, variant, CONDITIONS[condition].refusal);
        else TODO.push(`${role} × ${category} (${probe.name}): ${condition} not met — no such organisation in the demo`);
      }
    }
    if (ownRowsOnly && own.length === 0) TODO.push(`${role} × ${category}: met — ${rule.partner ?? 'no partner'} holds no field of this category yet (only another partner's rows are probed)`);
    // Another partner's rows (interview notes): OWN_PARTNER_ROW not met; and, when the role's own partner has no such field, the other conditions too.
    for (const probe of others) {
      const found = find(role, purpose, probe, allMet(grant.when), 'ADULT');
      if (!found) {
        TODO.push(`${role} × ${category} (${probe.name}): OWN_PARTNER_ROW not met — no person of the test demo qualifies`);
        continue;
      }
      met ??= found;
      const [facts, caller] = found;
      add(role, category, probe, 'OWN_PARTNER_ROW not met (another partner’s rows)', facts, caller, CONDITIONS.OWN_PARTNER_ROW.refusal);
      if (own.length === 0 && probe === others.find((p) => find(role, purpose, p, allMet(grant.when), 'ADULT'))) {
        for (const condition of conditions) {
          const variant = callerFor(role, purpose, facts, { ...allMet(grant.when), [condition]: false });
          if (variant) add(role, category, probe, `${condition} and OWN_PARTNER_ROW not met`, facts, variant, firstRefusal(grant, [condition, 'OWN_PARTNER_ROW']));
        }
      }
    }
    if (!met || probes.every((p) => p.root)) continue;
    const [metFacts, metCaller] = met;
    const metProbe = [...own, ...others].find((probe) => probe.has(metFacts))!;

    // The declared purpose must fit the category.
    const mismatch = PURPOSES.find((p) => !purposesOf(grant, category).includes(p));
    if (mismatch) add(role, category, metProbe, `purpose ${mismatch}`, metFacts, { ...metCaller, purpose: mismatch }, 'PURPOSE_MISMATCH');
    // A professional needs a habilitation in force of their organisation, for that purpose and category.
    if (needsHabilitation(role, category)) {
      if (registerStanding(role, UNREGISTERED_ORG, purpose, category) === 'NONE') {
        add(role, category, metProbe, `organisation without habilitation`, metFacts, { ...metCaller, org: UNREGISTERED_ORG }, 'NO_HABILITATION');
      }
      for (const other of purposesOf(grant, category).filter((p) => p !== purpose)) {
        const standing = registerStanding(role, metCaller.org, other, category);
        if (standing !== 'IN_FORCE') {
          add(role, category, metProbe, `purpose ${other}: register ${standing}`, metFacts, { ...metCaller, purpose: other }, standing === 'EXPIRED' ? 'HABILITATION_EXPIRED' : 'NO_HABILITATION');
        }
      }
    }
    // No individual record of anyone under 16, except to their own school's staff and to themself.
    if (AGE_RULE.appliesTo.includes(CATEGORIES[category].kind)) {
      const exempt = !ageRuleApplies(category, grant);
      const under = own.map((probe) => [probe, find(role, purpose, probe, allMet(grant.when), 'UNDER_16')] as const).find(([, found]) => found !== null);
      if (under) add(role, category, under[0], exempt ? 'under 16, exempt (own school / self)' : 'under 16, every condition met', under[1]![0], under[1]![1], exempt ? 'ALLOWED' : 'UNDER_16');
      else TODO.push(`${role} × ${category}: under 16 — no person under 16 of the test demo meets ${grant.when.join(' + ') || 'the grant'}`);
    }
  }
}

// Categories probed only partly: the lead adds these fields.
for (const role of ROLES) TODO.push(`${role} × ACCESS_LOG: the trail itself through \`accessLog(youngId)\` (probed here through Young.oppositions only)`);

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

/** What an answer shows for one probe whose first level sits at `prefix` (e.g. `["y3"]`, or `["_entities", 2]`). */
function observe(answer: GraphQLAnswer, prefix: (string | number)[], probe: Probe, leaks: string[], viaGateway = true): Observation {
  const starts = (path: (string | number)[]) => prefix.every((part, i) => path[i] === part);
  const node = probe.root ? answer.data : prefix.reduce<unknown>((value, part) => (value as Record<string, unknown> | null)?.[part as string], answer.data);
  const forbidden = (answer.errors ?? []).filter((e: GraphQLError) => e.extensions?.code === 'FORBIDDEN' && e.path && starts(e.path));
  for (let level = 0; level < probe.levels.length; level++) {
    const fields = probe.levels.slice(0, level + 1).map((l) => l.field);
    const named = probe.root ? fields.slice(1) : fields;
    const matching = forbidden.filter((e) => {
      const rest = e.path!.slice(probe.root ? prefix.length - 1 : prefix.length).filter((part): part is string => typeof part === 'string');
      return e.extensions!.field === probe.levels[level].guarded && JSON.stringify(rest) === JSON.stringify(probe.root ? fields : named);
    });
    if (matching.length === 0) continue;
    const values = valuesAt(node, probe.root ? fields : named);
    if (values.some((value) => value !== null && value !== undefined)) leaks.push(`${probe.name}: refused at level ${level} but data returned`);
    if (matching.some((e) => e.extensions!.category !== probe.levels[level].category)) leaks.push(`${probe.name}: refusal names the wrong category`);
    const reasons = [...new Set(matching.map((e) => String(e.extensions!.reason)))];
    const outcome = reasons.length === 1 ? (reasons[0] as RefusalReason) : (`MIXED:${reasons.join(',')}` as const);
    // Through the gateway, a subgraph's error carries its `serviceName`; the gateway's own refusals do not.
    if (!viaGateway) return { outcome, level };
    return { outcome, level, by: matching.every((e) => e.extensions!.serviceName === undefined) ? 'gateway' : 'subgraph' };
  }
  if (!probe.root && (node === null || node === undefined)) return { outcome: 'UNREACHABLE' };
  const values = valuesAt(node, probe.root ? [probe.levels[0].field] : probe.levels.map((l) => l.field));
  if (values.length === 0) return { outcome: 'NO_ROW' };
  return values.every((value) => value !== null && value !== undefined) ? { outcome: 'ALLOWED' } : { outcome: 'SILENT_NULL' };
}

/** `young(id)` answers at all: identity allowed, or refused only for want of a follow-up (DESIGN.md §4, psad's young resolver). */
const findable = (caller: Caller, subject: Subject) => {
  const identity = decide({ caller, category: 'IDENTITY', owner: Partner.PSAD, subject, now: NOW });
  return identity.allowed || identity.reason === 'NOT_FOLLOWING';
};

/** What the engine implies for the whole probe through the gateway. */
function expectedThroughGateway(scenario: Scenario, subject: Subject): Observation {
  const { caller, probe } = scenario;
  for (const [level, { category }] of probe.levels.entries()) {
    const operation = decideWithoutSubject(caller, category, NOW);
    if (operation !== DEPENDS_ON_ROW && !operation.allowed) return { outcome: operation.reason, level, by: 'gateway' };
  }
  if (!probe.root && !findable(caller, subject)) return { outcome: 'UNREACHABLE' };
  return expectedOnRows(scenario, subject, 'subgraph');
}

/** What the engine implies row by row (the subgraphs' guard). */
function expectedOnRows(scenario: Scenario, subject: Subject, by: 'subgraph' | undefined): Observation {
  for (const [level, { category, owner }] of scenario.probe.levels.entries()) {
    const decision = decide({ caller: scenario.caller, category, owner, subject: scenario.probe.root ? null : subject, now: NOW });
    if (!decision.allowed) return by ? { outcome: decision.reason, level, by } : { outcome: decision.reason, level };
  }
  return { outcome: 'ALLOWED' };
}

const engineOutcome = (scenario: Scenario, subject: Subject): Outcome => {
  const decision = decide({ caller: scenario.caller, category: scenario.category, owner: lastLevel(scenario.probe).owner, subject: scenario.probe.root ? null : subject, now: NOW });
  return decision.allowed ? 'ALLOWED' : decision.reason;
};

let hub: TestHub;
const followerRepresentation = (facts: Facts) => ({
  __typename: 'Young',
  id: facts.young.id,
  ...Object.fromEntries(SUBGRAPH_NAMES.filter((name) => name !== 'psad').map((name) => [`${SUBGRAPHS[name].fieldPrefix}Followers`, facts.followersBy[name]])),
});

/** Queries a subgraph directly, with the context the gateway would sign for `caller`. */
async function direct(name: SubgraphName, caller: Caller, query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer> {
  const internalToken = await signInternalToken({ caller, requestId: randomUUID() }, name, hub.keys.internal.privateKey);
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
    if (fixture.closedMissionLocaleFollowUp) {
      const { id, eventId, organisationId } = fixture.closedMissionLocaleFollowUp;
      await withSuperuser(SUBGRAPHS['missions-locales'].database, async (client) => {
        await client.query(
          `INSERT INTO follow_up (id, young_id, organisation_id, offer_id, programme, opened_on, closed_on, outcome) VALUES ($1, $2, $3, NULL, 'PACEA', '2025-01-06', '2025-06-30', 'COMPLETED')`,
          [id, fixture.youngId, organisationId],
        );
        await client.query(`INSERT INTO follow_up_event (id, follow_up_id, young_id, at, kind, summary) VALUES ($1, $2, $3, '2025-02-03T09:00:00Z', 'INTERVIEW', 'Entretien (matrix fixture)')`, [
          eventId,
          id,
          fixture.youngId,
        ]);
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

const FORBIDDEN_OF = (answer: GraphQLAnswer, field: string) => (answer.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions.field === field);
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
        const people = [...new Set(scenarios.filter((s) => !s.probe.root).map((s) => s.facts.young.id))];
        const alias = (id: string) => `y${people.indexOf(id)}`;
        const selections = people.map((id) => {
          const fields = [...new Set(scenarios.filter((s) => !s.probe.root && s.facts.young.id === id).map((s) => s.probe.selection))];
          return `${alias(id)}: young(id: "${id}") { id ${fields.join(' ')} }`;
        });
        const roots = [...new Set(scenarios.filter((s) => s.probe.root).map((s) => s.probe.selection))];
        const answer = await hub.query(`{ ${[...selections, ...roots].join('\n')} }`, undefined, { token: await tokenOf(scenarios[0].caller) });
        expect(answer.status).toBe(200);
        for (const s of scenarios) gateway.set(s.key, observe(answer, s.probe.root ? [s.probe.levels[0].field] : [alias(s.facts.young.id)], s.probe, leaks));
      }),
    );
    // Where the gateway answers `young: null`, ask the subgraph holding the field directly: it must refuse the row on its own.
    const unreachable = SCENARIOS.filter((s) => gateway.get(s.key)?.outcome === 'UNREACHABLE' && s.probe.levels.length === 1);
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
          return name === 'psad' ? followerRepresentation(facts) : { __typename: 'Young', id, accessSubject: encodeSubject(facts.subject) };
        });
        const fields = [...new Set(scenarios.map((s) => s.probe.selection))];
        const answer = await direct(name, scenarios[0].caller, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { ${fields.join(' ')} } } }`, { r: representations });
        for (const s of scenarios) bypass.set(s.key, observe(answer, ['_entities', people.indexOf(s.facts.young.id)], s.probe, leaks, false));
      }),
    );
  });

  it('covers every role × category: a scenario for each cell that has a probe field, a todo for the others', () => {
    const probed = new Set(SCENARIOS.map((s) => `${s.role}|${s.category}`));
    for (const role of ROLES) {
      for (const category of DATA_CATEGORIES) {
        const listed = probed.has(`${role}|${category}`) || TODO.some((todo) => todo.startsWith(`${role} × ${category}:`));
        expect(listed ? `${role} × ${category}` : `${role} × ${category} neither probed nor listed`).toBe(`${role} × ${category}`);
      }
    }
    // Every refusal reason the engine can give is provoked at least once.
    const reasons = new Set(SCENARIOS.map((s) => s.intended));
    for (const reason of ['ROLE_NOT_GRANTED', 'PURPOSE_MISMATCH', 'NO_HABILITATION', 'HABILITATION_EXPIRED', 'OUT_OF_TERRITORY', 'NOT_FOLLOWING', 'UNDER_16', 'NOT_SELF', 'AGGREGATES_ONLY']) {
      expect([...reasons]).toContain(reason);
    }
  });

  it('psad attests, for every person the matrix decides on, the subject the matrix expects; each partner reports the followers the world implies', async () => {
    const people = [...new Set(SCENARIOS.map((s) => s.facts.young.id))].map((id) => FACTS_BY_ID.get(id)!);
    const representations = people.map((f) => ({ __typename: 'Young', id: f.young.id }));
    const reported = new Map<string, Record<string, string[]>>(people.map((f) => [f.young.id, {}]));
    for (const name of SUBGRAPH_NAMES.filter((n) => n !== 'psad')) {
      const field = `${SUBGRAPHS[name].fieldPrefix}Followers`;
      const answer = await hub.querySubgraph(name, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { id ${field} } } }`, { r: representations });
      expect(answer.errors).toBeUndefined();
      const entities = answer.data!._entities as Record<string, string[]>[];
      people.forEach((f, i) => {
        expect({ id: f.young.id, [field]: entities[i][field] }).toEqual({ id: f.young.id, [field]: f.followersBy[name] });
        reported.get(f.young.id)![field] = entities[i][field];
      });
    }
    const answer = await hub.querySubgraph('psad', `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { accessSubject } } }`, {
      r: people.map((f) => ({ __typename: 'Young', id: f.young.id, ...reported.get(f.young.id) })),
    });
    expect(answer.errors).toBeUndefined();
    const attested = (answer.data!._entities as { accessSubject: string }[]).map((e) => JSON.parse(e.accessSubject) as Subject);
    expect(attested).toEqual(people.map((f) => f.subject));
  });

  it('never returns data next to a refusal, nor a refusal naming another category', () => {
    expect(leaks).toEqual([]);
  });

  for (const role of ROLES) {
    describe(role, () => {
      for (const scenario of SCENARIOS.filter((s) => s.role === role)) {
        it(`${scenario.category}: ${scenario.title} → ${scenario.intended}`, () => {
          const subject = scenario.facts.subject;
          // 1. The engine gives what the policy data says for this scenario.
          expect(engineOutcome(scenario, subject)).toBe(scenario.intended);
          // 2. The gateway answers what the engine implies.
          const expected = expectedThroughGateway(scenario, subject);
          expect(gateway.get(scenario.key)).toEqual(expected);
          // 3. Where the person is out of reach, the subgraph holding the field refuses the row on its own (or serves it, when allowed).
          if (bypass.has(scenario.key)) expect(bypass.get(scenario.key)).toEqual(expectedOnRows(scenario, subject, undefined));
        });
      }
      for (const todo of TODO.filter((t) => t.startsWith(`${role} × `))) it.todo(todo);
    });
  }
});
