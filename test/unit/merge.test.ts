import { mergeOffers, mergeTrajectory } from '../../subgraphs/psad/merge';
import { decodeOfferSearch, encodeOfferSearch, type OfferSearch } from '../../platform/graphql/offer-search';
import { decodeCursor } from '../../platform/graphql/pagination';
import { OfferKind, TrajectoryEventKind, type Offer } from '../../platform/graphql/types';
import { Partner } from '../../platform/partners';

const event = (partner: Partner, id: string, at: string) => ({
  id,
  partner,
  at,
  kind: TrajectoryEventKind.INTERVIEW,
  summary: id,
});

describe('mergeTrajectory', () => {
  it('merges every partner list into one chronological list', () => {
    const merged = mergeTrajectory([
      [event(Partner.PSAD, 'p1', '2025-03-01T08:00:00Z'), event(Partner.PSAD, 'p2', '2025-01-01T08:00:00Z')],
      [event(Partner.E2C, 'e1', '2025-02-01T08:00:00Z')],
      null,
      [event(Partner.CFA, 'c1', '2024-12-01T08:00:00Z')],
    ]);
    expect(merged.map((e) => e.id)).toEqual(['c1', 'p2', 'e1', 'p1']);
    expect(merged.every((e) => e.at instanceof Date)).toBe(true);
  });

  it('breaks ties by partner then id, so the order never depends on arrival', () => {
    const at = '2025-01-01T08:00:00Z';
    const a = mergeTrajectory([
      [event(Partner.PSAD, 'b', at)],
      [event(Partner.CFA, 'z', at), event(Partner.CFA, 'a', at)],
    ]);
    const b = mergeTrajectory([
      [event(Partner.CFA, 'a', at), event(Partner.CFA, 'z', at)],
      [event(Partner.PSAD, 'b', at)],
    ]);
    expect(a.map((e) => e.id)).toEqual(['a', 'z', 'b']);
    expect(b).toEqual(a);
  });

  it('keeps only events within [from, to], bounds included', () => {
    const lists = [
      [
        event(Partner.PSAD, 'early', '2025-01-01T00:00:00Z'),
        event(Partner.PSAD, 'edge', '2025-02-01T00:00:00Z'),
        event(Partner.PSAD, 'late', '2025-04-01T00:00:00Z'),
      ],
    ];
    const merged = mergeTrajectory(lists, new Date('2025-02-01T00:00:00Z'), new Date('2025-03-01T00:00:00Z'));
    expect(merged.map((e) => e.id)).toEqual(['edge']);
  });
});

const offer = (partner: Partner, id: string, startsOn: string): Offer => ({
  id,
  partner,
  kind: OfferKind.APPRENTICESHIP,
  title: id,
  provider: 'p',
  territory: '38-GRE',
  commune: 'Grenoble',
  track: null,
  level: null,
  capacity: 10,
  vacancies: 2,
  ageMin: 16,
  ageMax: 25,
  startsOn,
  endsOn: null,
  audiences: [],
});

const search = (offset: number, first: number): OfferSearch => ({
  bassins: null,
  age: null,
  kinds: null,
  hasVacancy: null,
  startsBefore: null,
  track: null,
  levels: null,
  audiences: null,
  offset,
  first,
});

describe('mergeOffers', () => {
  const contributions = [
    {
      offers: [
        offer(Partner.CFA, 'cfa:1', '2026-09-01'),
        offer(Partner.CFA, 'cfa:2', '2026-10-01'),
        offer(Partner.CFA, 'cfa:3', '2026-12-01'),
      ],
      count: 7,
    },
    {
      offers: [offer(Partner.E2C, 'e2c:1', '2026-09-15'), offer(Partner.E2C, 'e2c:2', '2026-11-01')],
      count: 2,
    },
    { offers: null, count: null },
  ];

  it('orders offers of all partners by start date and cuts the requested page', () => {
    const page = mergeOffers(contributions, search(1, 2));
    expect(page.nodes.map((o) => o.id)).toEqual(['e2c:1', 'cfa:2']);
    expect(page.totalCount).toBe(9);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('gives cursors that continue exactly where the page ended', () => {
    const page = mergeOffers(contributions, search(0, 2));
    const next = decodeCursor(
      page.pageInfo.endCursor!,
      (v): v is { offset: number } => typeof v === 'object',
    );
    expect(next.offset).toBe(2);
    expect(mergeOffers(contributions, search(next.offset, 2)).nodes[0].id).toBe('cfa:2');
  });

  it('reports the last page', () => {
    const page = mergeOffers(
      [{ offers: [offer(Partner.CFA, 'cfa:1', '2026-09-01')], count: 1 }],
      search(0, 5),
    );
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.edges).toHaveLength(1);
  });
});

describe('offer search key', () => {
  it('round-trips and is canonical whatever the order of lists', () => {
    const a = {
      ...search(0, 10),
      bassins: ['38-NOR', '38-GRE'],
      kinds: [OfferKind.E2C_PATHWAY, OfferKind.APPRENTICESHIP],
    };
    const b = {
      ...a,
      bassins: ['38-GRE', '38-NOR'],
      kinds: [OfferKind.APPRENTICESHIP, OfferKind.E2C_PATHWAY],
    };
    expect(encodeOfferSearch(a)).toBe(encodeOfferSearch(b));
    expect(decodeOfferSearch(encodeOfferSearch(a))).toEqual({ ...b });
  });

  it('rejects a key that is not a search', () => {
    expect(() => decodeOfferSearch(Buffer.from('{"x":1}').toString('base64url'))).toThrow('Malformed');
  });
});
