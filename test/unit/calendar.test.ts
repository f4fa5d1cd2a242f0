import {
  addDays,
  addYears,
  ageAt,
  ageOn,
  daysBetween,
  frenchDay,
  instantOn,
  isCalendarDay,
  latestBirthDate,
  parisDay,
  subtractMonths,
} from '../../platform/calendar';

describe('parisDay', () => {
  it('is the day in Paris, an hour ahead of UTC in winter and two in summer', () => {
    expect(parisDay(new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(parisDay(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
    expect(parisDay(new Date('2026-07-15T21:59:59Z'))).toBe('2026-07-15');
    expect(parisDay(new Date('2026-07-15T22:00:00Z'))).toBe('2026-07-16');
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});

describe('isCalendarDay', () => {
  it('accepts the days that exist, written YYYY-MM-DD', () => {
    for (const day of ['2026-01-31', '2028-02-29', '2000-02-29', '1900-12-31'])
      expect(isCalendarDay(day)).toBe(true);
  });

  it('refuses days that do not exist and other spellings', () => {
    for (const value of [
      '2026-04-31',
      '2027-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-1-5',
      '05/01/2026',
      '',
    ])
      expect(isCalendarDay(value)).toBe(false);
  });
});

describe('day arithmetic', () => {
  it('counts whole days, across a change of hour and of year', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-01-02', '2026-01-01')).toBe(-1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('adds and subtracts days', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('adds years, 29 February landing on 1 March in a common year', () => {
    expect(addYears('2023-09-04', 2)).toBe('2025-09-04');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', 2)).toBe('2026-03-01');
    expect(addYears('2028-02-29', -1)).toBe('2027-03-01');
  });

  it('subtracts months, a missing day becoming the last of the month', () => {
    expect(subtractMonths('2024-02-29', 12)).toBe('2023-02-28');
    expect(subtractMonths('2026-03-31', 1)).toBe('2026-02-28');
    expect(subtractMonths('2026-01-15', 1)).toBe('2025-12-15');
  });

  it('places an event of a day at a UTC time', () => {
    expect(instantOn('2026-03-05', '09:00').toISOString()).toBe('2026-03-05T09:00:00.000Z');
  });
});

describe('ages', () => {
  it('counts whole years, birthday included', () => {
    expect(ageOn('2009-06-15', '2027-06-14')).toBe(17);
    expect(ageOn('2009-06-15', '2027-06-15')).toBe(18);
    expect(ageOn('2008-12-31', '2026-11-23')).toBe(17);
  });

  it('gives someone born on 29 February their birthday on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('counts an age at an instant on its Paris day', () => {
    expect(ageAt('2010-03-15', new Date('2026-03-14T12:00:00Z'))).toBe(15);
    expect(ageAt('2010-03-15', new Date('2026-03-15T00:00:00Z'))).toBe(16);
    // 00:30 on 15 March in Paris: the birthday has come, though it is still the 14th in UTC.
    expect(ageAt('2010-03-15', new Date('2026-03-14T23:30:00Z'))).toBe(16);
  });

  it('puts the latest birth date of someone N or older exactly where ageOn turns N', () => {
    const days = ['2026-11-23', '2026-03-01', '2028-02-29', '2028-03-01', '2027-02-28', '2026-12-31'];
    for (const day of days)
      for (const age of [16, 17, 18]) {
        const cutoff = latestBirthDate(age, day);
        expect(ageOn(cutoff, day)).toBeGreaterThanOrEqual(age);
        expect(ageOn(addDays(cutoff, 1), day)).toBe(age - 1);
      }
    expect(latestBirthDate(16, '2026-11-23')).toBe('2010-11-23');
    expect(latestBirthDate(17, '2028-02-29')).toBe('2011-02-28');
    expect(latestBirthDate(16, '2028-02-29')).toBe('2012-02-29');
  });
});

describe('frenchDay', () => {
  it('writes a day the French way, the first of the month as 1er', () => {
    expect(frenchDay('2026-09-01')).toBe('1er septembre 2026');
    expect(frenchDay('2026-10-14')).toBe('14 octobre 2026');
    expect(frenchDay('2027-02-28')).toBe('28 février 2027');
  });
});
