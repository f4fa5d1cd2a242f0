import { ageOn, daysBetween, frenchDay } from '../../platform/calendar';
import { foldText, levelOf, OfferLevel } from '../../platform/graphql/offer-search';
import { OfferAudience, type Offer } from '../../platform/graphql/types';
import { SuggestionReasonCode, type CandidateOffer } from '../../platform/partner-kit/suggestions';
import type { BassinPlace } from './territories';

/**
 * The ranking of `Young.suggestedOffers`: a pure function of the person (birth date, bassin, last
 * SIEI listing), the partners' candidates and the bassins' geography, on a given day.
 *
 * Hard filters (an offer failing one is never suggested): the person's age on the day they would
 * start (the start date, or today for a session already running) within the offer's bounds; a
 * free place; not over; within reach (the same bassin, a neighbouring one, or the same département).
 * Then each rule adds a weighted reason; the score is their sum. Offers the person's past path
 * argues against (the school they just left, the trade of a broken apprenticeship) are demoted:
 * they come after every other offer, whatever their score. Ties: the sooner start, then the id.
 */

/** Main towns at most this far apart make neighbouring bassins. */
export const NEIGHBOURING_KM = 50;

export const WEIGHTS = {
  sameBassin: 30,
  /** Minus one point per 5 km. */
  neighbouringBassin: 20,
  sameDepartement: 8,
  startsWithinMonth: 20,
  startsWithinQuarter: 12,
  alreadyStarted: 6,
  startsWithinHalfYear: 4,
  levelMatch: 15,
  levelNotReached: -25,
  levelBelow: -5,
  trackMatch: 15,
  /** Per public of the person the offer is open to. */
  openToPublic: 5,
  notForPublic: -15,
  demoted: -30,
} as const;

/** Reasons that put an offer after every offer without one. */
const DEMOTING = new Set<SuggestionReasonCode>([
  SuggestionReasonCode.LEFT_SCHOOL,
  SuggestionReasonCode.BROKEN_CONTRACT_SAME_TRADE,
]);

export interface MatchingListing {
  lastSchoolUai: string;
  lastSchoolName: string;
  lastClass: string;
  /** NONE, BREVET, CAP_BEP or BAC. */
  diploma: string;
}

export interface MatchingPerson {
  birthDate: string;
  bassin: string;
  /** The most recent SIEI listing, if any. */
  listing: MatchingListing | null;
}

export interface Reason {
  code: SuggestionReasonCode;
  summary: string;
  weight: number;
}

export interface Suggestion {
  offer: Offer;
  score: number;
  /** After every offer that is not. */
  demoted: boolean;
  /** Between the main towns of the person's bassin and the offer's; null when a position is unknown. */
  distanceKm: number | null;
  reasons: Reason[];
}

/** Great-circle distance between two points, in kilometres (haversine, mean Earth radius). */
export function haversineKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function distanceBetween(a: BassinPlace | undefined, b: BassinPlace | undefined): number | null {
  if (!a || !b || a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null)
    return null;
  return haversineKm(
    { latitude: a.latitude, longitude: a.longitude },
    { latitude: b.latitude, longitude: b.longitude },
  );
}

type Proximity = {
  tier: 'SAME_BASSIN' | 'NEIGHBOURING' | 'SAME_DEPARTEMENT';
  distanceKm: number | null;
} | null;

function proximity(home: string, there: string, places: ReadonlyMap<string, BassinPlace>): Proximity {
  const distanceKm = home === there ? 0 : distanceBetween(places.get(home), places.get(there));
  if (home === there) return { tier: 'SAME_BASSIN', distanceKm };
  if (distanceKm !== null && distanceKm <= NEIGHBOURING_KM) return { tier: 'NEIGHBOURING', distanceKm };
  const departement = places.get(home)?.departement;
  if (departement && departement === places.get(there)?.departement)
    return { tier: 'SAME_DEPARTEMENT', distanceKm };
  return null;
}

/**
 * The bassins within a person's reach, their own first, then the nearest: what partners search their
 * candidates in.
 */
