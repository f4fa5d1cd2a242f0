import {
  generateWorld,
  generateYoungs,
  isClosedCaseStatus,
  ownersOf,
  showcaseYoungId,
  REFERENCE_DATE,
} from '../../demo/generate';
import { Random, ageOn, dayNumber, isValidIsoDay, isoDay } from '../../demo/random';
import { BASSINS } from '../../platform/reference/territories';
import type {
  DemoOffer,
  DemoOrganisation,
  DemoStep,
  DemoWorld,
  DemoYoung,
  OrganisationKind,
} from '../../demo/world';

const world = generateWorld();
const organisations = new Map(world.organisations.map((o) => [o.id, o]));
const offers = new Map(world.offers.map((o) => [o.id, o]));
const bassinOf = new Map(BASSINS.map((b) => [b.code, b]));

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function day(value: string): string {
  if (INSTANT.test(value)) {
    expect(Number.isNaN(Date.parse(value))).toBe(false);
    value = value.slice(0, 10);
  }
  if (!isValidIsoDay(value)) throw new Error(`invalid date ${value}`);
  return value;
}

/** Asserts that dates are valid, in order, and not after the reference date. */
function chronological(label: string, ...dates: (string | null | undefined)[]): void {
  const days = dates.filter((d): d is string => d !== null && d !== undefined).map(day);
  for (let i = 1; i < days.length; i++) {
    if (days[i] < days[i - 1]) throw new Error(`${label}: ${days[i]} before ${days[i - 1]}`);
  }
  for (const d of days)
    if (d > world.referenceDate) throw new Error(`${label}: ${d} after the reference date`);
}

function organisation(id: string, owner: string, kinds?: OrganisationKind[]): DemoOrganisation {
  const found = organisations.get(id);
  if (!found) throw new Error(`unknown organisation ${id}`);
  expect(found.owner).toBe(owner);
  if (kinds) expect(kinds).toContain(found.kind);
  return found;
}

function startOf(step: DemoStep): string {
  switch (step.type) {
    case 'enrolment':
    case 'apprenticeship':
      return step.startedOn;
    case 'dropout-signal':
      return step.on;
    case 'siei-listing':
      return step.detectedOn;
    case 'psad-case':
    case 'follow-up':
      return step.openedOn;
    case 'foquale-contract':
      return step.initialReviewOn;
    case 'obligation-de-formation':
      return step.steps[0].on;
    case 'pjj-signal':
      return step.publishedOn;
  }
}

const SCHOOLS: OrganisationKind[] = [
  'COLLEGE',
  'LYCEE_GENERAL',
  'LYCEE_PROFESSIONNEL',
  'MICRO_LYCEE',
  'MLDS',
];

