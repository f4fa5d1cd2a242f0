import { levelOf, OfferLevel } from '../../platform/graphql/offer-search';
import { OfferAudience, OfferKind, type Offer } from '../../platform/graphql/types';
import { SuggestionReasonCode, type CandidateOffer } from '../../platform/partner-kit/suggestions';
import { Partner } from '../../platform/partners';
import {
  assess,
  haversineKm,
  NEIGHBOURING_KM,
  rankOffers,
  reachableBassins,
  WEIGHTS,
  type MatchingPerson,
} from '../../subgraphs/psad/matching';
import type { BassinPlace } from '../../subgraphs/psad/territories';

const TODAY = '2026-12-01';

const PLACES = new Map<string, BassinPlace>(
  [
    {
      code: '38-GRE',
      name: 'Agglomération grenobloise',
      departement: '38',
      latitude: 45.1885,
      longitude: 5.7245,
    },
    { code: '38-CEN', name: 'Centre Isère', departement: '38', latitude: 45.3642, longitude: 5.5888 },
    { code: '38-RHO', name: 'Isère rhodanienne', departement: '38', latitude: 45.5255, longitude: 4.8744 },
    { code: '73-CHY', name: 'Chambéry', departement: '73', latitude: 45.5646, longitude: 5.9178 },
    { code: '74-CHA', name: 'Chablais', departement: '74', latitude: 46.3705, longitude: 6.4793 },
    { code: '38-NEW', name: 'Bassin sans coordonnées', departement: '38', latitude: null, longitude: null },
  ].map((place) => [place.code, place]),
);

/** 17 years old today, in Grenoble, left a 2nde pro at the lycée 0380001A without a diploma. */
const PERSON: MatchingPerson = {
  birthDate: '2009-06-15',
  bassin: '38-GRE',
  listing: {
    lastSchoolUai: '0380001A',
    lastSchoolName: 'Lycée Vaucanson',
    lastClass: '2nde pro',
    diploma: 'BREVET',
  },
};

let sequence = 0;
function candidate(
  overrides: Partial<Offer> = {},
  extra: Partial<Omit<CandidateOffer, 'offer'>> = {},
): CandidateOffer {
  sequence += 1;
  const offer: Offer = {
    id: `cfa:${String(sequence).padStart(4, '0')}`,
    partner: Partner.CFA,
    kind: OfferKind.PREPARATORY_TRAINING,
    title: 'Une offre',
    provider: 'Un organisme',
    territory: '38-GRE',
    commune: 'Grenoble',
    track: null,
    level: null,
    capacity: 10,
    vacancies: 3,
    ageMin: 16,
    ageMax: 25,
    startsOn: '2026-12-15',
    endsOn: null,
    audiences: [],
    ...overrides,
  };
  return { offer, providerCode: '0389999Z', annotations: [], ...extra };
}

const codes = (c: CandidateOffer, person: MatchingPerson = PERSON) =>
  assess(person, c, PLACES, TODAY)?.reasons.map((reason) => reason.code) ?? null;