export function reachableBassins(home: string, places: ReadonlyMap<string, BassinPlace>): string[] {
  const others = [...places.keys()]
    .filter((code) => code !== home)
    .map((code) => ({ code, near: proximity(home, code, places) }))
    .filter((entry) => entry.near !== null)
    .sort(
      (a, b) =>
        (a.near!.distanceKm ?? Infinity) - (b.near!.distanceKm ?? Infinity) || (a.code < b.code ? -1 : 1),
    );
  return [home, ...others.map((entry) => entry.code)];
}

/** What a person's last class and diploma make a fitting next step, and what they hold. */
interface Schooling {
  fits: Set<OfferLevel>;
  holds: 'NONE' | 'CAP' | 'BAC';
  lastClass: string;
}

function schoolingOf(listing: MatchingListing): Schooling {
  const holds = listing.diploma === 'BAC' ? 'BAC' : listing.diploma === 'CAP_BEP' ? 'CAP' : 'NONE';
  const fits = new Set<OfferLevel>();
  const last = levelOf(listing.lastClass);
  if (last === null) {
    // Left at the collège (3e…): a CAP, a bac pro or a 2nde GT are the ways back.
    fits.add(OfferLevel.CAP).add(OfferLevel.BAC_PRO).add(OfferLevel.BAC_GENERAL);
  } else if (last === OfferLevel.CAP) {
    fits.add(OfferLevel.CAP);
  } else if (last === OfferLevel.BAC_PRO) {
    fits.add(OfferLevel.BAC_PRO).add(OfferLevel.CAP);
  } else if (last === OfferLevel.BAC_GENERAL) {
    fits.add(OfferLevel.BAC_GENERAL).add(OfferLevel.BAC_PRO);
  } else {
    fits.add(last);
  }
  if (holds === 'CAP') fits.add(OfferLevel.BAC_PRO).add(OfferLevel.BP).add(OfferLevel.MC);
  if (holds === 'BAC') fits.add(OfferLevel.BTS).add(OfferLevel.MC);
  return { fits, holds, lastClass: listing.lastClass };
}

const LEVEL_LABELS: Record<OfferLevel, string> = {
  CAP: 'CAP',
  BAC_PRO: 'bac professionnel',
  BAC_GENERAL: 'bac général ou technologique',
  BP: 'brevet professionnel',
  BTS: 'BTS',
  MC: 'mention complémentaire',
};

/** The diploma a level requires before entry, if any. */
const PREREQUISITE: Partial<Record<OfferLevel, { holds: Schooling['holds'][]; label: string }>> = {
  BP: { holds: ['CAP', 'BAC'], label: 'un CAP' },
  MC: { holds: ['CAP', 'BAC'], label: 'un CAP ou un bac' },
  BTS: { holds: ['BAC'], label: 'le baccalauréat' },
};

function levelReason(offer: Offer, schooling: Schooling): Reason | null {
  const level = levelOf(offer.level);
  if (level === null) return null;
  const prerequisite = PREREQUISITE[level];
  if (prerequisite && !prerequisite.holds.includes(schooling.holds)) {
    return {
      code: SuggestionReasonCode.LEVEL_NOT_REACHED,
      weight: WEIGHTS.levelNotReached,
      summary: `Le ${LEVEL_LABELS[level]} demande ${prerequisite.label}, que la personne n’a pas`,
    };
  }
  if (
    schooling.holds === 'BAC' &&
    (level === OfferLevel.CAP || level === OfferLevel.BAC_PRO || level === OfferLevel.BAC_GENERAL)
  ) {
    return {
      code: SuggestionReasonCode.LEVEL_BELOW,
      weight: WEIGHTS.levelBelow,
      summary: `En dessous du baccalauréat que la personne a déjà (${LEVEL_LABELS[level]})`,
    };
  }
  if (schooling.fits.has(level)) {
    return {
      code: SuggestionReasonCode.LEVEL_MATCH,
      weight: WEIGHTS.levelMatch,
      summary: `Niveau adapté à son parcours (dernière classe : ${schooling.lastClass}) : ${LEVEL_LABELS[level]}`,
    };
  }
  return null;
}

