/**
 * THE REGISTER OF HABILITATIONS — which organisations are authorised to read which personal data,
 * for which purpose, on which legal basis, until when, under which DPO (DESIGN.md §5).
 *
 * The rules (`rules.ts`) say what a role may ever see; a habilitation says that a given
 * organisation has actually been authorised, by a convention or a designation, to exercise that
 * role's access for a purpose. Both are needed: a professional reading personal data without a
 * habilitation in force on the day of the request is refused (NO_HABILITATION), and an expired
 * habilitation grants nothing (HABILITATION_EXPIRED). Offers and aggregates carry no personal
 * data and need none; the person reading their own record needs none (RGPD art. 15).
 *
 * Organisations are named by code patterns matching the codes in tokens' `org` claim:
 *   `*` any run of characters, `#` one digit, `@` one capital letter; anything else is literal.
 * Demo register for the académie de Grenoble: the DPOs are named by function.
 */
import type { Purpose, Role } from '../auth/claims';
import { parisDay } from '../calendar';
import type { DataCategory } from './types';

export interface Habilitation {
  id: string;
  /** The organisations it authorises, in words. */
  holder: string;
  /** The role the organisation's staff hold when they use it. */
  role: Role;
  /** Code patterns of the organisations it covers. */
  organisations: readonly string[];
  purposes: readonly Purpose[];
  categories: readonly DataCategory[];
  legalBasis: string;
  /** First day in force (ISO date, Paris time). */
  validFrom: string;
  /** Last day in force, inclusive (ISO date, Paris time). */
  validUntil: string;
  /** The DPO accountable for this habilitation. */
  dpo: string;
}

/** Code formats of the organisations of the académie de Grenoble. */
const CODES = {
  /** A PSAD, by its bassin: `PSAD-38-GRE`. */
  PSAD: ['PSAD-*'],
  /**
   * UAI of an establishment of the académie's départements (Ardèche, Drôme, Isère, Savoie, Haute-Savoie):
   * `0380123X`.
   */
  UAI_ACADEMIE: ['007####@', '026####@', '038####@', '073####@', '074####@'],
  /** SIRET of an association or service (missions locales, E2C sites, PJJ units): 14 digits. */
  SIRET: ['##############'],
  /** Any organisation: the role claim alone identifies the holder (designation by the controllers). */
  ANY: ['*'],
} as const;

const DPO_ACADEMIE = 'DPD de l’académie de Grenoble (rectorat)';
const DPO_MISSIONS_LOCALES =
  'DPD mutualisé des missions locales de l’académie (désigné dans la convention PSAD)';

const FOLLOWING_PARTNER: readonly DataCategory[] = [
  'IDENTITY',
  'CONTACT',
  'LEGAL_REPRESENTATIVES',
  'SCHOOLING',
  'FOLLOW_UP_SUMMARY',
  'FOLLOW_UP_DETAIL',
];
const REPERAGE: readonly DataCategory[] = [
  'IDENTITY',
  'CONTACT',
  'LEGAL_REPRESENTATIVES',
  'SCHOOLING',
  'OBLIGATION_FORMATION',
  'FOLLOW_UP_SUMMARY',
];