describe('the hard filters', () => {
  it('keeps an offer whose bounds hold the person’s age on the start day, and says so', () => {
    expect(codes(candidate())).toEqual(
      expect.arrayContaining([SuggestionReasonCode.AGE_ELIGIBLE, SuggestionReasonCode.HAS_VACANCY]),
    );
  });

  it('counts the age on the start date, not today', () => {
    // 17 today, 18 on 2027-06-15: an offer for 16-17 year-olds starting after that birthday is out.
    expect(
      assess(PERSON, candidate({ ageMin: 16, ageMax: 17, startsOn: '2027-06-14' }), PLACES, TODAY),
    ).not.toBeNull();
    expect(
      assess(PERSON, candidate({ ageMin: 16, ageMax: 17, startsOn: '2027-06-15' }), PLACES, TODAY),
    ).toBeNull();
    expect(
      assess(PERSON, candidate({ ageMin: 18, ageMax: 25, startsOn: '2027-06-15' }), PLACES, TODAY),
    ).not.toBeNull();
  });

  it('counts the age today for a session already running', () => {
    expect(
      assess(PERSON, candidate({ ageMin: 18, ageMax: 25, startsOn: '2026-09-01' }), PLACES, TODAY),
    ).toBeNull();
    expect(
      assess(PERSON, candidate({ ageMin: 15, ageMax: 16, startsOn: '2026-09-01' }), PLACES, TODAY),
    ).toBeNull();
    expect(
      assess(PERSON, candidate({ ageMin: 17, ageMax: 17, startsOn: '2026-09-01' }), PLACES, TODAY),
    ).not.toBeNull();
  });

  it('never suggests an offer without a free place', () => {
    expect(assess(PERSON, candidate({ vacancies: 0 }), PLACES, TODAY)).toBeNull();
  });

  it('never suggests an offer that is over', () => {
    expect(
      assess(PERSON, candidate({ startsOn: '2026-09-01', endsOn: '2026-11-30' }), PLACES, TODAY),
    ).toBeNull();
    expect(
      assess(PERSON, candidate({ startsOn: '2026-09-01', endsOn: TODAY }), PLACES, TODAY),
    ).not.toBeNull();
  });

  it('never suggests an offer out of reach (another département, beyond the neighbouring distance)', () => {
    expect(assess(PERSON, candidate({ territory: '74-CHA' }), PLACES, TODAY)).toBeNull();
  });
});

describe('territory', () => {
  it('measures distances between main towns by haversine', () => {
    expect(
      haversineKm({ latitude: 45.1885, longitude: 5.7245 }, { latitude: 45.5646, longitude: 5.9178 }),
    ).toBeCloseTo(44.5, 0);
    expect(haversineKm({ latitude: 45, longitude: 5 }, { latitude: 45, longitude: 5 })).toBe(0);
  });

  it('ranks the same bassin first, a neighbouring one next (even in another département), the rest of the département after', () => {
    const same = assess(PERSON, candidate({ territory: '38-GRE' }), PLACES, TODAY)!;
    const neighbour = assess(PERSON, candidate({ territory: '73-CHY' }), PLACES, TODAY)!;
    const departement = assess(PERSON, candidate({ territory: '38-RHO' }), PLACES, TODAY)!;
    expect(same.reasons.map((r) => r.code)).toContain(SuggestionReasonCode.SAME_BASSIN);
    expect(neighbour.reasons.map((r) => r.code)).toContain(SuggestionReasonCode.NEIGHBOURING_BASSIN);
    expect(departement.reasons.map((r) => r.code)).toContain(SuggestionReasonCode.SAME_DEPARTEMENT);
    expect(same.distanceKm).toBe(0);
    expect(neighbour.distanceKm).toBeLessThanOrEqual(NEIGHBOURING_KM);
    expect(departement.distanceKm).toBeGreaterThan(NEIGHBOURING_KM);
    expect(same.score).toBeGreaterThan(neighbour.score);
    expect(neighbour.score).toBeGreaterThan(departement.score);
  });

  it('prefers the nearer of two neighbouring bassins', () => {
    const voiron = assess(PERSON, candidate({ territory: '38-CEN' }), PLACES, TODAY)!;
    const chambery = assess(PERSON, candidate({ territory: '73-CHY' }), PLACES, TODAY)!;
    expect(voiron.distanceKm!).toBeLessThan(chambery.distanceKm!);
    expect(voiron.score).toBeGreaterThan(chambery.score);
  });

  it('falls back on the département when a bassin has no coordinates', () => {
    const unknown = assess(PERSON, candidate({ territory: '38-NEW' }), PLACES, TODAY)!;
    expect(unknown.reasons.map((r) => r.code)).toContain(SuggestionReasonCode.SAME_DEPARTEMENT);
    expect(unknown.distanceKm).toBeNull();
  });

  it('lists the bassins within reach, own first, nearest next', () => {
    expect(reachableBassins('38-GRE', PLACES)).toEqual(['38-GRE', '38-CEN', '73-CHY', '38-RHO', '38-NEW']);
  });
});

