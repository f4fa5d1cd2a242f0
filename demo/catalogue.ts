/**
 * The demo catalogue: every partner's organisations and offers for a seed, and the indexes the
 * young people's paths draw from (each bassin's schools, sites and nearby offers).
 */
import type { SubgraphName } from '../platform/partners';
import { BASSINS, type BassinProfile } from '../platform/reference/territories';
import { OFFERS_FROM, OFFERS_TO, formatFrenchDay, schoolYearOf } from './calendar';
import {
  APPRENTICESHIP_QUALIFICATIONS,
  AGRICULTURAL_PROGRAMMES,
  CAP_TRACKS,
  MLDS_ACTIONS,
  PRO_TRACKS,
  SCHOOL_PATRONS,
  SERVICE_CIVIQUE_MISSIONS,
  type AgriculturalProgramme,
  type Qualification,
} from './names';
import { Random, civilFromDay, dayFromCivil, dayNumber, isoDay, weekday } from './random';
import { AGRICULTURAL_SITES, BASSIN_WEIGHT, CFAS, E2C_SITES, MICRO_LYCEE_BASSINS, PJJ_UNITS } from './sites';
import type {
  DemoOffer,
  DemoOfferAudience,
  DemoOfferKind,
  DemoOrganisation,
  OrganisationKind,
} from './world';

/** 'de Grenoble', 'd’Annecy', 'du Teil', 'de La Tour-du-Pin'. */
function ofPlace(commune: string): string {
  if (commune.startsWith('Le ')) return `du ${commune.slice(3)}`;
  if (commune.startsWith('Les ')) return `des ${commune.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔ]/.test(commune)) return `d’${commune}`;
  return `de ${commune}`;
}

/** An offer and the day number it starts on. */
export interface NearOffer {
  offer: DemoOffer;
  start: number;
}

/** What a young person of a bassin may meet: its schools, the sites nearby and their offers. */
export interface BassinIndex {
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

/** The organisations and offers of a seed, indexed for the paths that draw from them. */
export interface Catalogue {
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

/** The check letters of a UAI code, indexed by the number modulo 23. */
const UAI_KEYS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** The key of `BassinIndex.offers`. */
export function offerKey(owner: SubgraphName, kind: DemoOfferKind): string {
  return `${owner}|${kind}`;
}

/** The catalogue of a seed, drawn from its own random stream: it does not depend on the young people. */
export function buildCatalogue(seed: number): Catalogue {
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