function trackReason(offer: Offer, schooling: Schooling): Reason | null {
  if (!offer.track) return null;
  const track = foldText(offer.track);
  // Short tracks ("CEJ") would match by accident.
  if (track.length < 4 || !foldText(schooling.lastClass).includes(track)) return null;
  return {
    code: SuggestionReasonCode.TRACK_MATCH,
    weight: WEIGHTS.trackMatch,
    summary: `Même métier ou filière que sa dernière formation (${offer.track})`,
  };
}

const AUDIENCE_LABELS: Record<OfferAudience, string> = {
  DECROCHES: 'aux décrochés',
  OBLIGATION_FORMATION_16_18: 'aux 16-18 ans (obligation de formation)',
  WITHOUT_DIPLOMA: 'sans diplôme',
  WITH_DIPLOMA: 'aux diplômés (CAP, BEP, bac)',
};

/** The publics the person belongs to on the day they would start. */
function publicsOf(person: MatchingPerson, ageAtEntry: number): OfferAudience[] {
  const publics: OfferAudience[] = [];
  const withDiploma = person.listing?.diploma === 'CAP_BEP' || person.listing?.diploma === 'BAC';
  if (person.listing && !withDiploma) publics.push(OfferAudience.DECROCHES);
  if (ageAtEntry >= 16 && ageAtEntry < 18) publics.push(OfferAudience.OBLIGATION_FORMATION_16_18);
  if (person.listing) publics.push(withDiploma ? OfferAudience.WITH_DIPLOMA : OfferAudience.WITHOUT_DIPLOMA);
  return publics;
}

function publicReason(offer: Offer, publics: OfferAudience[]): Reason | null {
  const declared = offer.audiences ?? [];
  if (declared.length === 0 || publics.length === 0) return null;
  const shared = publics.filter((audience) => declared.includes(audience));
  if (shared.length === 0) {
    return {
      code: SuggestionReasonCode.NOT_FOR_PUBLIC,
      weight: WEIGHTS.notForPublic,
      summary: `L’offre s’adresse à d’autres publics (${declared.map((a) => AUDIENCE_LABELS[a]).join(', ')})`,
    };
  }
  return {
    code: SuggestionReasonCode.OPEN_TO_PUBLIC,
    weight: WEIGHTS.openToPublic * shared.length,
    summary: `Ouverte ${shared.map((a) => AUDIENCE_LABELS[a]).join(', ')}`,
  };
}

function startReason(offer: Offer, today: string): Reason {
  const days = daysBetween(today, offer.startsOn);
  const on = frenchDay(offer.startsOn);
  if (days < 0)
    return {
      code: SuggestionReasonCode.ALREADY_STARTED,
      weight: WEIGHTS.alreadyStarted,
      summary: `Commencée le ${on}, entrée possible en cours de session`,
    };
  const when = days === 0 ? 'aujourd’hui' : days === 1 ? 'demain' : `dans ${days} jours`;
  if (days <= 30)
    return {
      code: SuggestionReasonCode.STARTS_SOON,
      weight: WEIGHTS.startsWithinMonth,
      summary: `Commence ${when} (le ${on})`,
    };
  if (days <= 90)
    return {
      code: SuggestionReasonCode.STARTS_SOON,
      weight: WEIGHTS.startsWithinQuarter,
      summary: `Commence ${when} (le ${on})`,
    };
  return {
    code: SuggestionReasonCode.STARTS_LATER,
    weight: days <= 180 ? WEIGHTS.startsWithinHalfYear : 0,
    summary: `Ne commence que le ${on}`,
  };
}

function territoryReason(near: NonNullable<Proximity>, place: BassinPlace | undefined): Reason {
  const name = place?.name ?? 'bassin inconnu';
  const km = near.distanceKm === null ? '' : `, à ${Math.round(near.distanceKm)} km`;
  switch (near.tier) {
    case 'SAME_BASSIN':
      return {
        code: SuggestionReasonCode.SAME_BASSIN,
        weight: WEIGHTS.sameBassin,
        summary: `Dans son bassin (${name})`,
      };
    case 'NEIGHBOURING':
      return {
        code: SuggestionReasonCode.NEIGHBOURING_BASSIN,
        weight: WEIGHTS.neighbouringBassin - Math.round((near.distanceKm ?? NEIGHBOURING_KM) / 5),
        summary: `Dans un bassin voisin (${name}${km})`,
      };
    case 'SAME_DEPARTEMENT':
      return {
        code: SuggestionReasonCode.SAME_DEPARTEMENT,
        weight: WEIGHTS.sameDepartement,
        summary: `Dans son département (${name}${km})`,
      };
  }
}

