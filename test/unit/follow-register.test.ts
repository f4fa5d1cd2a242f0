import { median, outliers, OUTLIER_MINIMUM } from '../../platform/audit/follow-register';

describe('the follow register’s outlier flag', () => {
  it('takes the median of counts, odd or even', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('flags a caller above three times the median of the other callers of their role, from the minimum on', () => {
    const flags = outliers([
      { sub: 'heavy', role: 'ml-advisor', openings: OUTLIER_MINIMUM + 1 },
      { sub: 'light', role: 'ml-advisor', openings: 1 },
      { sub: 'alone', role: 'cfa-staff', openings: 50 },
    ]);
    // Two peers: with the caller in their own median, no one could ever exceed it threefold.
    expect(flags.get('ml-advisor\u0000heavy')).toEqual({
      openings: OUTLIER_MINIMUM + 1,
      peerMedian: 1,
      flagged: true,
    });
    expect(flags.get('ml-advisor\u0000light')).toMatchObject({
      peerMedian: OUTLIER_MINIMUM + 1,
      flagged: false,
    });
    // No peer of the same role: nothing to compare with, no flag.
    expect(flags.get('cfa-staff\u0000alone')).toEqual({ openings: 50, peerMedian: null, flagged: false });
  });

  it('does not flag small numbers, nor exactly three times the median', () => {
    const small = outliers([
      { sub: 'a', role: 'e2c-staff', openings: OUTLIER_MINIMUM - 1 },
      { sub: 'b', role: 'e2c-staff', openings: 1 },
    ]);
    expect(small.get('e2c-staff\u0000a')!.flagged).toBe(false);
    const exact = outliers([
      { sub: 'a', role: 'e2c-staff', openings: 12 },
      { sub: 'b', role: 'e2c-staff', openings: 4 },
    ]);
    expect(exact.get('e2c-staff\u0000a')!.flagged).toBe(false);
  });
});