describe('start date', () => {
  it('prefers what starts soon, then what already runs, then what starts late', () => {
    const soon = assess(PERSON, candidate({ startsOn: '2026-12-10' }), PLACES, TODAY)!;
    const running = assess(PERSON, candidate({ startsOn: '2026-09-01' }), PLACES, TODAY)!;
    const late = assess(PERSON, candidate({ startsOn: '2027-09-01' }), PLACES, TODAY)!;
    expect(soon.reasons.map((r) => r.code)).toContain(SuggestionReasonCode.STARTS_SOON);
    expect(running.reasons.map((r) => r.code)).toContain(SuggestionReasonCode.ALREADY_STARTED);
    expect(late.reasons.map((r) => r.code)).toContain(SuggestionReasonCode.STARTS_LATER);
    expect(soon.score).toBeGreaterThan(running.score);
    expect(running.score).toBeGreaterThan(late.score);
  });
});

describe('level and track against the last SIEI listing', () => {
  it('reads levels from the partners’ free text', () => {
    expect(['CAP 1', 'CAP', 'CAPa', 'cap 2'].map(levelOf)).toEqual([
      OfferLevel.CAP,
      OfferLevel.CAP,
      OfferLevel.CAP,
      OfferLevel.CAP,
    ]);
    expect(['2nde pro', '1re pro', 'Bac pro', 'Baccalauréat professionnel'].map(levelOf)).toEqual(
      Array(4).fill(OfferLevel.BAC_PRO),
    );
    expect(['2nde GT', '1re générale', 'Tle générale'].map(levelOf)).toEqual(
      Array(3).fill(OfferLevel.BAC_GENERAL),
    );
    expect(['BP', 'BPREA', 'BTS', 'BTSA', 'MC'].map(levelOf)).toEqual([
      OfferLevel.BP,
      OfferLevel.BP,
      OfferLevel.BTS,
      OfferLevel.BTS,
      OfferLevel.MC,
    ]);
    expect([null, '', '3e', 'Parcours'].map(levelOf)).toEqual([null, null, null, null]);
  });

  it('favours the level that follows the last class', () => {
    const bacPro = codes(candidate({ level: '1re pro' }));
    const cap = codes(candidate({ level: 'CAP 1' }));
    const general = codes(candidate({ level: '2nde GT' }));
    expect(bacPro).toContain(SuggestionReasonCode.LEVEL_MATCH);
    expect(cap).toContain(SuggestionReasonCode.LEVEL_MATCH);
    expect(general).not.toContain(SuggestionReasonCode.LEVEL_MATCH);
  });

  it('ranks down a level whose diploma the person lacks', () => {
    const bts = assess(PERSON, candidate({ level: 'BTS' }), PLACES, TODAY)!;
    expect(bts.reasons.find((r) => r.code === SuggestionReasonCode.LEVEL_NOT_REACHED)?.weight).toBe(
      WEIGHTS.levelNotReached,
    );
    const graduate = { ...PERSON, listing: { ...PERSON.listing!, diploma: 'BAC' } };
    expect(codes(candidate({ level: 'BTS' }), graduate)).toContain(SuggestionReasonCode.LEVEL_MATCH);
    expect(codes(candidate({ level: 'CAP' }), graduate)).toContain(SuggestionReasonCode.LEVEL_BELOW);
  });

  it('favours the trade of the last training, accents and case aside', () => {
    const apprentice = {
      ...PERSON,
      listing: { ...PERSON.listing!, lastClass: 'CAP Électricien (apprentissage)' },
    };
    expect(codes(candidate({ track: 'electricien' }), apprentice)).toContain(
      SuggestionReasonCode.TRACK_MATCH,
    );
    expect(codes(candidate({ track: 'Maçon' }), apprentice)).not.toContain(SuggestionReasonCode.TRACK_MATCH);
    // Short tracks would match by accident.
    expect(codes(candidate({ track: 'CAP' }), apprentice)).not.toContain(SuggestionReasonCode.TRACK_MATCH);
  });

  it('says nothing of level or track for a person with no listing', () => {
    const unlisted = { ...PERSON, listing: null };
    const reasons = codes(candidate({ level: 'BTS', track: '2nde pro' }), unlisted)!;
    expect(reasons).not.toContain(SuggestionReasonCode.LEVEL_NOT_REACHED);
    expect(reasons).not.toContain(SuggestionReasonCode.TRACK_MATCH);
  });
});