/** One candidate's suggestion, or null when a hard filter excludes it. */
export function assess(
  person: MatchingPerson,
  candidate: CandidateOffer,
  places: ReadonlyMap<string, BassinPlace>,
  today: string,
): Suggestion | null {
  const { offer } = candidate;
  if (offer.vacancies <= 0) return null;
  if (offer.endsOn !== null && offer.endsOn < today) return null;
  const entry = offer.startsOn > today ? offer.startsOn : today;
  const age = ageOn(person.birthDate, entry);
  if (age < offer.ageMin || age > offer.ageMax) return null;
  const near = proximity(person.bassin, offer.territory, places);
  if (!near) return null;

  const reasons: Reason[] = [
    {
      code: SuggestionReasonCode.AGE_ELIGIBLE,
      weight: 0,
      summary: `${age} ans ${entry === today ? 'aujourd’hui' : `le ${frenchDay(entry)}`}, l’offre accueille de ${offer.ageMin} à ${offer.ageMax} ans`,
    },
    {
      code: SuggestionReasonCode.HAS_VACANCY,
      weight: 0,
      summary: `${offer.vacancies} place${offer.vacancies > 1 ? 's' : ''} libre${offer.vacancies > 1 ? 's' : ''} sur ${offer.capacity}`,
    },
    territoryReason(near, places.get(offer.territory)),
    startReason(offer, today),
  ];
  if (person.listing) {
    const schooling = schoolingOf(person.listing);
    const level = levelReason(offer, schooling);
    if (level) reasons.push(level);
    const track = trackReason(offer, schooling);
    if (track) reasons.push(track);
  }
  const publicFit = publicReason(offer, publicsOf(person, age));
  if (publicFit) reasons.push(publicFit);
  if (person.listing && person.listing.lastSchoolUai === candidate.providerCode) {
    reasons.push({
      code: SuggestionReasonCode.LEFT_SCHOOL,
      weight: WEIGHTS.demoted,
      summary: `Proposée après les autres : c’est l’établissement que la personne vient de quitter (${person.listing.lastSchoolName})`,
    });
  }
  for (const annotation of candidate.annotations ?? []) {
    reasons.push({
      code: annotation.code,
      summary: annotation.summary,
      weight: DEMOTING.has(annotation.code) ? WEIGHTS.demoted : 0,
    });
  }
  return {
    offer,
    score: reasons.reduce((sum, reason) => sum + reason.weight, 0),
    demoted: reasons.some((reason) => DEMOTING.has(reason.code)),
    distanceKm: near.distanceKm === null ? null : Math.round(near.distanceKm * 10) / 10,
    reasons,
  };
}

/** Demoted last, then the highest score, then the sooner start, then the id. */
export function compareSuggestions(a: Suggestion, b: Suggestion): number {
  if (a.demoted !== b.demoted) return a.demoted ? 1 : -1;
  if (a.score !== b.score) return b.score - a.score;
  if (a.offer.startsOn !== b.offer.startsOn) return a.offer.startsOn < b.offer.startsOn ? -1 : 1;
  return a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0;
}

/** Every candidate that passes the hard filters, best first; an offer two partners sent counts once. */
export function rankOffers(
  person: MatchingPerson,
  candidates: readonly CandidateOffer[],
  places: ReadonlyMap<string, BassinPlace>,
  today: string,
): Suggestion[] {
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const candidate of candidates) {
    if (seen.has(candidate.offer.id)) continue;
    seen.add(candidate.offer.id);
    const suggestion = assess(person, candidate, places, today);
    if (suggestion) suggestions.push(suggestion);
  }
  return suggestions.sort(compareSuggestions);
}
