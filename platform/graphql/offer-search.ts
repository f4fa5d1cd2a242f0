import type { OfferKind } from './types';

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
    offset: search.offset,
    first: search.first,
  };
  return Buffer.from(JSON.stringify(canonical)).toString('base64url');
}

export function decodeOfferSearch(searchKey: string): OfferSearch {
  const value = JSON.parse(Buffer.from(searchKey, 'base64url').toString('utf8')) as OfferSearch;
  if (typeof value !== 'object' || value === null || !Number.isInteger(value.offset) || !Number.isInteger(value.first)) throw new Error('Malformed offer search key');
  return value;
}

/** The merge order of offers across partners: earliest start first, then by id for a stable order. */
export function compareOffers(a: { startsOn: string; id: string }, b: { startsOn: string; id: string }): number {
  return a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
