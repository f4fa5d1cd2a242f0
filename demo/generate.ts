/**
 * The deterministic demo world: the académie de Grenoble's 16 FOQUALE bassins, the
 * organisations and offers of every partner, and young people whose paths cross them.
 *
 * Determinism: every young person draws from their own random stream, derived from the seed
 * and their index. A person therefore does not depend on how many others are generated
 * (`youngCount: 10` is a prefix of `youngCount: 300000`), and `generateYoungs` can stream
 * any number of them in constant memory.
 *
 * Time: the world is seen from `REFERENCE_DATE`. Past events happen strictly before it; only
 * offers (sessions to come) may start or end after it.
 */
import type { SubgraphName } from '../platform/partners';
import { TERRITORIES } from '../platform/reference/territories';
import { REFERENCE_DATE } from './calendar';
import { buildCatalogue, type Catalogue } from './catalogue';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './names';
import { ARCHETYPE_WEIGHTS, walkPath, type Archetype } from './paths';
import { Random, ageOnDay, dayNumber, hashLabel, isoDay, mixSeed } from './random';
import { Trajectory } from './trajectory';
import type { CaseStatus, DemoOffer, DemoOrganisation, DemoStep, DemoWorld, DemoYoung } from './world';

export { REFERENCE_DATE };

export const DEFAULT_SEED = 2026;
export const DEFAULT_YOUNG_COUNT = 3000;

export interface GenerateOptions {
  /** @default 2026 */
  seed?: number;
  /** @default 3000 */
  youngCount?: number;
}

const YOUNG_STREAM = hashLabel('young');
const INE_STREAM = hashLabel('ine');

/** The organisations and offers of a seed; they do not depend on the number of young people. */
export function generateCatalogue(seed: number = DEFAULT_SEED): {
  organisations: DemoOrganisation[];
  offers: DemoOffer[];
} {
  const catalogue = buildCatalogue(seed);
  return { organisations: catalogue.organisations, offers: catalogue.offers };
}

function youngAt(catalogue: Catalogue, seed: number, index: number): DemoYoung {
  const rng = new Random(mixSeed(seed, YOUNG_STREAM, index));
  const id = rng.uuid();
  const sex: 'F' | 'M' = rng.chance(0.45) ? 'F' : 'M';
  const firstName = rng.pick(sex === 'F' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const bassin = rng.weighted(catalogue.bassinWeights);
  const commune = rng.weighted(bassin.communeWeights);
  // The first person is kept for a complete cross-partner trajectory, so that even a tiny
  // world has a showcase.
  const showcase = index === 0;
  const archetype: Archetype = showcase ? 'DROPOUT_MISSION_LOCALE' : rng.weighted(ARCHETYPE_WEIGHTS);
  const ine = showcase || rng.chance(0.93) ? ineFor(seed, index, rng) : null;

  const trajectory = new Trajectory(rng, catalogue, bassin, commune);
  const path = walkPath(trajectory, archetype, showcase);

  return {
    id,
    ine,
    firstName,
    lastName,
    birthDate: isoDay(trajectory.birth),
    sex,
    commune,
    bassin: bassin.profile.code,
    path,
  };
}

/**
 * 9 digits + 2 letters. The digits are an affine bijection of the index modulo 10^9, so INEs
 * never collide (exact in double precision up to ~23 million people).
 */
function ineFor(seed: number, index: number, rng: Random): string {
  const offset = mixSeed(seed, INE_STREAM) % 1_000_000_000;
  const digits = (index * 387_420_489 + offset) % 1_000_000_000;
  return String(digits).padStart(9, '0') + rng.letters(2);
}

function resolve(options: GenerateOptions): { seed: number; youngCount: number } {
  const seed = options.seed ?? DEFAULT_SEED;
  const youngCount = options.youngCount ?? DEFAULT_YOUNG_COUNT;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(youngCount) || youngCount < 0)
    throw new RangeError(`youngCount must be a non-negative integer, got ${youngCount}`);
  return { seed, youngCount };
}

/** The whole demo world; same options, same world. */
export function generateWorld(options: GenerateOptions = {}): DemoWorld {
  const { seed, youngCount } = resolve(options);
  const catalogue = buildCatalogue(seed);
  const youngs = new Array<DemoYoung>(youngCount);
  for (let i = 0; i < youngCount; i++) youngs[i] = youngAt(catalogue, seed, i);
  return {
    seed,
    referenceDate: REFERENCE_DATE,
    territories: TERRITORIES.map((t) => ({ ...t })),
    organisations: catalogue.organisations,
    offers: catalogue.offers,
    youngs,
  };
}

/**
 * Streams young people `from` (default 0) up to `youngCount` without holding them all, for
 * scale runs; they are exactly those `generateWorld` returns with the same seed.
 */
export function* generateYoungs(options: GenerateOptions & { from?: number } = {}): Generator<DemoYoung> {
  const { seed, youngCount } = resolve(options);
  const catalogue = buildCatalogue(seed);
  for (let i = options.from ?? 0; i < youngCount; i++) yield youngAt(catalogue, seed, i);
}

/** The subgraphs a young person's path touches. */
export function ownersOf(young: DemoYoung): Set<SubgraphName> {
  const owners = new Set<SubgraphName>();
  for (const step of young.path) owners.add(ownerOfStep(step));
  return owners;
}

export function ownerOfStep(step: DemoStep): SubgraphName {
  switch (step.type) {
    case 'enrolment':
    case 'dropout-signal':
    case 'foquale-contract':
      return 'education-nationale';
    case 'siei-listing':
    case 'psad-case':
      return 'psad';
    case 'follow-up':
      return step.owner;
    case 'apprenticeship':
      return 'cfa';
    case 'obligation-de-formation':
      return 'missions-locales';
    case 'pjj-signal':
      return 'pjj';
  }
}

/**
 * The young person the README's example query shows: the first one, 16 or older, whose path
 * touches at least four partners besides the PJJ, preferring one with a PJJ signal.
 */
export function showcaseYoungId(world: DemoWorld): string {
  const reference = dayNumber(world.referenceDate);
  let fallback: string | null = null;
  for (const young of world.youngs) {
    if (ageOnDay(dayNumber(young.birthDate), reference) < 16) continue;
    const owners = ownersOf(young);
    const hasPjj = owners.delete('pjj');
    if (owners.size < 4) continue;
    if (hasPjj) return young.id;
    fallback ??= young.id;
  }
  if (fallback === null) throw new Error('no young person touches four partners: generate more young people');
  return fallback;
}

const CLOSED_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'UNREACHABLE',
  'REFUSED',
  'MOVED',
  'ALREADY_IN_TRAINING',
]);

/** Whether a PSAD case status ends the case (such cases always carry `closedOn`). */
export function isClosedCaseStatus(status: CaseStatus): boolean {
  return CLOSED_STATUSES.has(status);
}