describe('publics', () => {
  it('favours an offer open to the person’s publics, one point block per public', () => {
    const open = assess(
      PERSON,
      candidate({
        audiences: [
          OfferAudience.DECROCHES,
          OfferAudience.OBLIGATION_FORMATION_16_18,
          OfferAudience.WITHOUT_DIPLOMA,
        ],
      }),
      PLACES,
      TODAY,
    )!;
    expect(open.reasons.find((r) => r.code === SuggestionReasonCode.OPEN_TO_PUBLIC)?.weight).toBe(
      3 * WEIGHTS.openToPublic,
    );
  });

  it('ranks down an offer declared for other publics only', () => {
    const other = assess(PERSON, candidate({ audiences: [OfferAudience.WITH_DIPLOMA] }), PLACES, TODAY)!;
    expect(other.reasons.find((r) => r.code === SuggestionReasonCode.NOT_FOR_PUBLIC)?.weight).toBe(
      WEIGHTS.notForPublic,
    );
  });

  it('no longer counts the obligation de formation once the person is 18 on the start day', () => {
    const later = assess(
      PERSON,
      candidate({ startsOn: '2027-07-01', audiences: [OfferAudience.OBLIGATION_FORMATION_16_18] }),
      PLACES,
      TODAY,
    )!;
    expect(later.reasons.map((r) => r.code)).toContain(SuggestionReasonCode.NOT_FOR_PUBLIC);
  });
});

describe('past paths', () => {
  it('puts the school the person just left after every other offer, whatever its score', () => {
    const left = candidate(
      { territory: '38-GRE', startsOn: '2026-12-02', level: '1re pro' },
      { providerCode: '0380001A' },
    );
    const far = candidate({ territory: '38-RHO', startsOn: '2027-09-01' });
    const ranked = rankOffers(PERSON, [left, far], PLACES, TODAY);
    expect(ranked.map((s) => s.offer.id)).toEqual([far.offer.id, left.offer.id]);
    expect(ranked[1].demoted).toBe(true);
    expect(ranked[1].reasons.map((r) => r.code)).toContain(SuggestionReasonCode.LEFT_SCHOOL);
    expect(ranked[0].demoted).toBe(false);
  });

  it('puts an apprenticeship annotated by the CFA (broken contract in that trade) after the others', () => {
    const annotation = {
      code: SuggestionReasonCode.BROKEN_CONTRACT_SAME_TRADE,
      summary: 'Contrat rompu dans ce métier',
    };
    const broken = candidate(
      { kind: OfferKind.APPRENTICESHIP, track: 'Maçon' },
      { annotations: [annotation] },
    );
    const other = candidate({ kind: OfferKind.APPRENTICESHIP, track: 'Électricien', startsOn: '2027-09-01' });
    const ranked = rankOffers(PERSON, [broken, other], PLACES, TODAY);
    expect(ranked.map((s) => s.offer.id)).toEqual([other.offer.id, broken.offer.id]);
    expect(
      ranked[1].reasons.find((r) => r.code === SuggestionReasonCode.BROKEN_CONTRACT_SAME_TRADE),
    ).toMatchObject({ summary: annotation.summary, weight: WEIGHTS.demoted });
  });

  it('does not demote another provider of the same kind', () => {
    expect(assess(PERSON, candidate({}, { providerCode: '0380002B' }), PLACES, TODAY)!.demoted).toBe(false);
  });
});

describe('rankOffers', () => {
  it('scores each suggestion as the sum of its reasons and orders by score, then start, then id', () => {
    const a = candidate({ startsOn: '2026-12-10' });
    const b = candidate({ startsOn: '2026-12-10' });
    const c = candidate({ startsOn: '2026-12-05' });
    const d = candidate({ territory: '38-CEN' });
    const ranked = rankOffers(PERSON, [d, b, a, c], PLACES, TODAY);
    for (const suggestion of ranked)
      expect(suggestion.score).toBe(suggestion.reasons.reduce((sum, r) => sum + r.weight, 0));
    expect(ranked.map((s) => s.offer.id)).toEqual([c.offer.id, a.offer.id, b.offer.id, d.offer.id]);
  });

  it('counts an offer sent twice once', () => {
    const a = candidate();
    expect(rankOffers(PERSON, [a, a], PLACES, TODAY)).toHaveLength(1);
  });
});