export const HABILITATIONS: readonly Habilitation[] = [
  {
    id: 'HAB-PSAD-REPERAGE',
    holder: 'Plateformes de suivi et d’appui aux décrocheurs de l’académie',
    role: 'psad-coordinator',
    organisations: CODES.PSAD,
    purposes: ['REPERAGE_SIEI'],
    categories: REPERAGE,
    legalBasis:
      'Code de l’éducation, art. L313-7 et L313-8 ; arrêtés préfectoraux de désignation des plateformes ; RGPD art. 6-1-e',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: DPO_ACADEMIE,
  },
  {
    id: 'HAB-PSAD-SUIVI',
    holder: 'Plateformes de suivi et d’appui aux décrocheurs de l’académie',
    role: 'psad-coordinator',
    organisations: CODES.PSAD,
    purposes: ['SUIVI_OF', 'ACCOMPAGNEMENT'],
    categories: [...REPERAGE, 'FOLLOW_UP_DETAIL', 'FOQUALE_CONTRACT', 'PJJ_SIGNAL'],
    legalBasis:
      'Code de l’éducation, art. L313-8 et L114-1 ; convention départementale PSAD ; RGPD art. 6-1-e',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: DPO_ACADEMIE,
  },
  {
    id: 'HAB-FOQUALE',
    holder: 'Réseaux FOQUALE de l’académie (MLDS, CIO, établissements du réseau)',
    role: 'foquale-network',
    organisations: CODES.UAI_ACADEMIE,
    purposes: ['REPERAGE_SIEI', 'SUIVI_OF', 'ACCOMPAGNEMENT'],
    categories: [...REPERAGE, 'FOLLOW_UP_DETAIL', 'FOQUALE_CONTRACT'],
    legalBasis: 'Circulaire n° 2013-035 ; code de l’éducation, art. L122-2 et L313-7 ; RGPD art. 6-1-e',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: DPO_ACADEMIE,
  },
  {
    id: 'HAB-GPDS',
    holder: 'Référents décrochage des établissements du second degré de l’académie',
    role: 'en-referent',
    organisations: CODES.UAI_ACADEMIE,
    purposes: ['ACCOMPAGNEMENT'],
    categories: [...FOLLOWING_PARTNER, 'FOQUALE_CONTRACT'],
    legalBasis: 'Circulaire n° 2013-035 (référents décrochage, GPDS) ; RGPD art. 6-1-e',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: DPO_ACADEMIE,
  },
  {
    id: 'HAB-ML-OBLIGATION',
    holder: 'Missions locales de l’académie',
    role: 'ml-advisor',
    organisations: CODES.SIRET,
    purposes: ['SUIVI_OF'],
    categories: [...REPERAGE, 'PJJ_SIGNAL'],
    legalBasis:
      'Code de l’éducation, art. L114-1 et R114-1 s. (décret n° 2020-978 du 5 août 2020) ; RGPD art. 6-1-c',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: DPO_MISSIONS_LOCALES,
  },
  {
    id: 'HAB-ML-ACCOMPAGNEMENT',
    holder: 'Missions locales de l’académie',
    role: 'ml-advisor',
    organisations: CODES.SIRET,
    purposes: ['REPERAGE_SIEI', 'ACCOMPAGNEMENT'],
    categories: [...REPERAGE, 'FOLLOW_UP_DETAIL', 'PJJ_SIGNAL'],
    legalBasis:
      'Code de l’éducation, art. L313-7 ; code du travail, art. L5314-2 ; convention PSAD ; RGPD art. 6-1-e',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: DPO_MISSIONS_LOCALES,
  },
  {
    id: 'HAB-E2C',
    holder: 'Écoles de la deuxième chance (sites de l’académie)',
    role: 'e2c-staff',
    organisations: CODES.SIRET,
    purposes: ['ACCOMPAGNEMENT'],
    categories: FOLLOWING_PARTNER,
    legalBasis:
      'Code de l’éducation, art. L214-14 ; convention de partenariat avec les PSAD ; RGPD art. 6-1-e',
    validFrom: '2025-01-01',
    validUntil: '2027-12-31',
    dpo: 'DPD du réseau E2C France',
  },
  {
    id: 'HAB-CFA',
    holder: 'CFA et UFA de l’académie',
    role: 'cfa-staff',
    organisations: CODES.UAI_ACADEMIE,
    purposes: ['ACCOMPAGNEMENT'],
    categories: FOLLOWING_PARTNER,
    legalBasis: 'Code du travail, art. L6231-2 ; code de l’éducation, art. L313-7 ; RGPD art. 6-1-e',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: 'DPD de la région académique Auvergne-Rhône-Alpes (CFA publics) ou du CFA',
  },
  {
    // An experimental convention of 2024-2026, not renewed: CFA staff declaring the purpose
    // SUIVI_OF are refused with HABILITATION_EXPIRED (under ACCOMPAGNEMENT they still work).
    id: 'HAB-CFA-RUPTURES-OF',
    holder: 'CFA de l’académie — expérimentation « ruptures de contrat et obligation de formation »',
    role: 'cfa-staff',
    organisations: CODES.UAI_ACADEMIE,
    purposes: ['SUIVI_OF'],
    categories: ['IDENTITY', 'CONTACT', 'SCHOOLING', 'FOLLOW_UP_SUMMARY'],
    legalBasis:
      'Code de l’éducation, art. L114-1 ; convention expérimentale CFA – missions locales 2024-2026 (non renouvelée)',
    validFrom: '2024-09-01',
    validUntil: '2026-08-31',
    dpo: 'DPD de la région académique Auvergne-Rhône-Alpes (CFA publics) ou du CFA',
  },
  {
    id: 'HAB-AGRI',
    holder: 'Établissements de l’enseignement agricole de l’académie (lycées agricoles, CFPPA)',
    role: 'agri-staff',
    organisations: CODES.UAI_ACADEMIE,
    purposes: ['ACCOMPAGNEMENT'],
    categories: FOLLOWING_PARTNER,
    legalBasis:
      'Code rural et de la pêche maritime, art. L811-1 ; code de l’éducation, art. L313-7 ; RGPD art. 6-1-e',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: 'DPD du ministère de l’agriculture (DRAAF Auvergne-Rhône-Alpes)',
  },
  {
    id: 'HAB-PJJ',
    holder: 'Unités éducatives de la PJJ (direction interrégionale Centre-Est)',
    role: 'pjj-educator',
    organisations: CODES.SIRET,
    purposes: ['ACCOMPAGNEMENT'],
    categories: [...FOLLOWING_PARTNER, 'PJJ_SIGNAL'],
    legalBasis:
      'Code de la justice pénale des mineurs ; convention DIRPJJ Centre-Est – PSAD ; RGPD art. 6-1-e et 10',
    validFrom: '2025-01-01',
    validUntil: '2027-12-31',
    dpo: 'DPD du ministère de la justice',
  },
  {
    id: 'HAB-DPD',
    holder: 'Délégués à la protection des données désignés par les responsables de traitement du hub',
    role: 'dpo',
    organisations: CODES.ANY,
    purposes: ['REPERAGE_SIEI', 'SUIVI_OF', 'ACCOMPAGNEMENT', 'PILOTAGE_AGREGE'],
    categories: ['ACCESS_LOG', 'FOLLOW_REGISTER'],
    legalBasis: 'RGPD art. 37 à 39 (désignation et missions du délégué)',
    validFrom: '2024-09-01',
    validUntil: '2027-08-31',
    dpo: 'Chaque DPD pour son responsable de traitement',
  },
];

