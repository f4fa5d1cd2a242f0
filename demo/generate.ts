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
import {
  APPRENTICESHIP_QUALIFICATIONS,
  AGRICULTURAL_PROGRAMMES,
  ADULT_FIRST_NAMES,
  CAP_TRACKS,
  ELSEWHERE_NOTES,
  FEMALE_FIRST_NAMES,
  FOQUALE_NEEDS,
  INTERNSHIP_SECTORS,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  MISSION_LOCALE_INTERVIEWS,
  MISSION_LOCALE_TRAININGS,
  MLDS_ACTIONS,
  PRO_TRACKS,
  REVIEW_NOTES,
  SCHOOL_PATRONS,
  SERVICE_CIVIQUE_MISSIONS,
  SIGNAL_ACTIONS,
  type AgriculturalProgramme,
  type CfaSector,
  type Qualification,
} from './names';
import {
  Random,
  addYearsToDay,
  ageOnDay,
  civilFromDay,
  dayFromCivil,
  dayNumber,
  hashLabel,
  isoDay,
  isoInstant,
  maxDay,
  mixSeed,
  nextWorkday,
  weekday,
} from './random';
import { BASSINS, TERRITORIES, type BassinProfile } from '../platform/reference/territories';
import type {
  CaseStatus,
  DemoOffer,
  DemoOfferAudience,
  DemoOfferKind,
  DemoOrganisation,
  DemoStep,
  DemoWorld,
  DemoYoung,
  DropoutSignalStep,
  EnrolmentStep,
  FollowUpStep,
  FoqualeContractStep,
  ObligationDeFormationStep,
  OrganisationKind,
  PsadCaseStep,
} from './world';

export const REFERENCE_DATE = '2026-11-01';
export const DEFAULT_SEED = 2026;
export const DEFAULT_YOUNG_COUNT = 3000;

export interface GenerateOptions {
  /** @default 2026 */
  seed?: number;
  /** @default 3000 */
  youngCount?: number;
}

const REF = dayNumber(REFERENCE_DATE);
/** The last day a past event may fall on. */
const LAST = REF - 1;
/** Follow-ups opened from this day on belong to the current season and point at its offers. */
const LINK_FROM = dayNumber('2026-08-15');
const OFFERS_FROM = dayNumber('2026-09-01');
/** Those who leave school from this day on may find a solution before the autumn SIEI list. */
const SUMMER_2026 = dayNumber('2026-07-01');
/** Missions locales and E2C sites reopen after the summer from this day. */
const SUMMER_REOPENING = dayNumber('2026-08-24');
const OFFERS_TO = dayNumber('2027-03-31');

// ---------------------------------------------------------------------------------------------
// Territory facts the generator relies on

/** Rough relative size of each bassin's 15-21 population. */
const BASSIN_WEIGHT: Record<string, number> = {
  '07-MER': 5,
  '07-VER': 3,
  '26-CEN': 7,
  '26-COL': 4,
  '26-SUD': 5,
  '38-GRE': 16,
  '38-CEN': 6,
  '38-RHO': 5,
  '38-NOR': 9,
  '74-ANN': 8,
  '74-FMB': 6,
  '74-GEN': 7,
  '74-CHA': 5,
  '73-CHY': 8,
  '73-ALB': 3,
  '73-MAU': 2,
};

const MICRO_LYCEE_BASSINS = new Set(['38-GRE', '26-CEN', '73-CHY', '74-ANN', '07-MER']);

const E2C_SITES = [
  { bassin: '38-GRE', commune: 'Grenoble', network: 'E2C Isère' },
  { bassin: '38-NOR', commune: 'Bourgoin-Jallieu', network: 'E2C Isère' },
  { bassin: '38-RHO', commune: 'Vienne', network: 'E2C Isère' },
  { bassin: '26-CEN', commune: 'Valence', network: 'E2C Drôme-Ardèche' },
  { bassin: '07-MER', commune: 'Aubenas', network: 'E2C Drôme-Ardèche' },
  { bassin: '73-CHY', commune: 'Chambéry', network: 'E2C Savoie' },
  { bassin: '74-ANN', commune: 'Annecy', network: 'E2C Haute-Savoie' },
  { bassin: '74-GEN', commune: 'Annemasse', network: 'E2C Haute-Savoie' },
];

const CFAS: { name: string; bassin: string; commune: string; sectors: CfaSector[]; prepa: string }[] = [
  {
    name: 'CFA du BTP de l’Ardèche',
    bassin: '07-MER',
    commune: 'Aubenas',
    sectors: ['BTP'],
    prepa: 'métiers du bâtiment',
  },
  {
    name: 'CFA de la Chambre de métiers de l’Ardèche',
    bassin: '07-VER',
    commune: 'Annonay',
    sectors: ['BOUCHE', 'SERVICES', 'AUTOMOBILE', 'COMMERCE'],
    prepa: 'métiers de l’artisanat',
  },
  {
    name: 'CFA du BTP de la Drôme',
    bassin: '26-CEN',
    commune: 'Valence',
    sectors: ['BTP'],
    prepa: 'métiers du bâtiment',
  },
  {
    name: 'CFA des métiers de bouche de la Drôme',
    bassin: '26-COL',
    commune: 'Romans-sur-Isère',
    sectors: ['BOUCHE', 'HOTELLERIE'],
    prepa: 'métiers de bouche',
  },
  {
    name: 'CFA de l’industrie Drôme-Ardèche',
    bassin: '26-SUD',
    commune: 'Montélimar',
    sectors: ['INDUSTRIE', 'AUTOMOBILE'],
    prepa: 'métiers de l’industrie',
  },
  {
    name: 'CFA du BTP de l’Isère',
    bassin: '38-GRE',
    commune: 'Échirolles',
    sectors: ['BTP'],
    prepa: 'métiers du bâtiment',
  },
  {
    name: 'CFA des métiers de bouche et de l’hôtellerie de l’Isère',
    bassin: '38-NOR',
    commune: 'Bourgoin-Jallieu',
    sectors: ['BOUCHE', 'HOTELLERIE'],
    prepa: 'métiers de bouche',
  },
  {
    name: 'CFA de l’industrie de l’Isère',
    bassin: '38-CEN',
    commune: 'Moirans',
    sectors: ['INDUSTRIE', 'AUTOMOBILE'],
    prepa: 'métiers de l’industrie',
  },
  {
    name: 'CFA du BTP de Savoie',
    bassin: '73-CHY',
    commune: 'Chambéry',
    sectors: ['BTP'],
    prepa: 'métiers du bâtiment',
  },
  {
    name: 'CFA des métiers de la montagne et du tourisme',
    bassin: '73-ALB',
    commune: 'Albertville',
    sectors: ['HOTELLERIE', 'COMMERCE', 'SERVICES'],
    prepa: 'métiers du tourisme',
  },
  {
    name: 'CFA du BTP de Haute-Savoie',
    bassin: '74-ANN',
    commune: 'Annecy',
    sectors: ['BTP'],
    prepa: 'métiers du bâtiment',
  },
  {
    name: 'CFA de l’industrie de la vallée de l’Arve',
    bassin: '74-FMB',
    commune: 'Cluses',
    sectors: ['INDUSTRIE'],
    prepa: 'métiers du décolletage',
  },
  {
    name: 'CFA des métiers de l’artisanat de Haute-Savoie',
    bassin: '74-GEN',
    commune: 'Annemasse',
    sectors: ['BOUCHE', 'SERVICES', 'AUTOMOBILE', 'COMMERCE'],
    prepa: 'métiers de l’artisanat',
  },
];

const AGRICULTURAL_SITES: {
  name: string;
  kind: 'LYCEE_AGRICOLE' | 'CFPPA';
  bassin: string;
  commune: string;
}[] = [
  { name: 'Lycée agricole Olivier de Serres', kind: 'LYCEE_AGRICOLE', bassin: '07-MER', commune: 'Aubenas' },
  { name: 'CFPPA d’Annonay', kind: 'CFPPA', bassin: '07-VER', commune: 'Annonay' },
  {
    name: 'Lycée agricole du Valentin',
    kind: 'LYCEE_AGRICOLE',
    bassin: '26-CEN',
    commune: 'Bourg-lès-Valence',
  },
  { name: 'CFPPA de Nyons', kind: 'CFPPA', bassin: '26-SUD', commune: 'Nyons' },
  { name: 'CFPPA du Grésivaudan', kind: 'CFPPA', bassin: '38-GRE', commune: 'Meylan' },
  {
    name: 'Lycée agricole de Saint-Marcellin',
    kind: 'LYCEE_AGRICOLE',
    bassin: '38-CEN',
    commune: 'Saint-Marcellin',
  },
  { name: 'Lycée agricole de Vienne-Seyssuel', kind: 'LYCEE_AGRICOLE', bassin: '38-RHO', commune: 'Vienne' },
  {
    name: 'Lycée agricole de La Tour-du-Pin',
    kind: 'LYCEE_AGRICOLE',
    bassin: '38-NOR',
    commune: 'La Tour-du-Pin',
  },
  { name: 'Lycée agricole Reinach', kind: 'LYCEE_AGRICOLE', bassin: '73-CHY', commune: 'La Motte-Servolex' },
  { name: 'Lycée agricole de l’Albanais', kind: 'LYCEE_AGRICOLE', bassin: '74-ANN', commune: 'Rumilly' },
  { name: 'Lycée agricole de Bonneville', kind: 'LYCEE_AGRICOLE', bassin: '74-FMB', commune: 'Bonneville' },
];

const PJJ_UNITS = [
  { departement: '07', bassin: '07-MER', commune: 'Privas', name: 'UEMO de Privas' },
  { departement: '26', bassin: '26-CEN', commune: 'Valence', name: 'UEMO de Valence' },
  { departement: '38', bassin: '38-GRE', commune: 'Grenoble', name: 'UEMO de Grenoble' },
  { departement: '73', bassin: '73-CHY', commune: 'Chambéry', name: 'UEMO de Chambéry' },
  { departement: '74', bassin: '74-ANN', commune: 'Annecy', name: 'UEMO d’Annecy' },
];

/** Landline prefix of each bassin, for the PJJ contact numbers. */
function phonePrefix(bassin: BassinProfile): string {
  if (bassin.departement === '07' || bassin.departement === '26') return '04 75';
  if (bassin.departement === '73') return '04 79';
  if (bassin.departement === '74') return '04 50';
  return bassin.code === '38-RHO' || bassin.code === '38-NOR' ? '04 74' : '04 76';
}

