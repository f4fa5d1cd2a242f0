import { registerEnumType } from 'type-graphql';
import type { OfferAudience, OfferKind } from './types';

/**
 * Qualification levels an offer prepares for, as users filter them (`offers(filter: { level })`).
 * Partners write the level as free text (`CAP 1`, `2nde pro`, `Bac pro`, `BPREA`…); `levelOf`
 * and `LEVEL_SQL` read it the same way. An offer without a level (a programme, a pathway) has none.
 */
export enum OfferLevel {
  /** CAP, CAPa (CAP 1, CAP 2 in a lycée professionnel). */
  CAP = 'CAP',
  /** Baccalauréat professionnel (2nde pro, 1re pro, Tle pro, Bac pro). */
  BAC_PRO = 'BAC_PRO',
  /** Baccalauréat général or technologique (2nde GT, 1re générale, Tle…). */
  BAC_GENERAL = 'BAC_GENERAL',
  /** Brevet professionnel (BP, BPA, BPREA): after a CAP. */
  BP = 'BP',
  /** Brevet de technicien supérieur (BTS, BTSA): after a bac. */
  BTS = 'BTS',
  /** Mention complémentaire: one year after a CAP or a bac. */
  MC = 'MC',
}
registerEnumType(OfferLevel, {
  name: 'OfferLevel',
  description:
    'The qualification an offer prepares for, read from its level: CAP (CAP, CAPa), BAC_PRO (2nde/1re/Tle pro, Bac pro), BAC_GENERAL (2nde GT, 1re/Tle générale), BP (BP, BPA, BPREA), BTS (BTS, BTSA), MC (mention complémentaire).',
});

/** Case-, accent- and apostrophe-insensitive form of a text, for matching tracks and levels. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const ACCENTED = 'ÀÂÄÁÃÅÉÈÊËÎÏÍÌÔÖÓÒÕÙÛÜÚÇŸàâäáãåéèêëîïíìôöóòõùûüúçÿ’‘';
/** Written into an SQL literal, where each apostrophe is doubled: two apostrophes for ’ and ‘. */
const PLAIN = "aaaaaaeeeeiiiiooooouuuucyaaaaaaeeeeiiiiooooouuuucy''''";

/**
 * `foldText` in SQL (translate works whatever the database's locale, which `lower` alone does not for
 * accented capitals).
 */
export function foldSql(expression: string): string {
  return `regexp_replace(replace(replace(translate(lower(${expression}), '${ACCENTED}', '${PLAIN}'), 'œ', 'oe'), 'æ', 'ae'), '\\s+', ' ', 'g')`;
}

/** The level of a folded level text; the order of the tests matters (`bp` before `bac…`). */
const LEVEL_PATTERNS: [OfferLevel, RegExp, string][] = [
  [OfferLevel.CAP, /^cap/, '^cap'],
  [OfferLevel.BTS, /^bts/, '^bts'],
  [OfferLevel.BP, /^bp/, '^bp'],
  [OfferLevel.MC, /^(mc\b|mention complementaire)/, '^(mc\\M|mention complementaire)'],
  [
    OfferLevel.BAC_PRO,
    /^(2nde|seconde|1re|premiere|tle|terminale|bac).*\bpro/,
    '^(2nde|seconde|1re|premiere|tle|terminale|bac).*\\mpro',
  ],
  [
    OfferLevel.BAC_GENERAL,
    /^(2nde|seconde|1re|premiere|tle|terminale|bac)/,
    '^(2nde|seconde|1re|premiere|tle|terminale|bac)',
  ],
];

/** The qualification level of an offer's free-text level; null when it names none. */
export function levelOf(level: string | null | undefined): OfferLevel | null {
  if (!level) return null;
  const folded = foldText(level);
  return LEVEL_PATTERNS.find(([, pattern]) => pattern.test(folded))?.[0] ?? null;
}

/** `levelOf` in SQL, on a level column. */
export function levelSql(expression: string): string {
  const folded = foldSql(`coalesce(${expression}, '')`);
  return `(CASE ${LEVEL_PATTERNS.map(([value, , pattern]) => `WHEN ${folded} ~ '${pattern}' THEN '${value}'`).join(' ')} END)`;
}

/**
 * What psad asks every partner when `offers(filter)` runs. It travels as the key of the
 * `OfferConnection` entity, so it is encoded into one opaque string.
 */
export interface OfferSearch {
  /** Bassin codes to search in; null for everywhere. */
  bassins: string[] | null;
  age: number | null;
  kinds: OfferKind[] | null;
  hasVacancy: boolean | null;
  /** Exclusive upper bound on the start date (YYYY-MM-DD). */
  startsBefore: string | null;
  /** Part of the track (trade, filière), matched case- and accent-insensitively. */
  track?: string | null;
  /** Offers preparing one of these levels. */
  levels?: OfferLevel[] | null;
  /** Offers open to at least one of these publics. */
  audiences?: OfferAudience[] | null;
  /** The page psad will cut from the merged list; each partner returns its first `offset + first` offers. */
  offset: number;
  first: number;
}

/** How many offers, in the merge order, each partner must return for the page to be exact. */
export function partnerLimit(search: OfferSearch): number {
  return search.offset + search.first;
}

export function encodeOfferSearch(search: OfferSearch): string {
  const canonical = {
    bassins: search.bassins ? [...search.bassins].sort() : null,
    age: search.age,
    kinds: search.kinds ? [...search.kinds].sort() : null,
    hasVacancy: search.hasVacancy,
    startsBefore: search.startsBefore,
    track: search.track ?? null,
    levels: search.levels ? [...new Set(search.levels)].sort() : null,
    audiences: search.audiences ? [...new Set(search.audiences)].sort() : null,
    offset: search.offset,
    first: search.first,
  };
  return Buffer.from(JSON.stringify(canonical)).toString('base64url');
}

export function decodeOfferSearch(searchKey: string): OfferSearch {
  const value = JSON.parse(Buffer.from(searchKey, 'base64url').toString('utf8')) as OfferSearch;
  if (
    typeof value !== 'object' ||
    value === null ||
    !Number.isInteger(value.offset) ||
    !Number.isInteger(value.first)
  )
    throw new Error('Malformed offer search key');
  return {
    ...value,
    track: value.track ?? null,
    levels: value.levels ?? null,
    audiences: value.audiences ?? null,
  };
}

/** The merge order of offers across partners: earliest start first, then by id for a stable order. */
export function compareOffers(
  a: { startsOn: string; id: string },
  b: { startsOn: string; id: string },
): number {
  return a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
