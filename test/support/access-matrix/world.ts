/**
 * The demo world as the access matrix sees it: each person's facts (followers, subject, rows held),
 * computed from the world independently of psad, and the FIXTURES added where the world holds no
 * example of a cell.
 */
import { randomUUID } from 'node:crypto';
import { generateWorld } from '../../../demo/generate';
import { stepsOf, type DemoYoung, type OrganisationKind } from '../../../demo/world';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../../platform/partners';
import { type Subject } from '../../../platform/policy/types';
import { contractStatus } from '../../../subgraphs/cfa/contracts';
import { isInForce } from '../../../subgraphs/pjj/events';
import { TEST_DEMO } from '../../harness';

export const NOW = new Date();
/** The hub's today: the Paris day of NOW. */
export const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(NOW);
export const world = generateWorld(TEST_DEMO);
export const organisationById = new Map(world.organisations.map((o) => [o.id, o]));
export const organisationByCode = new Map(world.organisations.map((o) => [o.code, o]));
export const codeOf = (id: string): string => organisationById.get(id)!.code;
export const UAI = /^[0-9]{7}[A-Z]$/;

/** Age in whole years on `day` (`YYYY-MM-DD`), written here rather than borrowed from the platform. */
export function ageOn(birthDate: string, day: string): number {
  const [year, month, date] = birthDate.split('-').map(Number);
  const [dayYear, dayMonth, dayDate] = day.split('-').map(Number);
  const birthdayPassed = dayMonth > month || (dayMonth === month && dayDate >= date);
  return dayYear - year - (birthdayPassed ? 0 : 1);
}

export const FOLLOW_UP_PARTNERS = ['missions-locales', 'e2c', 'cfa', 'agriculture'] as const;
export type FollowUpPartner = (typeof FOLLOW_UP_PARTNERS)[number];

/**
 * Rows this test adds to the demo world where the 400 people of the test demo hold no example of a
 * cell: an open PSAD case (its PSAD then follows the person), a closed follow-up with one interview
 * (another partner's rows; closed, so that partner follows no one).
 */
export interface Fixture {
  youngId: string;
  psadCase?: { id: string; followerOrg: string };
  closedFollowUp?: { partner: FollowUpPartner; id: string; eventId: string; organisationId: string };
}

export interface Facts {
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
  /** The codes of the organisations that wrote the person's follow-ups (open or closed), per partner. */
  followUpOrganisations: Partial<Record<FollowUpPartner, string[]>>;
  has: {
    listing: boolean;
    psadCase: boolean;
    enrolment: boolean;
    obligation: boolean;
    contract: boolean;
    signal: boolean;
  };
}

export function factsOf(young: DemoYoung, fixture?: Fixture): Facts {
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
  const followUpOrganisations: Partial<Record<FollowUpPartner, string[]>> = {};
  const wrote = (partner: FollowUpPartner, organisationId: string) => {
    const codes = (followUpOrganisations[partner] ??= []);
    if (!codes.includes(codeOf(organisationId))) codes.push(codeOf(organisationId));
  };
  for (const step of stepsOf(young, 'follow-up')) wrote(step.owner, step.organisationId);
  if (fixture?.closedFollowUp) wrote(fixture.closedFollowUp.partner, fixture.closedFollowUp.organisationId);
  return {
    young,
    followersBy,
    subject,
    rootSubject: { ...subject, followers: followersBy.psad, schools: [] },
    followUpOwners,
    followUpOrganisations,
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

export const NATURAL = world.youngs.map((young) => factsOf(young));
export const isFollowedBy = (facts: Facts, prefix: string) =>
  facts.followersBy.psad.some((code) => code.startsWith(prefix));

// People kept for the opposition and transfer tests, out of the matrix.
export const SIRET = /^[0-9]{14}$/;
/**
 * 16 or 17 (the obligation de formation applies), followed by a Mission locale (open PSAD case and
 * follow-up), with an obligation record.
 */
export const OPPOSING = NATURAL.find(
  (f) =>
    f.subject.obligationDeFormation &&
    f.has.obligation &&
    f.followersBy.psad.some((code) => SIRET.test(code)) &&
    f.followUpOwners.has('missions-locales'),
)!;
/**
 * 18 or older (no obligation de formation any more), with an obligation record and Mission locale follow-ups.
 */
export const OPPOSING_ADULT = NATURAL.find(
  (f) =>
    f.subject.age >= 18 && f.has.obligation && f.followUpOwners.has('missions-locales') && f !== OPPOSING,
)!;
/** 16+, with an open case followed by the PSAD of their bassin. */
export const TRANSFERRED = NATURAL.find(
  (f) =>
    f.subject.age >= 16 &&
    isFollowedBy(f, `PSAD-${f.young.bassin}`) &&
    f !== OPPOSING &&
    f !== OPPOSING_ADULT,
)!;
export const RESERVED = new Set([OPPOSING, OPPOSING_ADULT, TRANSFERRED].map((f) => f.young.id));

export const FOLLOW_UP_ORGANISATION: Record<FollowUpPartner, OrganisationKind> = {
  'missions-locales': 'MISSION_LOCALE',
  e2c: 'E2C_SITE',
  cfa: 'CFA',
  agriculture: 'LYCEE_AGRICOLE',
};
export const closedFollowUp = (facts: Facts, partner: FollowUpPartner): Fixture['closedFollowUp'] => ({
  partner,
  id: randomUUID(),
  eventId: randomUUID(),
  organisationId: (world.organisations.find(
    (o) => o.kind === FOLLOW_UP_ORGANISATION[partner] && o.bassin === facts.young.bassin,
  ) ?? world.organisations.find((o) => o.kind === FOLLOW_UP_ORGANISATION[partner]))!.id,
});
export const FIXTURES: Fixture[] = (() => {
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
export const FIXTURE_OF = new Map(FIXTURES.map((fixture) => [fixture.youngId, fixture]));
export const FACTS = world.youngs.map((young) => factsOf(young, FIXTURE_OF.get(young.id)));
export const CANDIDATES = FACTS.filter((f) => !RESERVED.has(f.young.id));
export const FACTS_BY_ID = new Map(FACTS.map((f) => [f.young.id, f]));
