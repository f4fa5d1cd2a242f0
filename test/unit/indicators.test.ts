import { MINIMUM_COUNT, periodBounds, suppress } from '../../subgraphs/psad/resolvers/indicators.resolver';

describe('bimonthly periods', () => {
  it.each([
    ['2025-B1', '2025-01-01', '2025-03-01'],
    ['2025-B5', '2025-09-01', '2025-11-01'],
    ['2025-B6', '2025-11-01', '2026-01-01'],
  ])('%s runs from %s to the day before %s', (period, from, until) => {
    expect(periodBounds(period)).toEqual({ from, until });
  });

  it.each(['2025-B0', '2025-B7', '2025-05', 'B1-2025', ''])('refuses %p', (period) => {
    expect(periodBounds(period)).toBeNull();
  });
});

describe('small counts', () => {
  it('suppresses 1 to 4 people, keeps zero and anything from 5', () => {
    expect(MINIMUM_COUNT).toBe(5);
    expect([0, 1, 4, 5, 120].map(suppress)).toEqual([0, null, null, 5, 120]);
  });
});