/** 'de Grenoble', 'd’Annecy', 'du Teil', 'de La Tour-du-Pin'. */
function ofPlace(commune: string): string {
  if (commune.startsWith('Le ')) return `du ${commune.slice(3)}`;
  if (commune.startsWith('Les ')) return `des ${commune.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔ]/.test(commune)) return `d’${commune}`;
  return `de ${commune}`;
}

// ---------------------------------------------------------------------------------------------
// School calendar and SIEI campaigns

interface SchoolYear {
  index: number;
  label: string;
  startYear: number;
  start: number;
  end: number;
}

const SCHOOL_YEARS: SchoolYear[] = [
  ['2021-09-02', '2022-07-07'],
  ['2022-09-01', '2023-07-08'],
  ['2023-09-04', '2024-07-06'],
  ['2024-09-02', '2025-07-05'],
  ['2025-09-01', '2026-07-04'],
  ['2026-09-01', '2027-07-03'],
  ['2027-09-01', '2028-07-01'],
  ['2028-09-01', '2029-07-07'],
].map(([start, end], index) => {
  const startYear = Number(start.slice(0, 4));
  return {
    index,
    label: `${startYear}-${startYear + 1}`,
    startYear,
    start: dayNumber(start),
    end: dayNumber(end),
  };
});

/** The school year a day belongs to; summer days belong to the year that just ended. */
function schoolYearOf(day: number): SchoolYear {
  for (let i = SCHOOL_YEARS.length - 1; i >= 0; i--) if (SCHOOL_YEARS[i].start <= day) return SCHOOL_YEARS[i];
  return SCHOOL_YEARS[0];
}

function schoolYearStarting(startYear: number): SchoolYear {
  const year = SCHOOL_YEARS.find((y) => y.startYear === startYear);
  if (!year) throw new RangeError(`no school year starting in ${startYear}`);
  return year;
}

/** End of a training of `years` years that starts on `start`: the end of its last school year. */
function trainingEnd(start: number, years: number): number {
  const index = schoolYearOf(start).index + years - 1;
  return index < SCHOOL_YEARS.length ? SCHOOL_YEARS[index].end : REF + 1000;
}

interface Campaign {
  label: string;
  from: number;
  to: number;
}

/** SIEI cross-matchings run twice a year; the lists reach the PSAD within these windows. */
const CAMPAIGNS: Campaign[] = [
  ['2024-S1', '2024-03-11', '2024-03-29'],
  ['2024-S2', '2024-10-07', '2024-10-25'],
  ['2025-S1', '2025-03-10', '2025-03-28'],
  ['2025-S2', '2025-10-06', '2025-10-24'],
  ['2026-S1', '2026-03-09', '2026-03-27'],
  ['2026-S2', '2026-10-05', '2026-10-23'],
].map(([label, from, to]) => ({ label, from: dayNumber(from), to: dayNumber(to) }));

/** SIEI needs about three weeks to notice that someone has not re-enrolled anywhere. */
const SIEI_DELAY = 21;

// ---------------------------------------------------------------------------------------------
// Catalogue: organisations and offers

interface NearOffer {
  offer: DemoOffer;
  start: number;
}

interface BassinIndex {
  profile: BassinProfile;
  psad: { code: string; name: string };
  communeWeights: [string, number][];
  colleges: DemoOrganisation[];
  lycees: DemoOrganisation[];
  lps: DemoOrganisation[];
  cio: DemoOrganisation;
  mlds: DemoOrganisation;
  microLycee: DemoOrganisation | null;
  missionsLocales: DemoOrganisation[];
  e2cSites: DemoOrganisation[];
  cfas: DemoOrganisation[];
  agriculturalSites: DemoOrganisation[];
  pjjUnit: DemoOrganisation;
  /** Offers by `owner|kind`: the bassin's own, or the département's when the bassin has none. */
  offers: Map<string, NearOffer[]>;
}

interface Catalogue {
  organisations: DemoOrganisation[];
  offers: DemoOffer[];
  bassins: BassinIndex[];
  bassinWeights: [BassinIndex, number][];
  organisationById: Map<string, DemoOrganisation>;
  lpTracks: Map<string, { pro: string[]; cap: string[] }>;
  cfaQualifications: Map<string, Qualification[]>;
  /** Qualification of each apprenticeship offer, programme of each agricultural offer. */
  offerQualification: Map<string, Qualification>;
  offerProgramme: Map<string, AgriculturalProgramme>;
}

const UAI_KEYS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function offerKey(owner: SubgraphName, kind: DemoOfferKind): string {
  return `${owner}|${kind}`;
}

/** The organisations and offers of a seed; they do not depend on the number of young people. */
export function generateCatalogue(seed: number = DEFAULT_SEED): {
  organisations: DemoOrganisation[];
  offers: DemoOffer[];
} {
  const catalogue = buildCatalogue(seed);
  return { organisations: catalogue.organisations, offers: catalogue.offers };
}

function buildCatalogue(seed: number): Catalogue {
  const rng = Random.derive(seed, 'catalogue');
  const organisations: DemoOrganisation[] = [];
  const offers: DemoOffer[] = [];
  const usedCodes = new Set<string>();
  const lpTracks = new Map<string, { pro: string[]; cap: string[] }>();
  const cfaQualifications = new Map<string, Qualification[]>();
  const offerQualification = new Map<string, Qualification>();
  const offerProgramme = new Map<string, AgriculturalProgramme>();

  const uai = (departement: string): string => {
    for (;;) {
      const number = `0${departement}${rng.digits(4)}`;
      const code = number + UAI_KEYS[Number(number) % 23];
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };
  // 14 digits passing the Luhn check, like a SIRET.
  const siret = (): string => {
    for (;;) {
      const body = rng.digits(13);
      let sum = 0;
      for (let i = 0; i < body.length; i++) {
        let digit = body.charCodeAt(body.length - 1 - i) - 48;
        if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
        sum += digit;
      }
      const code = body + String((10 - (sum % 10)) % 10);
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };
  const addOrganisation = (
    owner: SubgraphName,
    kind: OrganisationKind,
    name: string,
    code: string,
    bassin: string,
    commune: string,
  ) => {
    const organisation: DemoOrganisation = { id: rng.uuid(), owner, kind, name, code, bassin, commune };
    organisations.push(organisation);
    return organisation;
  };

  const patronPools = {
    college: rng.shuffle(SCHOOL_PATRONS),
    lycee: rng.shuffle(SCHOOL_PATRONS),
    lp: rng.shuffle(SCHOOL_PATRONS),
  };
  const patronCursor = { college: 0, lycee: 0, lp: 0 };
  const nextPatron = (pool: keyof typeof patronPools) =>
    patronPools[pool][patronCursor[pool]++ % patronPools[pool].length];
  const schoolCommune = (profile: BassinProfile, rank: number) =>
    rank === 0
      ? profile.communes[0]
      : rng.weighted(profile.communes.map((c, i) => [c, i === 0 ? 2 : 1] as const));

  interface EnSchools {
    colleges: DemoOrganisation[];
    lycees: DemoOrganisation[];
    lps: DemoOrganisation[];
    cio: DemoOrganisation;
    mlds: DemoOrganisation;
    microLycee: DemoOrganisation | null;
    missionsLocales: DemoOrganisation[];
  }
  const perBassin = new Map<string, EnSchools>();

  for (const profile of BASSINS) {
    const weight = BASSIN_WEIGHT[profile.code];
    const dep = profile.departement;
    const main = profile.communes[0];
    const colleges: DemoOrganisation[] = [];
    const lycees: DemoOrganisation[] = [];
    const lps: DemoOrganisation[] = [];
    const collegeCount = 3 + Math.round(weight / 4);
    const lyceeCount = 1 + (weight >= 6 ? 1 : 0) + (weight >= 12 ? 1 : 0);
    const lpCount = 2 + (weight >= 7 ? 1 : 0) + (weight >= 14 ? 1 : 0);
    for (let i = 0; i < collegeCount; i++) {
      colleges.push(
        addOrganisation(
          'education-nationale',
          'COLLEGE',
          `Collège ${nextPatron('college')}`,
          uai(dep),
          profile.code,
          schoolCommune(profile, i),
        ),
      );
    }
    for (let i = 0; i < lyceeCount; i++) {
      lycees.push(
        addOrganisation(
          'education-nationale',
          'LYCEE_GENERAL',
          `Lycée ${nextPatron('lycee')}`,
          uai(dep),
          profile.code,
          schoolCommune(profile, i),
        ),
      );
    }
    for (let i = 0; i < lpCount; i++) {
      const lp = addOrganisation(
        'education-nationale',
        'LYCEE_PROFESSIONNEL',
        `Lycée professionnel ${nextPatron('lp')}`,
        uai(dep),
        profile.code,
        schoolCommune(profile, i),
      );
      lpTracks.set(lp.id, { pro: rng.sample(PRO_TRACKS, 2), cap: rng.sample(CAP_TRACKS, 2) });
      lps.push(lp);
    }
    const cio = addOrganisation(
      'education-nationale',
      'CIO',
      `CIO ${ofPlace(main)}`,
      uai(dep),
      profile.code,
      main,
    );
    const mlds = addOrganisation(
      'education-nationale',
      'MLDS',
      `MLDS – bassin ${profile.name}`,
      uai(dep),
      profile.code,
      main,
    );
    const microLycee = MICRO_LYCEE_BASSINS.has(profile.code)
      ? addOrganisation(
          'education-nationale',
          'MICRO_LYCEE',
          `Micro-lycée ${ofPlace(main)}`,
          uai(dep),
          profile.code,
          main,
        )
      : null;
    const missionsLocales: DemoOrganisation[] = [];
    const mlCount = 1 + (weight >= 6 ? 1 : 0);
    for (let i = 0; i < mlCount; i++) {
      const commune = profile.communes[i];
      missionsLocales.push(
        addOrganisation(
          'missions-locales',
          'MISSION_LOCALE',
          `Mission locale ${ofPlace(commune)}`,
          siret(),
          profile.code,
          commune,
        ),
      );
    }
    perBassin.set(profile.code, { colleges, lycees, lps, cio, mlds, microLycee, missionsLocales });
  }

  const e2cSites = E2C_SITES.map((s) =>
    addOrganisation(
      'e2c',
      'E2C_SITE',
      `${s.network} – site ${ofPlace(s.commune)}`,
      siret(),
      s.bassin,
      s.commune,
    ),
  );
  const cfaSites = CFAS.map((c) => {
    const cfa = addOrganisation('cfa', 'CFA', c.name, uai(c.bassin.slice(0, 2)), c.bassin, c.commune);
    cfaQualifications.set(
      cfa.id,
      APPRENTICESHIP_QUALIFICATIONS.filter((q) => c.sectors.includes(q.sector)),
    );
    return cfa;
  });
  const agriculturalSites = AGRICULTURAL_SITES.map((a) =>
    addOrganisation('agriculture', a.kind, a.name, uai(a.bassin.slice(0, 2)), a.bassin, a.commune),
  );
  const pjjUnits = PJJ_UNITS.map((p) =>
    addOrganisation('pjj', 'PJJ_UNIT', p.name, siret(), p.bassin, p.commune),
  );

  // Offers --------------------------------------------------------------------------------------

  const offerStart = (kind: DemoOfferKind): number => {
    const atRentree =
      kind === 'SCHOOL_PLACE' ||
      kind === 'MICRO_LYCEE' ||
      kind === 'PAFI' ||
      kind === 'AGRICULTURAL_TRAINING' ||
      kind === 'APPRENTICESHIP';
    if (atRentree && rng.chance(0.55)) return OFFERS_FROM;
    let day = rng.int(OFFERS_FROM, OFFERS_TO);
    // Sessions start on weekdays; stepping back keeps them inside the window.
    while (weekday(day) === 0 || weekday(day) === 6) day--;
    return day;
  };
  const juneAfter = (start: number, years: number) => dayFromCivil(civilFromDay(start)[0] + years, 6, 30);
  const offerEnd = (kind: DemoOfferKind, start: number, years: number): number | null => {
    switch (kind) {
      case 'SCHOOL_PLACE':
      case 'MICRO_LYCEE':
      case 'PAFI':
        return schoolYearOf(start).end;
      case 'MLDS_ACTION':
        return start + rng.int(90, 180);
      case 'SERVICE_CIVIQUE':
        return start + rng.int(180, 300);
      case 'SUPPORT_PROGRAMME':
        return null;
      case 'E2C_PATHWAY':
        return start + rng.int(180, 270);
      case 'PREPARATORY_TRAINING':
        return start + rng.int(60, 120);
      case 'APPRENTICESHIP':
      case 'AGRICULTURAL_TRAINING':
        return juneAfter(start, years);
    }
  };
  const addOffer = (
    organisation: DemoOrganisation,
    kind: DemoOfferKind,
    title: string,
    track: string | null,
    level: string | null,
    ages: [number, number],
    where: { bassin: string; commune: string } = organisation,
    years = 1,
  ): DemoOffer => {
    const start = offerStart(kind);
    const end = offerEnd(kind, start, years);
    const capacity = rng.int(8, 30);
    const taken = rng.chance(0.15) ? capacity : rng.int(0, capacity - 1);
    const offer: DemoOffer = {
      id: rng.uuid(),
      owner: organisation.owner,
      organisationId: organisation.id,
      kind,
      title,
      track,
      level,
      bassin: where.bassin,
      commune: where.commune,
      capacity,
      taken,
      ageMin: ages[0],
      ageMax: ages[1],
      startsOn: isoDay(start),
      endsOn: end === null ? null : isoDay(end),
      // Derived, not drawn: the random stream (and so every id of the world) stays as it was.
      audiences: offerAudiences(kind, level, ages[0], ages[1]),
    };
    offers.push(offer);
    return offer;
  };

  for (const profile of BASSINS) {
    const en = perBassin.get(profile.code)!;
    for (const lp of en.lps) {
      const tracks = lpTracks.get(lp.id)!;
      const proLevel = rng.chance(0.75) ? '2nde pro' : '1re pro';
      const proTrack = rng.pick(tracks.pro);
      addOffer(
        lp,
        'SCHOOL_PLACE',
        `Places vacantes – ${proLevel} ${proTrack}`,
        proTrack,
        proLevel,
        proLevel === '2nde pro' ? [15, 18] : [16, 19],
      );
      const capTrack = rng.pick(tracks.cap);
      addOffer(lp, 'SCHOOL_PLACE', `Places vacantes – CAP ${capTrack}`, capTrack, 'CAP 1', [15, 20]);
    }
    if (rng.chance(0.5)) {
      addOffer(
        en.lycees[0],
        'SCHOOL_PLACE',
        'Places vacantes – 2nde générale et technologique',
        null,
        '2nde GT',
        [15, 18],
      );
    }
    if (en.microLycee) {
      addOffer(
        en.microLycee,
        'MICRO_LYCEE',
        'Micro-lycée – raccrochage vers le baccalauréat',
        'Baccalauréat général',
        '1re générale',
        [16, 25],
      );
    }
    for (const action of rng.sample(MLDS_ACTIONS, 2)) {
      addOffer(en.mlds, 'MLDS_ACTION', `${action} (MLDS)`, action, null, [16, 20]);
    }
    addOffer(
      rng.pick(en.lps),
      'PAFI',
      'PAFI – parcours aménagé de formation initiale',
      'Parcours aménagé de formation initiale',
      null,
      [15, 18],
    );
    const domain = rng.pick(SERVICE_CIVIQUE_MISSIONS);
    addOffer(
      en.mlds,
      'SERVICE_CIVIQUE',
      `Service civique combiné avec la MLDS – ${domain}`,
      'Service civique combiné',
      null,
      [16, 25],
    );

    for (const ml of en.missionsLocales) {
      addOffer(ml, 'SUPPORT_PROGRAMME', 'Contrat d’engagement jeune (CEJ)', 'CEJ', null, [16, 25]);
      addOffer(
        ml,
        'SUPPORT_PROGRAMME',
        'Parcours contractualisé d’accompagnement (PACEA)',
        'PACEA',
        null,
        [16, 25],
      );
      if (rng.chance(0.6)) {
        const mission = rng.pick(SERVICE_CIVIQUE_MISSIONS);
        addOffer(ml, 'SERVICE_CIVIQUE', `Mission de service civique – ${mission}`, mission, null, [16, 25]);
      }
    }
  }
  for (const site of e2cSites) {
    for (let i = 0; i < 2; i++) {
      const offer = addOffer(site, 'E2C_PATHWAY', 'Parcours E2C', 'Parcours E2C', null, [16, 25]);
      offer.title = `Parcours E2C – entrée du ${formatFrenchDay(dayNumber(offer.startsOn))}`;
    }
  }
  // Apprenticeship places sit at employers across the département, not only near the CFA.
  const addApprenticeship = (cfa: DemoOrganisation, qualification: Qualification, bassin: BassinProfile) => {
    const offer = addOffer(
      cfa,
      'APPRENTICESHIP',
      `Apprentissage – ${qualification.diploma} ${qualification.trade}`,
      qualification.trade,
      qualification.diploma,
      qualification.diploma === 'CAP' ? [15, 25] : [16, 25],
      { bassin: bassin.code, commune: rng.pick(bassin.communes) },
      qualification.years,
    );
    offerQualification.set(offer.id, qualification);
  };
  CFAS.forEach((facts, i) => {
    const cfa = cfaSites[i];
    addOffer(
      cfa,
      'PREPARATORY_TRAINING',
      `Prépa-apprentissage – découverte des ${facts.prepa}`,
      'Prépa-apprentissage',
      null,
      [16, 25],
    );
    const home = BASSINS.find((b) => b.code === facts.bassin)!;
    const departementBassins = BASSINS.filter((b) => b.departement === home.departement);
    for (const qualification of rng.sample(cfaQualifications.get(cfa.id)!, rng.int(6, 9))) {
      addApprenticeship(cfa, qualification, rng.chance(0.45) ? home : rng.pick(departementBassins));
    }
  });
  for (const profile of BASSINS) {
    if (offers.some((o) => o.kind === 'APPRENTICESHIP' && o.bassin === profile.code)) continue;
    const cfas = cfaSites.filter((c) => c.bassin.startsWith(profile.departement));
    for (let i = 0; i < 2; i++) {
      const cfa = rng.pick(cfas);
      addApprenticeship(cfa, rng.pick(cfaQualifications.get(cfa.id)!), profile);
    }
  }
  for (const site of agriculturalSites) {
    const adult = site.kind === 'CFPPA';
    const programmes = AGRICULTURAL_PROGRAMMES.filter((p) => p.adult === adult);
    for (const programme of rng.sample(programmes, adult ? 2 : 3)) {
      const title = programme.label.includes(programme.title)
        ? programme.label
        : `${programme.label} – ${programme.title}`;
      const offer = addOffer(
        site,
        'AGRICULTURAL_TRAINING',
        title,
        programme.title,
        programme.diploma,
        adult ? [18, 25] : [15, 20],
        site,
        programme.years,
      );
      offerProgramme.set(offer.id, programme);
    }
  }

  // Indexes -------------------------------------------------------------------------------------

  const organisationById = new Map(organisations.map((o) => [o.id, o]));
  const offersByBassin = new Map<string, Map<string, NearOffer[]>>();
  const offersByDepartement = new Map<string, Map<string, NearOffer[]>>();
  const addTo = (
    index: Map<string, Map<string, NearOffer[]>>,
    area: string,
    key: string,
    near: NearOffer,
  ) => {
    let byKey = index.get(area);
    if (!byKey) index.set(area, (byKey = new Map()));
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(near);
  };
  for (const offer of offers) {
    const near = { offer, start: dayNumber(offer.startsOn) };
    const key = offerKey(offer.owner, offer.kind);
    addTo(offersByBassin, offer.bassin, key, near);
    addTo(offersByDepartement, offer.bassin.slice(0, 2), key, near);
  }

  const bassins: BassinIndex[] = BASSINS.map((profile) => {
    const en = perBassin.get(profile.code)!;
    const dep = profile.departement;
    const nearest = (sites: DemoOrganisation[]) => {
      const inBassin = sites.filter((s) => s.bassin === profile.code);
      return inBassin.length > 0 ? inBassin : sites.filter((s) => s.bassin.startsWith(dep));
    };
    const offersNear = new Map<string, NearOffer[]>();
    const own = offersByBassin.get(profile.code) ?? new Map<string, NearOffer[]>();
    const departemental = offersByDepartement.get(dep) ?? new Map<string, NearOffer[]>();
    for (const [key, list] of departemental) offersNear.set(key, own.get(key) ?? list);
    return {
      profile,
      psad: { code: `PSAD-${profile.code}`, name: `PSAD ${profile.name}` },
      communeWeights: profile.communes.map((c, i) => [c, i === 0 ? 3 : 1] as [string, number]),
      ...en,
      e2cSites: nearest(e2cSites),
      cfas: cfaSites.filter((c) => c.bassin.startsWith(dep)),
      agriculturalSites: nearest(agriculturalSites),
      pjjUnit: pjjUnits.find((u) => u.bassin.startsWith(dep))!,
      offers: offersNear,
    };
  });
  for (const index of bassins) {
    if (index.e2cSites.length === 0 || index.cfas.length === 0 || index.agriculturalSites.length === 0) {
      throw new Error(`bassin ${index.profile.code} has no E2C, CFA or agricultural school nearby`);
    }
  }

  return {
    organisations,
    offers,
    bassins,
    bassinWeights: bassins.map((b) => [b, BASSIN_WEIGHT[b.profile.code]]),
    organisationById,
    lpTracks,
    cfaQualifications,
    offerQualification,
    offerProgramme,
  };
}

/**
 * The publics an offer is open to, from its kind, level and ages (the rule the kit's migration
 * 1764000000900 applied to offers stored before it): BP, BTS and mentions complémentaires need a
 * CAP or a bac; an offer open to some 16-17 year-olds meets their obligation de formation;
 * programmes, apprenticeships (a second CAP, a bac pro), service civique, micro-lycées, 1re pro
 * places (after a CAP) and the CFPPAs' adult training also take diploma holders.
 */
export function offerAudiences(
  kind: DemoOfferKind,
  level: string | null,
  ageMin: number,
  ageMax: number,
): DemoOfferAudience[] {
  const lowered = (level ?? '').toLowerCase();
  const needsDiploma = /^(bp|bts|mc)/.test(lowered);
  const audiences: DemoOfferAudience[] = [];
  if (!needsDiploma) audiences.push('DECROCHES');
  if (ageMin <= 17 && ageMax >= 16) audiences.push('OBLIGATION_FORMATION_16_18');
  if (!needsDiploma) audiences.push('WITHOUT_DIPLOMA');
  const takesDiplomaHolders =
    ['SUPPORT_PROGRAMME', 'SERVICE_CIVIQUE', 'APPRENTICESHIP', 'MICRO_LYCEE'].includes(kind) ||
    needsDiploma ||
    lowered.startsWith('1re pro') ||
    (kind === 'AGRICULTURAL_TRAINING' && ageMin >= 18);
  if (takesDiplomaHolders) audiences.push('WITH_DIPLOMA');
  return audiences;
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

function formatFrenchDay(day: number): string {
  const [y, m, d] = civilFromDay(day);
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

// ---------------------------------------------------------------------------------------------
// Young people

type Archetype =
  | 'DROPOUT_FOQUALE'
  | 'DROPOUT_MISSION_LOCALE'
  | 'DROPOUT_E2C'
  | 'APPRENTICESHIP'
  | 'AGRICULTURE'
  | 'STILL_ENROLLED'
  | 'UNREACHABLE_OR_REFUSED'
  | 'LISTED_ELSEWHERE';

/** Share of each path among the young people the hub hears about (percent). */
export const ARCHETYPE_WEIGHTS: readonly (readonly [Archetype, number])[] = [
  ['DROPOUT_FOQUALE', 17],
  ['DROPOUT_MISSION_LOCALE', 16],
  ['DROPOUT_E2C', 7],
  ['APPRENTICESHIP', 15],
  ['AGRICULTURE', 6],
  ['STILL_ENROLLED', 25],
  ['UNREACHABLE_OR_REFUSED', 9],
  ['LISTED_ELSEWHERE', 5],
];

/** Probability of a published PJJ signal, by archetype family. */
const PJJ_RATE: Record<Archetype, number> = {
  DROPOUT_FOQUALE: 0.045,
  DROPOUT_MISSION_LOCALE: 0.045,
  DROPOUT_E2C: 0.045,
  UNREACHABLE_OR_REFUSED: 0.045,
  LISTED_ELSEWHERE: 0.045,
  APPRENTICESHIP: 0.025,
  AGRICULTURE: 0.025,
  STILL_ENROLLED: 0.015,
};

type Family = 'COLLEGE' | 'GENERAL' | 'PRO' | 'CAP';

const LEVELS: Record<Family, string[]> = {
  COLLEGE: ['6e', '5e', '4e', '3e'],
  GENERAL: ['2nde GT', '1re générale', 'Tle générale'],
  PRO: ['2nde pro', '1re pro', 'Tle pro'],
  CAP: ['CAP 1', 'CAP 2'],
};

interface Schooling {
  family: Family;
  stage: number;
  school: DemoOrganisation;
  track: string | null;
}

interface Dropout {
  exit: number;
  last: Schooling;
  diploma: 'NONE' | 'BREVET' | 'CAP_BEP' | 'BAC';
}

interface Listing {
  campaign: string;
  detected: number;
}

interface CaseHandle {
  step: PsadCaseStep;
  /** The day of the situation interview, when it happened. */
  meeting: number | null;
}

type Outcome = NonNullable<FollowUpStep['outcome']>;
type OdfStatus = ObligationDeFormationStep['status'];

interface SolutionResult {
  /** Day the young person entered the programme, null if not (yet). */
  entry: number | null;
  closedOn: number | null;
  outcome: Outcome;
}

interface PendingEvent {
  day: number;
  kind: FollowUpStep['events'][number]['kind'];
  summary: string;
}

const YOUNG_STREAM = hashLabel('young');
const INE_STREAM = hashLabel('ine');

/** Builds one young person's path; each method appends the steps of one partner's episode. */
class Trajectory {
  private readonly entries: { key: number; step: DemoStep }[] = [];
  private odf: { events: { day: number; label: string; status: OdfStatus | null }[] } | null = null;
  birth = 0;

  constructor(
    private readonly rng: Random,
    private readonly cat: Catalogue,
    readonly b: BassinIndex,
    readonly commune: string,
  ) {}

  // -- helpers ---------------------------------------------------------------------------------

  private add(step: DemoStep, key: number): void {
    this.entries.push({ key, step });
  }

  age(day: number): number {
    return ageOnDay(this.birth, day);
  }

  /** A weekday between `min` and `max` days after `day`. */
  private after(day: number, min: number, max: number): number {
    return nextWorkday(day + this.rng.int(min, max));
  }

  /**
   * A birth day making the person `age` years old on `day`, kept within the 14-21 range at the reference
   * date.
   */
  private bornFor(age: number, day: number): void {
    const latest = addYearsToDay(day, -age);
    const earliest = addYearsToDay(day, -(age + 1)) + 1;
    let birth = this.rng.int(earliest, latest);
    if (ageOnDay(birth, REF) > 21) birth = this.rng.int(addYearsToDay(REF, -22) + 1, addYearsToDay(REF, -21));
    if (ageOnDay(birth, REF) < 14) birth = this.rng.int(addYearsToDay(REF, -15) + 1, addYearsToDay(REF, -14));
    this.birth = birth;
  }

  private adultName(): string {
    return `${this.rng.pick(ADULT_FIRST_NAMES)} ${this.rng.pick(LAST_NAMES)}`;
  }

  private missionLocale(): DemoOrganisation {
    return this.b.missionsLocales.find((ml) => ml.commune === this.commune) ?? this.b.missionsLocales[0];
  }

  private organisation(id: string): DemoOrganisation {
    return this.cat.organisationById.get(id)!;
  }

  /**
   * An offer of the bassin (or département) for this season, open to the person's age;
   * sessions already running or starting soon are preferred.
   */
  private pickOffer(
    owner: SubgraphName,
    kind: DemoOfferKind,
    day: number,
    accept?: (offer: DemoOffer) => boolean,
  ): NearOffer | null {
    const list = this.b.offers.get(offerKey(owner, kind));
    if (!list) return null;
    const age = this.age(day);
    const soon: NearOffer[] = [];
    const any: NearOffer[] = [];
    for (const near of list) {
      if (age < near.offer.ageMin || age > near.offer.ageMax) continue;
      if (accept && !accept(near.offer)) continue;
      any.push(near);
      if (near.start <= day + 45) soon.push(near);
    }
    const pool = soon.length > 0 ? soon : any;
    return pool.length > 0 ? this.rng.pick(pool) : null;
  }

  /** Follow-up events as instants, in order, inside [opened, closed or the reference date). */
  private instants(events: PendingEvent[], opened: number, closed: number | null): FollowUpStep['events'] {
    const limit = closed ?? LAST;
    const kept = events.filter((e) => e.day >= opened && e.day <= limit).sort((a, b) => a.day - b.day);
    const out: FollowUpStep['events'] = [];
    let previousDay = -1;
    let minute = 0;
    for (const event of kept) {
      // Same-day events keep their order: each comes a little later than the previous one.
      minute =
        event.day === previousDay
          ? Math.min(minute + 30 * this.rng.int(1, 3), 1050)
          : 420 + 5 * this.rng.int(0, 114);
      previousDay = event.day;
      out.push({ at: isoInstant(event.day, minute), kind: event.kind, summary: event.summary });
    }
    return out;
  }

  /** A pick that differs from the previous one, so that consecutive notes do not repeat. */
  private pickOther<T>(items: readonly T[], previous: T): T {
    const picked = this.rng.pick(items);
    return picked === previous ? items[(items.indexOf(picked) + 1) % items.length] : picked;
  }

  /** An instant during French office hours (07:00-16:30 UTC). */
  private instant(day: number): string {
    return isoInstant(day, 420 + 5 * this.rng.int(0, 114));
  }

  // -- education-nationale ---------------------------------------------------------------------

  private place(family: Family, stage: number): Schooling {
    switch (family) {
      case 'COLLEGE':
        return { family, stage, school: this.rng.pick(this.b.colleges), track: null };
      case 'GENERAL':
        return { family, stage, school: this.rng.pick(this.b.lycees), track: null };
      case 'PRO':
      case 'CAP': {
        const school = this.rng.pick(this.b.lps);
        const tracks = this.cat.lpTracks.get(school.id)!;
        return { family, stage, school, track: this.rng.pick(family === 'PRO' ? tracks.pro : tracks.cap) };
      }
    }
  }

  private enrol(
    s: Schooling,
    year: SchoolYear,
    startedOn: number,
    endedOn: number | null,
    exitReason: EnrolmentStep['exitReason'],
    classLevel?: string,
  ): EnrolmentStep {
    const step: EnrolmentStep = {
      type: 'enrolment',
      schoolId: s.school.id,
      schoolYear: year.label,
      classLevel: classLevel ?? LEVELS[s.family][s.stage],
      track: s.track,
      startedOn: isoDay(startedOn),
      endedOn: endedOn === null ? null : isoDay(endedOn),
      exitReason,
    };
    this.add(step, startedOn);
    return step;
  }

  /**
   * The last `previousYears + 1` school years up to `year`, at the level the person's age and
   * lag give, in the bassin's schools; the last year ends as told, the others are completed.
   */
  private schoolHistory(
    year: SchoolYear,
    lag: number,
    lyceeFamily: Family,
    endedOn: number | null,
    exitReason: EnrolmentStep['exitReason'],
    previousYears: number,
  ): Schooling[] {
    const birthYear = civilFromDay(this.birth)[0];
    const out: Schooling[] = [];
    let previous: Schooling | null = null;
    for (let k = previousYears; k >= 0; k--) {
      const y = SCHOOL_YEARS[year.index - k];
      const grade = y.startYear - birthYear - 11 - lag;
      const family: Family = grade <= 3 ? 'COLLEGE' : lyceeFamily;
      const stage =
        family === 'COLLEGE'
          ? Math.max(0, Math.min(3, grade))
          : Math.min(grade - 4, LEVELS[family].length - 1);
      const schooling: Schooling =
        previous && previous.family === family ? { ...previous, stage } : this.place(family, stage);
      const last = k === 0;
      this.enrol(schooling, y, y.start, last ? endedOn : y.end, last ? exitReason : 'COMPLETED');
      out.push(schooling);
      previous = schooling;
    }
    return out;
  }

  private signal(school: DemoOrganisation, day: number): void {
    const reason = this.rng.weighted<DropoutSignalStep['reason']>([
      ['ABSENTEEISM', 40],
      ['DISENGAGEMENT', 20],
      ['ORIENTATION', 15],
      ['FAMILY', 10],
      ['HEALTH', 7],
      ['BEHAVIOUR', 8],
    ]);
    const step: DropoutSignalStep = {
      type: 'dropout-signal',
      schoolId: school.id,
      on: isoDay(day),
      reason,
      action: this.rng.pick(SIGNAL_ACTIONS[reason]),
    };
    this.add(step, day);
  }

  /** GPDS signals on distinct weekdays within [from, to]. */
  private signals(school: DemoOrganisation, from: number, to: number, count: number): void {
    if (to < from) return;
    const days = new Set<number>();
    for (let i = 0; i < count; i++) {
      const day = nextWorkday(this.rng.int(from, to));
      if (day <= to && day <= LAST) days.add(day);
    }
    for (const day of [...days].sort((a, b) => a - b)) this.signal(school, day);
  }

  /** The day a décroché left school, spread over the last two school years and the rentrée. */
  private dropoutDay(): number {
    const window = this.rng.weighted<[string, string]>([
      [['2024-10-01', '2025-06-13'], 20],
      [['2025-07-05', '2025-07-05'], 9],
      [['2025-09-22', '2026-06-12'], 44],
      [['2026-07-04', '2026-07-04'], 20],
      [['2026-09-07', '2026-09-14'], 7],
    ]);
    const from = dayNumber(window[0]);
    const to = dayNumber(window[1]);
    return from === to ? from : nextWorkday(this.rng.int(from, to));
  }

  /** Schooling that ends with the person leaving without a diploma. */
  private dropout(
    exitReason: EnrolmentStep['exitReason'] = 'DROPPED_OUT',
    exit = this.dropoutDay(),
  ): Dropout {
    this.bornFor(
      this.rng.weighted([
        [16, 30],
        [17, 32],
        [18, 22],
        [19, 11],
        [20, 5],
      ]),
      exit,
    );
    const year = schoolYearOf(exit);
    const lag = this.rng.weighted([
      [0, 35],
      [1, 45],
      [2, 20],
    ]);
    const family = this.rng.weighted<Family>([
      ['PRO', 50],
      ['CAP', 28],
      ['GENERAL', 22],
    ]);
    const history = this.schoolHistory(year, lag, family, exit, exitReason, 1);
    const last = history[history.length - 1];
    if (this.rng.chance(0.6)) this.signals(last.school, year.start + 14, exit - 7, this.rng.int(1, 2));
    const diploma =
      last.family === 'COLLEGE'
        ? 'NONE'
        : last.family === 'GENERAL'
          ? this.rng.weighted<Dropout['diploma']>([
              ['BREVET', 80],
              ['NONE', 20],
            ])
          : this.rng.weighted<Dropout['diploma']>([
              ['BREVET', 60],
              ['NONE', 35],
              ['CAP_BEP', last.family === 'PRO' && last.stage > 0 ? 5 : 0],
            ]);
    return { exit, last, diploma };
  }

  // -- psad ------------------------------------------------------------------------------------

  /** The SIEI listing that catches someone who left on `exit` (16 or older by then), if it already ran. */
  private siei(
    exit: number,
    lastSchoolId: string,
    lastClass: string,
    diploma: Dropout['diploma'],
  ): Listing | null {
    let i = CAMPAIGNS.findIndex((c) => c.from >= exit + SIEI_DELAY);
    while (i >= 0 && i < CAMPAIGNS.length && this.age(CAMPAIGNS[i].to) < 16) i++;
    if (i < 0 || i >= CAMPAIGNS.length) return null;
    const campaign = CAMPAIGNS[i];
    let detected = nextWorkday(this.rng.int(campaign.from, campaign.to));
    if (detected > campaign.to || this.age(detected) < 16) detected = campaign.to;
    if (detected > LAST) return null;
    this.add(
      {
        type: 'siei-listing',
        campaign: campaign.label,
        detectedOn: isoDay(detected),
        lastSchoolId,
        lastClass,
        diploma,
      },
      detected,
    );
    return { campaign: campaign.label, detected };
  }

  private sieiAfterSchool(d: Dropout): Listing | null {
    return this.siei(d.exit, d.last.school.id, LEVELS[d.last.family][d.last.stage], d.diploma);
  }

  /**
   * The PSAD case opened from a listing and its contact attempts. `ENGAGE` ends with a
   * situation interview; the other plans end the case with the matching status.
   */
  private psadCase(
    listing: Listing,
    plan: 'ENGAGE' | 'UNREACHABLE' | 'REFUSED' | 'MOVED' | 'ALREADY_IN_TRAINING' | 'ALREADY_FOLLOWED',
    follower: { code: string; name: string },
    note?: string,
  ): CaseHandle | null {
    const opened = this.after(listing.detected, 2, 25);
    if (opened > LAST) return null;
    const step: PsadCaseStep = {
      type: 'psad-case',
      campaign: listing.campaign,
      openedOn: isoDay(opened),
      status: 'TO_CONTACT',
      followerOrg: follower.code,
      followerName: follower.name,
      closedOn: null,
      contacts: [],
    };
    this.add(step, opened);
    const handle: CaseHandle = { step, meeting: null };
    const contact = (
      day: number,
      channel: PsadCaseStep['contacts'][number]['channel'],
      outcome: PsadCaseStep['contacts'][number]['outcome'],
      note: string,
    ) => step.contacts.push({ at: this.instant(day), channel, outcome, note });
    const close = (status: CaseStatus, day: number) => {
      step.status = status;
      step.closedOn = isoDay(day);
    };

    // Unanswered attempts first; returns the day of the last one, or null past the reference date.
    let t = opened;
    const failures = (
      count: number,
      channels: readonly PsadCaseStep['contacts'][number]['channel'][],
    ): boolean => {
      for (let i = 0; i < count; i++) {
        t = i === 0 && t === opened ? this.after(opened, 0, 7) : this.after(t, 2, 12);
        if (t > LAST) return false;
        const channel = this.rng.pick(channels);
        if (channel === 'PHONE' && this.rng.chance(0.12))
          contact(t, 'PHONE', 'WRONG_NUMBER', 'Numéro non attribué');
        else contact(t, channel, 'NO_ANSWER', NO_ANSWER_NOTES[channel]);
      }
      return true;
    };
    const reach = (min: number, max: number): boolean => {
      t = t === opened ? this.after(opened, 0, 7) : this.after(t, min, max);
      return t <= LAST;
    };

    switch (plan) {
      case 'ENGAGE': {
        if (
          !failures(
            this.rng.weighted([
              [0, 50],
              [1, 30],
              [2, 20],
            ]),
            ['PHONE', 'PHONE', 'SMS'],
          )
        )
          return handle;
        if (!reach(1, 8)) return handle;
        contact(
          t,
          this.rng.chance(0.8) ? 'PHONE' : 'SMS',
          'APPOINTMENT_SET',
          'Jeune joint, rendez-vous fixé pour un entretien de situation',
        );
        step.status = 'CONTACTED';
        t = this.after(t, 4, 15);
        if (t > LAST) return handle;
        contact(t, 'MEETING', 'REACHED', `Entretien de situation réalisé (${follower.name})`);
        step.status = 'REVIEW_DONE';
        handle.meeting = t;
        return handle;
      }
      case 'UNREACHABLE': {
        if (!failures(this.rng.int(3, 5), ['PHONE', 'PHONE', 'SMS', 'MAIL', 'LETTER'])) return handle;
        const end = this.after(t, 10, 30);
        if (end <= LAST) close('UNREACHABLE', end);
        return handle;
      }
      case 'REFUSED': {
        if (!failures(this.rng.int(1, 2), ['PHONE', 'SMS'])) return handle;
        if (!reach(2, 10)) return handle;
        contact(
          t,
          'PHONE',
          'REACHED',
          this.rng.pick([
            'Ne souhaite pas être accompagné pour le moment',
            'Refuse l’entretien, dit avoir un projet personnel',
            'La famille refuse toute prise en charge',
          ]),
        );
        close('REFUSED', t);
        return handle;
      }
      case 'ALREADY_FOLLOWED': {
        // The hub shows the platform that a partner already accompanies the young person.
        if (!failures(this.rng.int(0, 1), ['PHONE', 'SMS'])) return handle;
        if (!reach(2, 10)) return handle;
        contact(t, 'PHONE', 'REACHED', note ?? 'Déjà accompagné par un partenaire');
        step.status = 'IN_SOLUTION';
        const end = this.after(t, 0, 20);
        if (end <= LAST) step.closedOn = isoDay(end);
        return handle;
      }
      case 'MOVED':
      case 'ALREADY_IN_TRAINING': {
        if (!failures(this.rng.int(0, 1), ['PHONE', 'SMS'])) return handle;
        if (!reach(2, 10)) return handle;
        contact(t, 'PHONE', 'REACHED', this.rng.pick(ELSEWHERE_NOTES[plan]));
        close(plan, t);
        return handle;
      }
    }
  }

  private solutionProposed(handle: CaseHandle): void {
    if (handle.step.status === 'REVIEW_DONE') handle.step.status = 'SOLUTION_PROPOSED';
  }

  /** The solution started: the platform closes the case once it has held for a few weeks. */
  private solutionStarted(handle: CaseHandle, start: number): void {
    handle.step.status = 'IN_SOLUTION';
    const close = this.after(start, 45, 120);
    if (close <= LAST) handle.step.closedOn = isoDay(close);
  }

  // -- missions-locales: obligation de formation ------------------------------------------------

  /** Starts the obligation-de-formation record when the person is 16 or 17 on `day`. */
  private obligationFrom(day: number, label: string): void {
    if (this.odf || day > LAST) return;
    const age = this.age(day);
    if (age < 16 || age >= 18) return;
    this.odf = { events: [{ day, label, status: 'NOT_REACHED' }] };
  }

  private obligation(day: number | null, label: string, status: OdfStatus | null): void {
    if (!this.odf || day === null || day > LAST || day >= addYearsToDay(this.birth, 18)) return;
    this.odf.events.push({ day, label, status });
  }

  private finishObligation(): void {
    if (!this.odf) return;
    const events = this.odf.events.slice().sort((a, b) => a.day - b.day);
    const eighteen = addYearsToDay(this.birth, 18);
    let status: OdfStatus = 'NOT_REACHED';
    let since = events[0].day;
    for (const e of events) {
      if (e.status) {
        status = e.status;
        since = e.day;
      }
    }
    const steps = events.map((e) => ({ on: isoDay(e.day), label: e.label }));
    if (eighteen <= LAST) {
      steps.push({ on: isoDay(eighteen), label: 'Fin de l’obligation de formation (18 ans)' });
      if (status === 'IN_TRAINING' || status === 'IN_SUPPORT') {
        status = 'FULFILLED';
        since = eighteen;
      }
    }
    const step: ObligationDeFormationStep = {
      type: 'obligation-de-formation',
      missionLocaleId: this.missionLocale().id,
      status,
      since: isoDay(since),
      steps,
    };
    this.add(step, events[0].day);
  }

  // -- missions-locales: follow-up --------------------------------------------------------------

  private missionLocaleFollowUp(
    opened: number,
    options: {
      programme?: 'CEJ' | 'PACEA';
      handOverOn?: number;
      handOverSummary?: string;
      handOverOutcome?: Outcome;
    } = {},
  ): SolutionResult {
    let organisation = this.missionLocale();
    const programme =
      options.programme ??
      this.rng.weighted<'CEJ' | 'PACEA'>([
        ['CEJ', 55],
        ['PACEA', 45],
      ]);
    const near =
      opened >= LINK_FROM
        ? this.pickOffer('missions-locales', 'SUPPORT_PROGRAMME', opened, (o) => o.track === programme)
        : null;
    if (near) organisation = this.organisation(near.offer.organisationId);
    const events: PendingEvent[] = [
      { day: opened, kind: 'INTERVIEW', summary: `Premier accueil à la ${organisation.name}` },
    ];
    let entry: number | null = this.after(opened, 7, 35);
    if (near) entry = nextWorkday(maxDay(entry, near.start));
    if (entry > LAST || (options.handOverOn !== undefined && entry >= options.handOverOn)) entry = null;

    let end: number;
    let outcome: Outcome;
    if (options.handOverOn !== undefined) {
      end = options.handOverOn;
      outcome = options.handOverOutcome ?? 'TRAINING';
    } else {
      const base = entry ?? opened;
      if (this.rng.chance(0.2)) {
        end = this.after(base, 30, 150);
        outcome = 'ABANDONED';
      } else {
        end = this.after(base, programme === 'CEJ' ? 180 : 120, programme === 'CEJ' ? 365 : 450);
        outcome = this.rng.weighted<Outcome>([
          ['EMPLOYED', 40],
          ['TRAINING', 35],
          ['COMPLETED', 25],
        ]);
      }
    }
    if (entry !== null) {
      events.push({
        day: entry,
        kind: 'PROGRAMME_ENTRY',
        summary: programme === 'CEJ' ? 'Signature du contrat d’engagement jeune' : 'Signature du PACEA',
      });
      if (this.rng.chance(0.35))
        events.push({
          day: this.after(entry, 30, 120),
          kind: 'TRAINING_STARTED',
          summary: this.rng.pick(MISSION_LOCALE_TRAININGS),
        });
    }
    let t = entry ?? opened;
    let summary = '';
    for (let n = 0; n < 8; n++) {
      t = this.after(t, 21, 45);
      if (t >= end || t > LAST) break;
      summary = this.pickOther(MISSION_LOCALE_INTERVIEWS, summary);
      events.push({ day: t, kind: 'INTERVIEW', summary });
    }
    const closed = end <= LAST ? end : null;
    if (closed !== null)
      events.push({ day: closed, kind: 'EXIT', summary: options.handOverSummary ?? EXIT_SUMMARIES[outcome] });
    const step: FollowUpStep = {
      type: 'follow-up',
      owner: 'missions-locales',
      organisationId: organisation.id,
      offerId: near ? near.offer.id : null,
      programme,
      openedOn: isoDay(opened),
      closedOn: closed === null ? null : isoDay(closed),
      outcome: closed === null ? 'IN_PROGRESS' : outcome,
      events: this.instants(
        events.filter((e) => e.day < end || e.kind === 'EXIT'),
        opened,
        closed,
      ),
    };
    this.add(step, opened);
    return { entry, closedOn: closed, outcome: step.outcome ?? 'IN_PROGRESS' };
  }

  // -- e2c -------------------------------------------------------------------------------------

  private e2cFollowUp(opened: number): SolutionResult {
    const near = opened >= LINK_FROM ? this.pickOffer('e2c', 'E2C_PATHWAY', opened) : null;
    const site = near ? this.organisation(near.offer.organisationId) : this.rng.pick(this.b.e2cSites);
    const events: PendingEvent[] = [
      { day: opened, kind: 'INTERVIEW', summary: 'Information collective et entretien d’admission' },
    ];
    let entry: number | null = this.after(opened, 7, 30);
    if (near) entry = nextWorkday(maxDay(entry, near.start));
    let end = REF + 1000;
    let outcome: Outcome = 'IN_PROGRESS';
    if (entry <= LAST) {
      events.push({ day: entry, kind: 'PROGRAMME_ENTRY', summary: 'Entrée en parcours E2C' });
      const abandoned = this.rng.chance(0.22);
      end = abandoned ? this.after(entry, 20, 120) : this.after(entry, 150, 300);
      outcome = abandoned
        ? 'ABANDONED'
        : this.rng.weighted<Outcome>([
            ['EMPLOYED', 35],
            ['TRAINING', 40],
            ['COMPLETED', 25],
          ]);
      let s = this.after(entry, 20, 60);
      for (let n = 0; n < 3 && s < end; n++) {
        events.push({
          day: s,
          kind: 'TRAINING_STARTED',
          summary: `Stage en entreprise (${this.rng.pick(INTERNSHIP_SECTORS)})`,
        });
        const e = this.after(s, 14, 28);
        if (e >= end) break;
        events.push({
          day: e,
          kind: 'TRAINING_COMPLETED',
          summary: 'Fin de stage, bilan avec le tuteur en entreprise',
        });
        s = this.after(e, 20, 60);
      }
    } else {
      entry = null;
    }
    const closed = end <= LAST ? end : null;
    if (closed !== null) events.push({ day: closed, kind: 'EXIT', summary: EXIT_SUMMARIES[outcome] });
    const step: FollowUpStep = {
      type: 'follow-up',
      owner: 'e2c',
      organisationId: site.id,
      offerId: near ? near.offer.id : null,
      programme: 'Parcours E2C',
      openedOn: isoDay(opened),
      closedOn: closed === null ? null : isoDay(closed),
      outcome: closed === null ? 'IN_PROGRESS' : outcome,
      events: this.instants(events, opened, closed),
    };
    this.add(step, opened);
    return { entry, closedOn: closed, outcome: step.outcome ?? 'IN_PROGRESS' };
  }

  // -- cfa -------------------------------------------------------------------------------------

  private employer(qualification: Qualification, commune: string): string {
    return this.rng
      .pick(qualification.employers)
      .replace('{nom}', this.rng.pick(LAST_NAMES))
      .replace('{ville}', commune);
  }

  /** A prépa-apprentissage at a CFA of the département; returns the day it ended, if it did. */
  private prepaApprenticeship(opened: number): { closed: number | null; cfa: DemoOrganisation } {
    const near = opened >= LINK_FROM ? this.pickOffer('cfa', 'PREPARATORY_TRAINING', opened) : null;
    const cfa = near ? this.organisation(near.offer.organisationId) : this.rng.pick(this.b.cfas);
    const events: PendingEvent[] = [
      { day: opened, kind: 'INTERVIEW', summary: 'Entretien de positionnement' },
    ];
    let entry = this.after(opened, 3, 14);
    if (near) entry = nextWorkday(maxDay(entry, near.start));
    const end = this.after(entry, 60, 150);
    events.push({ day: entry, kind: 'PROGRAMME_ENTRY', summary: 'Entrée en prépa-apprentissage' });
    const stage = this.after(entry, 20, 45);
    events.push({
      day: stage,
      kind: 'TRAINING_STARTED',
      summary: `Stage de découverte (${this.rng.pick(INTERNSHIP_SECTORS)})`,
    });
    const closed = end <= LAST ? end : null;
    if (closed !== null)
      events.push({ day: closed, kind: 'EXIT', summary: 'Sortie vers un contrat d’apprentissage' });
    this.add(
      {
        type: 'follow-up',
        owner: 'cfa',
        organisationId: cfa.id,
        offerId: near ? near.offer.id : null,
        programme: 'Prépa-apprentissage',
        openedOn: isoDay(opened),
        closedOn: closed === null ? null : isoDay(closed),
        outcome: closed === null ? 'IN_PROGRESS' : 'TRAINING',
        events: this.instants(
          events.filter((e) => e.day <= end),
          opened,
          closed,
        ),
      },
      opened,
    );
    return { closed, cfa };
  }

  /**
   * An apprenticeship starting around `start`: the CFA's follow-up and the contract(s).
   * About 30% of contracts break; half of those apprentices sign again, half leave the CFA
   * (then `leftOn` is set and they are décrochés).
   */
  private apprenticeship(
    start: number,
    options: {
      notBefore?: number;
      mayBreak?: boolean;
      offer?: NearOffer | null;
      cfa?: DemoOrganisation;
    } = {},
  ): {
    started: number | null;
    leftOn: number | null;
    cfa: DemoOrganisation;
    qualification: Qualification;
    brokenOn: number | null;
    offerId: string | null;
  } {
    const preferred = options.cfa;
    let near = options.offer !== undefined ? options.offer : null;
    if (options.offer === undefined && start >= LINK_FROM) {
      near =
        (preferred
          ? this.pickOffer('cfa', 'APPRENTICESHIP', start, (o) => o.organisationId === preferred.id)
          : null) ?? this.pickOffer('cfa', 'APPRENTICESHIP', start);
    }
    let cfa: DemoOrganisation;
    let qualification: Qualification;
    let commune = this.commune;
    if (near) {
      cfa = this.organisation(near.offer.organisationId);
      qualification = this.cat.offerQualification.get(near.offer.id)!;
      commune = near.offer.commune;
      start = nextWorkday(maxDay(start, near.start));
    } else {
      cfa = preferred ?? this.rng.pick(this.b.cfas);
      qualification = this.rng.pick(this.cat.cfaQualifications.get(cfa.id)!);
    }
    const opened = maxDay(options.notBefore ?? start - 30, nextWorkday(start - this.rng.int(5, 30)));
    const events: PendingEvent[] = [];
    if (opened < start)
      events.push({ day: opened, kind: 'INTERVIEW', summary: 'Entretien de positionnement au CFA' });
    const end = trainingEnd(start, qualification.years);
    let closed: number | null = null;
    let outcome: Outcome = 'IN_PROGRESS';
    let leftOn: number | null = null;
    let brokenOn: number | null = null;

    if (start <= LAST) {
      const employer = this.employer(qualification, commune);
      events.push({
        day: start,
        kind: 'PROGRAMME_ENTRY',
        summary: `Signature du contrat d’apprentissage avec ${employer}`,
      });
      events.push({
        day: this.after(start, 2, 9),
        kind: 'TRAINING_STARTED',
        summary: 'Première session de formation au CFA',
      });
      const contract = {
        type: 'apprenticeship' as const,
        cfaId: cfa.id,
        employer,
        trade: qualification.trade,
        diploma: qualification.diploma,
        startedOn: isoDay(start),
        brokenOn: null as string | null,
        breakReason: null as ApprenticeshipBreak,
      };
      this.add(contract, start);

      let contractEnd = end;
      if (options.mayBreak !== false && this.rng.chance(0.3)) {
        const duringTrial = this.rng.chance(0.35);
        const breakDay = nextWorkday(start + (duringTrial ? this.rng.int(10, 44) : this.rng.int(45, 420)));
        if (breakDay <= LAST && breakDay < end) {
          brokenOn = breakDay;
          contract.brokenOn = isoDay(breakDay);
          contract.breakReason = duringTrial
            ? 'TRIAL_PERIOD'
            : this.rng.weighted<ApprenticeshipBreak>([
                ['EMPLOYER_INITIATIVE', 30],
                ['APPRENTICE_INITIATIVE', 25],
                ['MUTUAL_AGREEMENT', 45],
              ]);
          events.push({
            day: this.after(breakDay, 1, 10),
            kind: 'INTERVIEW',
            summary: 'Entretien avec le référent après la rupture du contrat',
          });
          if (this.rng.chance(0.5)) {
            // Signs with another employer, still as a CFA trainee in between.
            const again = this.after(breakDay, 15, 90);
            contractEnd = again > LAST ? REF + 1000 : end;
            if (again <= LAST) {
              const second = this.employer(qualification, this.commune);
              events.push({
                day: again,
                kind: 'PROGRAMME_ENTRY',
                summary: `Nouveau contrat d’apprentissage signé avec ${second}`,
              });
              this.add(
                {
                  type: 'apprenticeship',
                  cfaId: cfa.id,
                  employer: second,
                  trade: qualification.trade,
                  diploma: qualification.diploma,
                  startedOn: isoDay(again),
                  brokenOn: null,
                  breakReason: null,
                },
                again,
              );
            }
          } else {
            const left = this.after(breakDay, 5, 45);
            contractEnd = REF + 1000;
            if (left <= LAST) {
              events.push({ day: left, kind: 'EXIT', summary: 'Sortie du CFA après la rupture du contrat' });
              closed = left;
              outcome = 'ABANDONED';
              leftOn = left;
            }
          }
        }
      }
      if (closed === null && contractEnd <= LAST) {
        const passed = this.rng.chance(0.85);
        events.push({
          day: contractEnd,
          kind: 'TRAINING_COMPLETED',
          summary: passed
            ? `${qualification.diploma} ${qualification.trade} obtenu`
            : `Examen du ${qualification.diploma} non obtenu`,
        });
        events.push({ day: contractEnd, kind: 'EXIT', summary: 'Fin du contrat d’apprentissage' });
        closed = contractEnd;
        outcome = passed
          ? this.rng.weighted<Outcome>([
              ['EMPLOYED', 45],
              ['COMPLETED', 35],
              ['TRAINING', 20],
            ])
          : 'COMPLETED';
      }
      const visit = this.after(start, 90, 150);
      if (visit < (closed ?? end))
        events.push({ day: visit, kind: 'INTERVIEW', summary: 'Visite en entreprise du formateur référent' });
    }
    if (opened <= LAST) {
      this.add(
        {
          type: 'follow-up',
          owner: 'cfa',
          organisationId: cfa.id,
          offerId: near ? near.offer.id : null,
          programme: `${qualification.diploma} ${qualification.trade}`,
          openedOn: isoDay(opened),
          closedOn: closed === null ? null : isoDay(closed),
          outcome: closed === null ? 'IN_PROGRESS' : outcome,
          events: this.instants(events, opened, closed),
        },
        opened,
      );
    }
    return {
      started: start <= LAST ? start : null,
      leftOn,
      cfa,
      qualification,
      brokenOn,
      offerId: near ? near.offer.id : null,
    };
  }

  // -- agriculture -----------------------------------------------------------------------------

  private agriculturalFollowUp(opened: number, entry: number): SolutionResult {
    const age = this.age(entry);
    const near = opened >= LINK_FROM ? this.pickOffer('agriculture', 'AGRICULTURAL_TRAINING', entry) : null;
    let site: DemoOrganisation;
    let programme: AgriculturalProgramme;
    if (near) {
      site = this.organisation(near.offer.organisationId);
      programme = this.cat.offerProgramme.get(near.offer.id)!;
      entry = nextWorkday(maxDay(entry, near.start));
    } else {
      const sites = this.b.agriculturalSites.filter((s) => age >= 18 === (s.kind === 'CFPPA'));
      site = this.rng.pick(sites.length > 0 ? sites : this.b.agriculturalSites);
      programme = this.rng.pick(AGRICULTURAL_PROGRAMMES.filter((p) => p.adult === (site.kind === 'CFPPA')));
    }
    const events: PendingEvent[] = [];
    if (opened < entry) events.push({ day: opened, kind: 'INTERVIEW', summary: 'Entretien d’inscription' });
    let closed: number | null = null;
    let outcome: Outcome = 'IN_PROGRESS';
    let entered: number | null = null;
    if (entry <= LAST) {
      entered = entry;
      events.push({ day: entry, kind: 'PROGRAMME_ENTRY', summary: `Rentrée en ${programme.label}` });
      const abandoned = this.rng.chance(0.15);
      const end = abandoned ? this.after(entry, 30, 300) : trainingEnd(entry, programme.years);
      const stage = this.after(entry, 40, 120);
      const stageEnd = this.after(stage, 21, 42);
      if (stageEnd < end) {
        const place = programme.title.includes('paysag')
          ? 'Stage en entreprise du paysage'
          : 'Stage en exploitation agricole';
        events.push({ day: stage, kind: 'TRAINING_STARTED', summary: place });
        events.push({
          day: stageEnd,
          kind: 'TRAINING_COMPLETED',
          summary: 'Fin de stage, évaluation par le maître de stage',
        });
      }
      const review = this.after(entry, 150, 200);
      if (review < end)
        events.push({
          day: review,
          kind: 'INTERVIEW',
          summary: 'Bilan de mi-parcours avec l’équipe pédagogique',
        });
      if (end <= LAST) {
        closed = end;
        outcome = abandoned
          ? 'ABANDONED'
          : this.rng.weighted<Outcome>([
              ['COMPLETED', 60],
              ['TRAINING', 25],
              ['EMPLOYED', 15],
            ]);
        events.push({
          day: end,
          kind: 'EXIT',
          summary: abandoned
            ? 'Arrêt de la formation en cours d’année'
            : `${programme.label} : fin de formation`,
        });
      }
    }
    this.add(
      {
        type: 'follow-up',
        owner: 'agriculture',
        organisationId: site.id,
        offerId: near ? near.offer.id : null,
        programme: programme.label,
        openedOn: isoDay(opened),
        closedOn: closed === null ? null : isoDay(closed),
        outcome: closed === null ? 'IN_PROGRESS' : outcome,
        events: this.instants(events, opened, closed),
      },
      opened,
    );
    return { entry: entered, closedOn: closed, outcome };
  }

  // -- FOQUALE contract ------------------------------------------------------------------------

  private foqualeContract(handle: CaseHandle, d: Dropout): void {
    const meeting = handle.meeting!;
    const review = this.after(meeting, 7, 30);
    if (review > LAST) return;
    const ageAtReview = this.age(review);
    const kind = this.rng.weighted<DemoOfferKind>([
      ['SCHOOL_PLACE', 42],
      ['MLDS_ACTION', 25],
      ['MICRO_LYCEE', this.b.microLycee && d.last.family !== 'COLLEGE' ? 12 : 0],
      ['PAFI', ageAtReview < 18 ? 8 : 0],
      ['SERVICE_CIVIQUE', 8],
      ['APPRENTICESHIP', 10],
    ]);
    const owner: SubgraphName = kind === 'APPRENTICESHIP' ? 'cfa' : 'education-nationale';
    // Signature and start are planned at the review; school solutions wait for the rentrée
    // over the summer, and a start in the current season takes one of its offers.
    const signed = this.after(review, 3, 20);
    let start = this.after(signed, 5, 25);
    const year = schoolYearOf(start);
    if (kind !== 'APPRENTICESHIP' && start > year.end - 10) start = SCHOOL_YEARS[year.index + 1].start;
    const near = start >= LINK_FROM ? this.pickOffer(owner, kind, start) : null;
    if (near) start = nextWorkday(maxDay(start, near.start));
    const contract: FoqualeContractStep = {
      type: 'foquale-contract',
      networkBassin: this.b.profile.code,
      tutorName: this.adultName(),
      initialReviewOn: isoDay(review),
      needs: this.rng.sample(FOQUALE_NEEDS, this.rng.int(1, 2)).join(' ; '),
      solution: '',
      solutionOfferId: near ? near.offer.id : null,
      signedOn: null,
      familySigned: false,
      reviews: [],
      closedOn: null,
      closeReason: null,
    };
    this.add(contract, review);
    this.solutionProposed(handle);

    // What the solution is, where it takes place and how the enrolment reads.
    let school: DemoOrganisation;
    let schooling: Schooling;
    let classLevel: string;
    switch (kind) {
      case 'SCHOOL_PLACE': {
        const family: Family = near
          ? near.offer.level === '2nde GT'
            ? 'GENERAL'
            : near.offer.level === 'CAP 1'
              ? 'CAP'
              : 'PRO'
          : d.last.family === 'CAP'
            ? 'CAP'
            : 'PRO';
        const stage = near
          ? LEVELS[family].indexOf(near.offer.level ?? '')
          : d.last.family === family
            ? d.last.stage
            : 0;
        schooling = near
          ? {
              family,
              stage: Math.max(0, stage),
              school: this.organisation(near.offer.organisationId),
              track: near.offer.track,
            }
          : this.place(family, stage);
        school = schooling.school;
        classLevel = LEVELS[family][schooling.stage];
        contract.solution = `Retour en ${classLevel}${schooling.track ? ` ${schooling.track}` : ''} au ${school.name}`;
        break;
      }
      case 'MICRO_LYCEE': {
        school = this.b.microLycee!;
        const stage = d.last.family === 'GENERAL' && d.last.stage >= 1 ? 2 : 1;
        schooling = { family: 'GENERAL', stage, school, track: null };
        classLevel = LEVELS.GENERAL[stage];
        contract.solution = `Micro-lycée : préparation du baccalauréat en ${classLevel}`;
        break;
      }
      case 'PAFI': {
        school = near
          ? this.organisation(near.offer.organisationId)
          : d.last.family === 'PRO' || d.last.family === 'CAP'
            ? d.last.school
            : this.rng.pick(this.b.lps);
        schooling = {
          family: d.last.family,
          stage: d.last.stage,
          school,
          track: 'Parcours aménagé de formation initiale',
        };
        classLevel = 'PAFI';
        contract.solution = 'PAFI : parcours aménagé alternant cours et stages en entreprise';
        break;
      }
      case 'SERVICE_CIVIQUE': {
        school = this.b.mlds;
        const domain = near?.offer.title.split(' – ')[1] ?? this.rng.pick(SERVICE_CIVIQUE_MISSIONS);
        schooling = { family: d.last.family, stage: d.last.stage, school, track: 'Service civique combiné' };
        classLevel = 'Service civique combiné';
        contract.solution = `Service civique combiné avec la MLDS (${domain})`;
        break;
      }
      case 'APPRENTICESHIP': {
        school = this.b.mlds;
        schooling = d.last;
        classLevel = '';
        contract.solution = near
          ? `Apprentissage : ${near.offer.level} ${near.offer.track}`
          : 'Retour en formation par l’apprentissage';
        break;
      }
      default: {
        school = near ? this.organisation(near.offer.organisationId) : this.b.mlds;
        const action = near?.offer.track ?? this.rng.pick(MLDS_ACTIONS);
        schooling = { family: d.last.family, stage: d.last.stage, school, track: action };
        classLevel = 'MLDS';
        contract.solution = `Action MLDS : ${action}`;
      }
    }

    // Young adults may sign alone; it is also when some walk away before signing.
    if (this.rng.chance(0.05)) {
      const end = this.after(review, 20, 60);
      if (end <= LAST) {
        contract.closedOn = isoDay(end);
        contract.closeReason = 'ABANDONED';
        handle.step.status = 'REFUSED';
        handle.step.closedOn = isoDay(end);
      }
      return;
    }
    if (signed > LAST) return;
    contract.signedOn = isoDay(signed);
    contract.familySigned = this.age(signed) < 18 ? this.rng.chance(0.95) : this.rng.chance(0.4);
    this.obligation(signed, 'Contrat FOQUALE signé', null);
    if (start > LAST) return;

    let end: number;
    let closeReason: FoqualeContractStep['closeReason'];
    if (kind === 'APPRENTICESHIP') {
      const result = this.apprenticeship(start, { notBefore: signed, offer: near });
      if (result.started === null) return;
      start = result.started;
      contract.solution = `Apprentissage : ${result.qualification.diploma} ${result.qualification.trade} (${result.cfa.name})`;
      end = result.brokenOn ?? this.after(start, 150, 280);
      closeReason = result.brokenOn !== null ? 'ABANDONED' : 'COMPLETED';
      this.obligation(start, 'Entrée en apprentissage', 'IN_TRAINING');
    } else {
      const startYear = schoolYearOf(start);
      const planned =
        kind === 'MLDS_ACTION' ? Math.min(this.after(start, 100, 200), startYear.end) : startYear.end;
      const dropsAgain = planned - start > 45 && this.rng.chance(0.12);
      end = dropsAgain ? this.after(start, 30, planned - start - 10) : planned;
      const reoriented = !dropsAgain && kind === 'MLDS_ACTION' && this.rng.chance(0.2);
      closeReason = dropsAgain ? 'ABANDONED' : reoriented ? 'REORIENTED' : 'COMPLETED';
      const ended = end <= LAST;
      this.enrol(
        { ...schooling, school },
        startYear,
        start,
        ended ? end : null,
        ended ? (dropsAgain ? 'DROPPED_OUT' : reoriented ? 'REORIENTED' : 'COMPLETED') : null,
        classLevel,
      );
      this.obligation(start, 'Retour en formation (réseau FOQUALE)', 'IN_TRAINING');
      // A completed school solution goes on at the next rentrée.
      const next = SCHOOL_YEARS[startYear.index + 1];
      if (
        ended &&
        !dropsAgain &&
        next.start <= LAST &&
        (kind === 'SCHOOL_PLACE' || kind === 'MICRO_LYCEE' || reoriented || this.rng.chance(0.5))
      ) {
        const family: Family =
          kind === 'MICRO_LYCEE' ? 'GENERAL' : schooling.family === 'CAP' ? 'CAP' : 'PRO';
        const continuing = kind === 'SCHOOL_PLACE' || kind === 'MICRO_LYCEE';
        const stage = continuing ? Math.min(schooling.stage + 1, LEVELS[family].length - 1) : 0;
        const s = continuing ? { ...schooling, family, stage } : this.place(family, 0);
        this.enrol(s, next, next.start, null, null);
      }
    }
    this.solutionStarted(handle, start);

    let r = this.after(maxDay(signed, start), 42, 56);
    while (r < end && r <= LAST) {
      const outcome = this.rng.weighted<'ON_TRACK' | 'ADJUSTED' | 'AT_RISK'>([
        ['ON_TRACK', 65],
        ['ADJUSTED', 15],
        ['AT_RISK', 20],
      ]);
      contract.reviews.push({ on: isoDay(r), outcome, note: this.rng.pick(REVIEW_NOTES[outcome]) });
      r = this.after(r, 42, 56);
    }
    if (end <= LAST) {
      const outcome = closeReason === 'ABANDONED' ? 'ABANDONED' : 'COMPLETED';
      contract.reviews.push({ on: isoDay(end), outcome, note: this.rng.pick(REVIEW_NOTES[outcome]) });
      contract.closedOn = isoDay(end);
      contract.closeReason = closeReason;
    }
  }

  /**
   * Left school in summer 2026 and went straight to the Mission locale or an E2C at the
   * reopening; the autumn SIEI list still names them, and the PSAD finds them already followed.
   * Returns false (and adds nothing) when there is no time left for that before the reference date.
   */
  private walkIn(d: Dropout, to: 'missions-locales' | 'e2c'): boolean {
    const opened = this.after(maxDay(d.exit, SUMMER_REOPENING), 0, 40);
    if (opened > LAST - 10) return false;
    this.obligationFrom(
      opened,
      to === 'e2c' ? 'Candidature spontanée à l’E2C' : 'Inscription spontanée à la Mission locale',
    );
    const result = to === 'e2c' ? this.e2cFollowUp(opened) : this.missionLocaleFollowUp(opened);
    this.obligation(
      result.entry,
      to === 'e2c' ? 'Entrée en parcours E2C' : 'Entrée en accompagnement à la Mission locale',
      to === 'e2c' ? 'IN_TRAINING' : 'IN_SUPPORT',
    );
    const listing = this.sieiAfterSchool(d);
    if (!listing) return true;
    const partner = to === 'e2c' ? 'l’École de la deuxième chance' : `la ${this.missionLocale().name}`;
    const handle = this.psadCase(
      listing,
      'ALREADY_FOLLOWED',
      to === 'e2c' ? this.b.psad : this.missionLocale(),
      `Déjà accompagné par ${partner} depuis la rentrée`,
    );
    if (handle && handle.step.status === 'IN_SOLUTION' && result.entry === null) {
      // Followed, but the programme has not started yet.
      handle.step.status = 'SOLUTION_PROPOSED';
      handle.step.closedOn = null;
    }
    return true;
  }

  // -- archetypes ------------------------------------------------------------------------------

  /** a) Left school, listed, followed by the PSAD and brought back by a FOQUALE contract. */
  dropoutFoquale(): void {
    const d = this.dropout();
    const listing = this.sieiAfterSchool(d);
    if (!listing) return;
    this.obligationFrom(listing.detected, `Repérage SIEI (${listing.campaign})`);
    const follower = this.rng.chance(0.6) ? this.b.mlds : this.b.cio;
    const handle = this.psadCase(listing, 'ENGAGE', follower);
    if (!handle || handle.meeting === null) return;
    this.obligation(handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
    this.foqualeContract(handle, d);
  }

  /**
   * b) Left school, listed, oriented to the Mission locale (CEJ or PACEA), sometimes then an apprenticeship.
   */
  dropoutMissionLocale(forceApprenticeship = false): void {
    const d = forceApprenticeship
      ? this.dropout(
          'DROPPED_OUT',
          nextWorkday(this.rng.int(dayNumber('2025-01-06'), dayNumber('2025-02-14'))),
        )
      : this.dropout();
    if (
      !forceApprenticeship &&
      d.exit >= SUMMER_2026 &&
      this.rng.chance(0.5) &&
      this.walkIn(d, 'missions-locales')
    )
      return;
    const listing = this.sieiAfterSchool(d);
    if (!listing) return;
    this.obligationFrom(listing.detected, `Repérage SIEI (${listing.campaign})`);
    const ml = this.missionLocale();
    const handle = this.psadCase(listing, 'ENGAGE', ml);
    if (!handle || handle.meeting === null) return;
    this.obligation(handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
    this.solutionProposed(handle);
    const opened = this.after(handle.meeting, 3, 25);
    if (opened > LAST) return;
    const toApprenticeship = forceApprenticeship || this.rng.chance(0.3);
    const result = toApprenticeship
      ? this.missionLocaleFollowUp(opened, {
          programme: forceApprenticeship ? 'CEJ' : undefined,
          handOverOn: this.after(opened, 90, 240),
          handOverSummary: 'Sortie en apprentissage',
          handOverOutcome: 'TRAINING',
        })
      : this.missionLocaleFollowUp(opened);
    if (result.entry !== null) {
      this.solutionStarted(handle, result.entry);
      this.obligation(result.entry, 'Entrée en accompagnement à la Mission locale', 'IN_SUPPORT');
    } else if (toApprenticeship && result.closedOn !== null) {
      this.solutionStarted(handle, result.closedOn);
    }
    if (result.closedOn === null) return;
    if (toApprenticeship) {
      const start = this.after(result.closedOn, 0, 20);
      if (start > LAST) return;
      const apprenticeship = this.apprenticeship(start, {
        notBefore: result.closedOn - 20,
        mayBreak: !forceApprenticeship,
      });
      this.obligation(apprenticeship.started, 'Entrée en apprentissage', 'IN_TRAINING');
    } else if (result.outcome === 'EMPLOYED') {
      this.obligation(result.closedOn, 'Sortie en emploi', 'FULFILLED');
    } else if (result.outcome === 'TRAINING') {
      this.obligation(result.closedOn, 'Entrée en formation', 'IN_TRAINING');
    } else if (result.outcome === 'ABANDONED') {
      this.obligation(result.closedOn, 'Sortie sans solution, relance prévue', 'NOT_REACHED');
    }
  }

  /** c) Left school, listed, then an E2C pathway (often prescribed by the Mission locale). */
  dropoutE2c(): void {
    const d = this.dropout();
    if (d.exit >= SUMMER_2026 && this.rng.chance(0.5) && this.walkIn(d, 'e2c')) return;
    const listing = this.sieiAfterSchool(d);
    if (!listing) return;
    this.obligationFrom(listing.detected, `Repérage SIEI (${listing.campaign})`);
    const follower = this.rng.chance(0.5) ? this.missionLocale() : this.b.psad;
    const handle = this.psadCase(listing, 'ENGAGE', follower);
    if (!handle || handle.meeting === null) return;
    this.obligation(handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
    this.solutionProposed(handle);
    let opened: number;
    if (this.rng.chance(0.4)) {
      const mlOpened = this.after(handle.meeting, 3, 20);
      if (mlOpened > LAST) return;
      opened = this.after(mlOpened, 20, 70);
      this.missionLocaleFollowUp(mlOpened, {
        programme: 'PACEA',
        handOverOn: opened,
        handOverSummary: 'Orientation vers l’École de la deuxième chance',
        handOverOutcome: 'TRAINING',
      });
    } else {
      opened = this.after(handle.meeting, 7, 40);
    }
    if (opened > LAST) return;
    const result = this.e2cFollowUp(opened);
    if (result.entry === null) return;
    this.solutionStarted(handle, result.entry);
    this.obligation(result.entry, 'Entrée en parcours E2C', 'IN_TRAINING');
    if (result.closedOn !== null && result.outcome === 'TRAINING' && this.rng.chance(0.4)) {
      const start = this.after(result.closedOn, 0, 30);
      if (start <= LAST) this.apprenticeship(start, { notBefore: result.closedOn - 20 });
    }
  }

  /** d) From school to an apprenticeship, some through a prépa-apprentissage; some contracts break. */
  apprenticeshipPath(): void {
    const year = schoolYearStarting(
      this.rng.weighted([
        [2024, 25],
        [2025, 40],
        [2026, 35],
      ]),
    );
    const prepa = this.rng.chance(0.2);
    const prepaOpened = nextWorkday(year.start + this.rng.int(10, 40));
    let start = prepa ? prepaOpened : Math.min(nextWorkday(year.start + this.rng.int(-20, 45)), LAST - 2);
    this.bornFor(
      this.rng.weighted([
        [15, 25],
        [16, 33],
        [17, 22],
        [18, 12],
        [19, 8],
      ]),
      start,
    );
    const previous = SCHOOL_YEARS[year.index - 1];
    const lag = this.rng.weighted([
      [0, 45],
      [1, 40],
      [2, 15],
    ]);
    const family = this.rng.weighted<Family>([
      ['PRO', 35],
      ['CAP', 25],
      ['GENERAL', 40],
    ]);
    const grade = previous.startYear - civilFromDay(this.birth)[0] - 11 - lag;
    this.schoolHistory(
      previous,
      lag,
      family,
      previous.end,
      grade <= 3 || this.rng.chance(0.4) ? 'COMPLETED' : 'REORIENTED',
      1,
    );
    let prepaCfa: DemoOrganisation | undefined;
    if (prepa) {
      if (prepaOpened > LAST) return;
      const done = this.prepaApprenticeship(prepaOpened);
      if (done.closed === null) return;
      prepaCfa = done.cfa;
      start = this.after(done.closed, 0, 14);
      if (start > LAST) return;
    }
    const result = this.apprenticeship(start, {
      notBefore: prepa ? start - 10 : previous.end,
      cfa: prepaCfa,
    });
    if (result.leftOn === null) return;

    // The broken apprentice is a décroché: SIEI lists them, the Mission locale takes over.
    this.obligationFrom(result.leftOn, 'Sortie de CFA sans solution');
    const lastClass = `${result.qualification.diploma} ${result.qualification.trade} (apprentissage)`;
    const listing = this.siei(
      result.leftOn,
      result.cfa.id,
      lastClass,
      this.rng.chance(0.7) ? 'BREVET' : 'NONE',
    );
    let mlOpened: number;
    if (listing) {
      const handle = this.psadCase(listing, 'ENGAGE', this.missionLocale());
      if (!handle || handle.meeting === null) return;
      this.obligation(handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
      this.solutionProposed(handle);
      mlOpened = this.after(handle.meeting, 3, 20);
      if (mlOpened > LAST) return;
      const ml = this.missionLocaleFollowUp(mlOpened);
      if (ml.entry !== null) {
        this.solutionStarted(handle, ml.entry);
        this.obligation(ml.entry, 'Entrée en accompagnement à la Mission locale', 'IN_SUPPORT');
      }
    } else if (this.rng.chance(0.5)) {
      mlOpened = this.after(result.leftOn, 10, 60);
      if (mlOpened > LAST) return;
      const ml = this.missionLocaleFollowUp(mlOpened);
      this.obligation(ml.entry, 'Entrée en accompagnement à la Mission locale', 'IN_SUPPORT');
    }
  }

  /** e) A lycée agricole or CFPPA, straight after school or as the solution of a PSAD case. */
  agriculturePath(): void {
    if (this.rng.chance(0.2)) {
      const d = this.dropout();
      const listing = this.sieiAfterSchool(d);
      if (!listing) return;
      this.obligationFrom(listing.detected, `Repérage SIEI (${listing.campaign})`);
      const handle = this.psadCase(listing, 'ENGAGE', this.b.psad);
      if (!handle || handle.meeting === null) return;
      this.obligation(handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
      this.solutionProposed(handle);
      const opened = this.after(handle.meeting, 7, 40);
      if (opened > LAST) return;
      const result = this.agriculturalFollowUp(opened, this.after(opened, 5, 25));
      if (result.entry !== null) {
        this.solutionStarted(handle, result.entry);
        this.obligation(result.entry, 'Entrée en formation agricole', 'IN_TRAINING');
      }
      return;
    }
    const year = schoolYearStarting(
      this.rng.weighted([
        [2024, 30],
        [2025, 35],
        [2026, 35],
      ]),
    );
    const entry = nextWorkday(year.start);
    this.bornFor(
      this.rng.weighted([
        [15, 45],
        [16, 30],
        [17, 12],
        [18, 8],
        [19, 5],
      ]),
      entry,
    );
    const previous = SCHOOL_YEARS[year.index - 1];
    const lag = this.rng.weighted([
      [0, 50],
      [1, 40],
      [2, 10],
    ]);
    const grade = previous.startYear - civilFromDay(this.birth)[0] - 11 - lag;
    this.schoolHistory(
      previous,
      lag,
      this.rng.chance(0.6) ? 'GENERAL' : 'PRO',
      previous.end,
      grade <= 3 ? 'COMPLETED' : 'REORIENTED',
      1,
    );
    this.agriculturalFollowUp(entry, entry);
  }

  /** f) A décrocheur: still enrolled, with GPDS signals; includes collégiens under 16. */
  stillEnrolled(): void {
    this.bornFor(
      this.rng.weighted([
        [14, 20],
        [15, 24],
        [16, 22],
        [17, 20],
        [18, 14],
      ]),
      REF,
    );
    const lag = this.rng.weighted([
      [0, 50],
      [1, 38],
      [2, 12],
    ]);
    const family = this.rng.weighted<Family>([
      ['PRO', 45],
      ['CAP', 20],
      ['GENERAL', 35],
    ]);
    const current = SCHOOL_YEARS.find((y) => y.start <= LAST && y.end > LAST)!;
    const previousYears = this.rng.int(1, 2);
    const history = this.schoolHistory(current, lag, family, null, null, previousYears);
    const count = this.rng.weighted([
      [1, 45],
      [2, 35],
      [3, 20],
    ]);
    for (let i = 0; i < count; i++) {
      const inCurrentYear = this.rng.chance(0.7);
      const year = inCurrentYear ? current : SCHOOL_YEARS[current.index - 1];
      const schooling = inCurrentYear ? history[history.length - 1] : history[history.length - 2];
      this.signals(schooling.school, year.start + 14, Math.min(year.end - 14, LAST), 1);
    }
  }

  /** g) Listed, but the platform never reaches them, or they refuse. */
  unreachableOrRefused(): void {
    const d = this.dropout();
    const listing = this.sieiAfterSchool(d);
    if (!listing) return;
    this.obligationFrom(listing.detected, `Repérage SIEI (${listing.campaign})`);
    const refused = this.rng.chance(0.35);
    const handle = this.psadCase(listing, refused ? 'REFUSED' : 'UNREACHABLE', this.b.psad);
    if (!handle || handle.step.closedOn === null) return;
    const closed = dayNumber(handle.step.closedOn);
    if (refused && this.rng.chance(0.12)) this.obligation(closed, 'Dispense : raisons de santé', 'EXEMPTED');
    else
      this.obligation(
        closed,
        refused ? 'Refus d’accompagnement' : 'Injoignable malgré les relances',
        'NOT_REACHED',
      );
  }

  /** SIEI false positives: the young person moved away or is already in training elsewhere. */
  listedElsewhere(): void {
    const moved = this.rng.chance(0.5);
    const d = this.dropout(moved ? 'MOVED' : this.rng.chance(0.5) ? 'DROPPED_OUT' : 'REORIENTED');
    const listing = this.sieiAfterSchool(d);
    if (!listing) return;
    this.psadCase(listing, moved ? 'MOVED' : 'ALREADY_IN_TRAINING', this.b.psad);
  }

  /** h) The PJJ published a signal for this person. */
  pjjSignal(): void {
    const first = this.entries.length > 0 ? Math.min(...this.entries.map((e) => e.key)) : LAST - 200;
    const from = Math.max(first, REF - 700, addYearsToDay(this.birth, 13));
    const to = LAST - 3;
    if (from > to) return;
    const published = nextWorkday(this.rng.int(from, to));
    if (published > LAST) return;
    const withdrawn = this.rng.chance(0.25) ? this.after(published, 60, 360) : null;
    const prefix = phonePrefix(this.b.profile);
    this.add(
      {
        type: 'pjj-signal',
        unitId: this.b.pjjUnit.id,
        contactName: this.adultName(),
        contactPhone: `${prefix} ${this.rng.digits(2)} ${this.rng.digits(2)} ${this.rng.digits(2)}`,
        publishedOn: isoDay(published),
        withdrawnOn: withdrawn !== null && withdrawn <= LAST ? isoDay(withdrawn) : null,
      },
      published,
    );
  }

  /** The path in chronological order of each step's first date (stable for ties). */
  finish(): DemoStep[] {
    this.finishObligation();
    return this.entries
      .map((entry, seq) => ({ ...entry, seq }))
      .sort((a, b) => a.key - b.key || a.seq - b.seq)
      .map((entry) => entry.step);
  }
}

type ApprenticeshipBreak =
  'EMPLOYER_INITIATIVE' | 'APPRENTICE_INITIATIVE' | 'MUTUAL_AGREEMENT' | 'TRIAL_PERIOD' | null;

const NO_ANSWER_NOTES: Record<PsadCaseStep['contacts'][number]['channel'], string> = {
  PHONE: 'Pas de réponse, message laissé sur la messagerie',
  SMS: 'SMS envoyé, pas de réponse',
  MAIL: 'Courriel envoyé, pas de réponse',
  LETTER: 'Courrier d’invitation envoyé au domicile',
  MEETING: 'Absent au rendez-vous',
};

const EXIT_SUMMARIES: Record<Outcome, string> = {
  IN_PROGRESS: 'Sortie',
  COMPLETED: 'Fin de l’accompagnement, objectifs atteints',
  ABANDONED: 'Sortie sans solution : plus de nouvelles du jeune',
  EMPLOYED: 'Sortie en emploi',
  TRAINING: 'Sortie en formation qualifiante',
};

// ---------------------------------------------------------------------------------------------
// Public API

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

  const t = new Trajectory(rng, catalogue, bassin, commune);
  switch (archetype) {
    case 'DROPOUT_FOQUALE':
      t.dropoutFoquale();
      break;
    case 'DROPOUT_MISSION_LOCALE':
      t.dropoutMissionLocale(showcase);
      break;
    case 'DROPOUT_E2C':
      t.dropoutE2c();
      break;
    case 'APPRENTICESHIP':
      t.apprenticeshipPath();
      break;
    case 'AGRICULTURE':
      t.agriculturePath();
      break;
    case 'STILL_ENROLLED':
      t.stillEnrolled();
      break;
    case 'UNREACHABLE_OR_REFUSED':
      t.unreachableOrRefused();
      break;
    case 'LISTED_ELSEWHERE':
      t.listedElsewhere();
      break;
  }
  if (showcase || rng.chance(PJJ_RATE[archetype])) t.pjjSignal();

  return {
    id,
    ine,
    firstName,
    lastName,
    birthDate: isoDay(t.birth),
    sex,
    commune,
    bassin: bassin.profile.code,
    path: t.finish(),
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