function checkStep(young: DemoYoung, step: DemoStep): void {
  const label = `${young.id} ${step.type}`;
  switch (step.type) {
    case 'enrolment':
      organisation(step.schoolId, 'education-nationale', SCHOOLS);
      chronological(label, step.startedOn, step.endedOn);
      expect(step.endedOn === null).toBe(step.exitReason === null);
      expect(step.schoolYear).toMatch(/^(\d{4})-(\d{4})$/);
      expect(Number(step.schoolYear.slice(5))).toBe(Number(step.schoolYear.slice(0, 4)) + 1);
      break;
    case 'dropout-signal':
      organisation(step.schoolId, 'education-nationale', SCHOOLS);
      chronological(label, step.on);
      break;
    case 'siei-listing':
      expect(organisations.has(step.lastSchoolId)).toBe(true);
      expect(step.campaign).toMatch(/^\d{4}-S[12]$/);
      chronological(label, step.detectedOn);
      expect(ageOn(young.birthDate, step.detectedOn)).toBeGreaterThanOrEqual(16);
      break;
    case 'psad-case':
      chronological(label, step.openedOn, ...step.contacts.map((c) => c.at), step.closedOn);
      if (isClosedCaseStatus(step.status)) expect(step.closedOn).not.toBeNull();
      if (['TO_CONTACT', 'CONTACTED', 'REVIEW_DONE', 'SOLUTION_PROPOSED'].includes(step.status))
        expect(step.closedOn).toBeNull();
      if (step.status === 'UNREACHABLE')
        expect(step.contacts.every((c) => c.outcome === 'NO_ANSWER' || c.outcome === 'WRONG_NUMBER')).toBe(
          true,
        );
      if (step.status === 'REFUSED') expect(step.contacts.some((c) => c.outcome === 'REACHED')).toBe(true);
      break;
    case 'foquale-contract':
      expect(step.networkBassin).toBe(young.bassin);
      chronological(
        label,
        step.initialReviewOn,
        step.signedOn,
        ...step.reviews.map((r) => r.on),
        step.closedOn,
      );
      if (step.signedOn === null) expect(step.reviews).toHaveLength(0);
      expect(step.closedOn === null).toBe(step.closeReason === null);
      if (step.solutionOfferId !== null) expect(offers.has(step.solutionOfferId)).toBe(true);
      break;
    case 'follow-up': {
      organisation(step.organisationId, step.owner);
      chronological(label, step.openedOn, ...step.events.map((e) => e.at), step.closedOn);
      expect(step.closedOn === null).toBe(step.outcome === 'IN_PROGRESS');
      if (step.offerId !== null) {
        const offer = offers.get(step.offerId) as DemoOffer;
        expect(offer.owner).toBe(step.owner);
        expect(offer.organisationId).toBe(step.organisationId);
        expect(bassinOf.get(offer.bassin)!.departement).toBe(bassinOf.get(young.bassin)!.departement);
      }
      break;
    }
    case 'apprenticeship':
      organisation(step.cfaId, 'cfa', ['CFA']);
      chronological(label, step.startedOn, step.brokenOn);
      expect(step.brokenOn === null).toBe(step.breakReason === null);
      break;
    case 'obligation-de-formation':
      organisation(step.missionLocaleId, 'missions-locales', ['MISSION_LOCALE']);
      chronological(label, ...step.steps.map((s) => s.on));
      chronological(label, step.since);
      expect(step.steps.map((s) => s.on)).toContain(step.since);
      expect(ageOn(young.birthDate, step.steps[0].on)).toBeGreaterThanOrEqual(16);
      expect(ageOn(young.birthDate, step.steps[0].on)).toBeLessThan(18);
      break;
    case 'pjj-signal': {
      const unit = organisation(step.unitId, 'pjj', ['PJJ_UNIT']);
      expect(unit.bassin.slice(0, 2)).toBe(young.bassin.slice(0, 2));
      chronological(label, step.publishedOn, step.withdrawnOn);
      expect(step.contactPhone).toMatch(/^04 \d{2} \d{2} \d{2} \d{2}$/);
      break;
    }
  }
}

describe('demo random helpers', () => {
  it('replays the same stream for the same seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 20 }, () => a.uint32())).toEqual(
      Array.from({ length: 20 }, () => b.uint32()),
    );
    expect(new Random(43).uint32()).not.toBe(new Random(42).uint32());
  });

  it('builds version-4 shaped uuids and stays within bounds', () => {
    const rng = new Random(7);
    for (let i = 0; i < 1000; i++) {
      expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = rng.int(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
    }
    expect(() => rng.int(2, 1)).toThrow(RangeError);
    expect(
      rng.weighted([
        ['only', 1],
        ['never', 0],
      ]),
    ).toBe('only');
  });

  it('does calendar arithmetic on ISO days in UTC', () => {
    expect(isoDay(dayNumber('2024-02-28') + 1)).toBe('2024-02-29');
    expect(isoDay(dayNumber('2023-12-31') + 1)).toBe('2024-01-01');
    expect(isoDay(0)).toBe('1970-01-01');
    expect(isValidIsoDay('2026-02-29')).toBe(false);
    expect(ageOn('2008-11-01', '2026-11-01')).toBe(18);
    expect(ageOn('2008-11-02', '2026-11-01')).toBe(17);
  });
});