// ── Matching ────────────────────────────────────────────────────────────────────────────────────

/**
 * Whether an organisation code matches a pattern of the register (`*` any run, `#` a digit, `@` a capital
 * letter).
 */
export function matchesCodePattern(pattern: string, code: string): boolean {
  const source = [...pattern]
    .map((character) => {
      if (character === '*') return '.*';
      if (character === '#') return '[0-9]';
      if (character === '@') return '[A-Z]';
      return character.replace(/[\\^$.|?+()[\]{}-]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`).test(code);
}

export type HabilitationStanding = 'IN_FORCE' | 'EXPIRED' | 'NOT_YET_IN_FORCE';

export function standingOn(habilitation: Habilitation, now: Date): HabilitationStanding {
  const day = parisDay(now);
  if (day < habilitation.validFrom) return 'NOT_YET_IN_FORCE';
  return day > habilitation.validUntil ? 'EXPIRED' : 'IN_FORCE';
}

export interface HabilitationQuery {
  role: Role;
  org: string;
  purpose: Purpose;
  category: DataCategory;
}

/** The entries that would authorise this access, whatever their dates. */
export function habilitationsCovering(
  query: HabilitationQuery,
  register: readonly Habilitation[] = HABILITATIONS,
): Habilitation[] {
  return register.filter(
    (h) =>
      h.role === query.role &&
      h.purposes.includes(query.purpose) &&
      h.categories.includes(query.category) &&
      h.organisations.some((pattern) => matchesCodePattern(pattern, query.org)),
  );
}

/**
 * IN_FORCE when one covering entry is in force on `now`; EXPIRED when the only covering entries
 * have expired (the organisation was authorised and is no longer); NONE otherwise, including
 * entries not yet in force.
 */
export function habilitationStatus(
  query: HabilitationQuery,
  now: Date,
  register: readonly Habilitation[] = HABILITATIONS,
): 'IN_FORCE' | 'EXPIRED' | 'NONE' {
  const standings = habilitationsCovering(query, register).map((h) => standingOn(h, now));
  if (standings.includes('IN_FORCE')) return 'IN_FORCE';
  return standings.includes('EXPIRED') ? 'EXPIRED' : 'NONE';
}

// ── Export ──────────────────────────────────────────────────────────────────────────────────────

export const REGISTER_COLUMNS = [
  'id',
  'holder',
  'role',
  'organisations',
  'purposes',
  'categories',
  'legalBasis',
  'validFrom',
  'validUntil',
  'dpo',
] as const;

/** One flat row per habilitation, every value a string: ready for JSON, CSV or a spreadsheet. */
export type HabilitationRow = Record<(typeof REGISTER_COLUMNS)[number], string>;

export function habilitationRows(register: readonly Habilitation[] = HABILITATIONS): HabilitationRow[] {
  return register.map((h) => ({
    id: h.id,
    holder: h.holder,
    role: h.role,
    organisations: h.organisations.join(' | '),
    purposes: h.purposes.join(' | '),
    categories: h.categories.join(' | '),
    legalBasis: h.legalBasis,
    validFrom: h.validFrom,
    validUntil: h.validUntil,
    dpo: h.dpo,
  }));
}

/** The register as CSV (RFC 4180, `;`-separated as French spreadsheets expect). */
export function habilitationsCsv(register: readonly Habilitation[] = HABILITATIONS): string {
  const cell = (value: string) => (/[";\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [
    REGISTER_COLUMNS.join(';'),
    ...habilitationRows(register).map((row) => REGISTER_COLUMNS.map((column) => cell(row[column])).join(';')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