describe('demo world', () => {
  it('is deterministic and depends on the seed', () => {
    expect(JSON.stringify(generateWorld())).toBe(JSON.stringify(world));
    const small = generateWorld({ seed: 5, youngCount: 300 });
    expect(generateWorld({ seed: 5, youngCount: 300 })).toEqual(small);
    const other = generateWorld({ seed: 6, youngCount: 300 });
    expect(other.youngs[0].id).not.toBe(small.youngs[0].id);
    expect(other.organisations[0].id).not.toBe(small.organisations[0].id);
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(small));
  });

  it('gives each young person the same path whatever the world size', () => {
    expect(generateWorld({ youngCount: 40 }).youngs).toEqual(world.youngs.slice(0, 40));
    expect([...generateYoungs({ from: 100, youngCount: 120 })]).toEqual(world.youngs.slice(100, 120));
  });

  it('covers the 16 bassins with organisations and offers of every partner', () => {
    expect(world.referenceDate).toBe(REFERENCE_DATE);
    expect(world.territories.filter((t) => t.kind === 'BASSIN')).toHaveLength(16);
    for (const bassin of BASSINS) {
      const here = world.organisations.filter((o) => o.bassin === bassin.code);
      const kinds = new Set(here.map((o) => o.kind));
      for (const kind of [
        'COLLEGE',
        'LYCEE_GENERAL',
        'LYCEE_PROFESSIONNEL',
        'CIO',
        'MLDS',
        'MISSION_LOCALE',
      ] as const)
        expect(kinds).toContain(kind);
      const bassinOffers = world.offers.filter((o) => o.bassin === bassin.code);
      expect(bassinOffers.length).toBeGreaterThanOrEqual(12);
      expect(bassinOffers.length).toBeLessThanOrEqual(45);
      for (const owner of ['education-nationale', 'missions-locales', 'cfa'])
        expect(bassinOffers.some((o) => o.owner === owner)).toBe(true);
    }
    for (const owner of ['education-nationale', 'missions-locales', 'e2c', 'cfa', 'agriculture', 'pjj']) {
      expect(world.organisations.some((o) => o.owner === owner)).toBe(true);
    }
    expect(world.organisations.filter((o) => o.owner === 'pjj')).toHaveLength(5);
  });

  it('has well-formed organisations', () => {
    expect(new Set(world.organisations.map((o) => o.id)).size).toBe(world.organisations.length);
    expect(new Set(world.organisations.map((o) => o.code)).size).toBe(world.organisations.length);
    for (const o of world.organisations) {
      expect(bassinOf.get(o.bassin)!.communes).toContain(o.commune);
      if (['education-nationale', 'cfa', 'agriculture'].includes(o.owner))
        expect(o.code).toMatch(/^0\d{6}[A-Z]$/);
      else expect(o.code).toMatch(/^\d{14}$/);
    }
  });

  it('has offers with real capacities, owned by the organisation that runs them', () => {
    expect(new Set(world.offers.map((o) => o.id)).size).toBe(world.offers.length);
    for (const offer of world.offers) {
      expect(['psad', 'pjj']).not.toContain(offer.owner);
      organisation(offer.organisationId, offer.owner);
      expect(offer.capacity).toBeGreaterThanOrEqual(8);
      expect(offer.capacity).toBeLessThanOrEqual(30);
      expect(offer.taken).toBeGreaterThanOrEqual(0);
      expect(offer.taken).toBeLessThanOrEqual(offer.capacity);
      expect(offer.ageMin).toBeGreaterThanOrEqual(15);
      expect(offer.ageMax).toBeLessThanOrEqual(25);
      expect(offer.ageMin).toBeLessThan(offer.ageMax);
      expect(isValidIsoDay(offer.startsOn)).toBe(true);
      expect(offer.startsOn >= '2026-09-01' && offer.startsOn <= '2027-03-31').toBe(true);
      if (offer.endsOn !== null) {
        expect(isValidIsoDay(offer.endsOn)).toBe(true);
        expect(offer.endsOn > offer.startsOn).toBe(true);
      }
    }
    expect(world.offers.some((o) => o.taken === o.capacity)).toBe(true);
    const ownerOfKind = {
      APPRENTICESHIP: 'cfa',
      PREPARATORY_TRAINING: 'cfa',
      E2C_PATHWAY: 'e2c',
      AGRICULTURAL_TRAINING: 'agriculture',
      SUPPORT_PROGRAMME: 'missions-locales',
    } as const;
    for (const offer of world.offers) {
      const owner = (ownerOfKind as Record<string, string>)[offer.kind];
      if (owner) expect(offer.owner).toBe(owner);
    }
  });

  it('has coherent young people with chronological, cross-checked paths', () => {
    expect(world.youngs).toHaveLength(3000);
    expect(new Set(world.youngs.map((y) => y.id)).size).toBe(world.youngs.length);
    const ines = world.youngs.map((y) => y.ine).filter((ine): ine is string => ine !== null);
    expect(new Set(ines).size).toBe(ines.length);
    expect(ines.length / world.youngs.length).toBeGreaterThan(0.85);
    for (const young of world.youngs) {
      if (young.ine !== null) expect(young.ine).toMatch(/^\d{9}[A-Z]{2}$/);
      const age = ageOn(young.birthDate, world.referenceDate);
      expect(age).toBeGreaterThanOrEqual(14);
      expect(age).toBeLessThanOrEqual(21);
      expect(bassinOf.get(young.bassin)!.communes).toContain(young.commune);
      expect(young.path.length).toBeGreaterThan(0);
      const starts = young.path.map(startOf);
      expect(starts).toEqual([...starts].sort());
      for (const step of young.path) checkStep(young, step);

      // Cross-partner order: listed after leaving, case after listing, contract after the case's interview.
      const listing = young.path.find((s) => s.type === 'siei-listing');
      if (listing) {
        const left = young.path.filter(
          (s) =>
            (s.type === 'enrolment' &&
              s.exitReason !== null &&
              s.exitReason !== 'COMPLETED' &&
              s.endedOn! < listing.detectedOn) ||
            (s.type === 'follow-up' &&
              s.owner === 'cfa' &&
              s.closedOn !== null &&
              s.closedOn < listing.detectedOn),
        );
        expect(left.length).toBeGreaterThan(0);
      }
      for (const c of young.path) {
        if (c.type !== 'psad-case') continue;
        expect(
          listing &&
            listing.type === 'siei-listing' &&
            listing.campaign === c.campaign &&
            listing.detectedOn <= c.openedOn,
        ).toBe(true);
        const contract = young.path.find((s) => s.type === 'foquale-contract');
        if (contract && contract.type === 'foquale-contract') {
          const meeting = c.contacts.find((x) => x.channel === 'MEETING');
          expect(meeting && meeting.at.slice(0, 10) <= contract.initialReviewOn).toBe(true);
        }
      }
    }
  });

  it('mixes the expected kinds of paths', () => {
    const statuses = new Set(
      world.youngs.flatMap((y) => y.path.flatMap((s) => (s.type === 'psad-case' ? [s.status] : []))),
    );
    for (const status of [
      'TO_CONTACT',
      'REVIEW_DONE',
      'SOLUTION_PROPOSED',
      'IN_SOLUTION',
      'UNREACHABLE',
      'REFUSED',
      'MOVED',
      'ALREADY_IN_TRAINING',
    ] as const) {
      expect(statuses).toContain(status);
    }
    const collegiens = world.youngs.filter(
      (y) =>
        ageOn(y.birthDate, world.referenceDate) < 16 &&
        y.path.some(
          (s) => s.type === 'enrolment' && s.endedOn === null && ['3e', '4e'].includes(s.classLevel),
        ),
    );
    expect(collegiens.length).toBeGreaterThan(20);
    const contracts = world.youngs.flatMap((y) => y.path.filter((s) => s.type === 'apprenticeship'));
    const broken =
      contracts.filter((s) => s.type === 'apprenticeship' && s.brokenOn !== null).length / contracts.length;
    expect(broken).toBeGreaterThan(0.1);
    expect(broken).toBeLessThan(0.4);
    const pjj =
      world.youngs.filter((y) => y.path.some((s) => s.type === 'pjj-signal')).length / world.youngs.length;
    expect(pjj).toBeGreaterThan(0.015);
    expect(pjj).toBeLessThan(0.05);
    expect(world.youngs.some((y) => y.path.some((s) => s.type === 'follow-up' && s.offerId !== null))).toBe(
      true,
    );
  });

  it('shows trajectories across at least four partners', () => {
    expect(world.youngs.filter((y) => ownersOf(y).size >= 4).length).toBeGreaterThanOrEqual(50);
    const id = showcaseYoungId(world);
    const young = world.youngs.find((y) => y.id === id)!;
    expect(ageOn(young.birthDate, world.referenceDate)).toBeGreaterThanOrEqual(16);
    const owners = ownersOf(young);
    expect(owners).toContain('pjj');
    owners.delete('pjj');
    expect(owners.size).toBeGreaterThanOrEqual(4);
    // Small worlds keep a showcase too.
    expect(() => showcaseYoungId(generateWorld({ youngCount: 1 }))).not.toThrow();
  });

  it('scales to tens of thousands of young people', () => {
    const big: DemoWorld = generateWorld({ youngCount: 20000 });
    expect(big.youngs).toHaveLength(20000);
    expect(big.youngs[2999]).toEqual(world.youngs[2999]);
  }, 60000);
});
