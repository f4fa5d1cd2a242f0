import { ageOn, addDays } from '../../platform/calendar';
import { earliestBirthDay, InputCheck } from '../../platform/graphql/input-check';

describe('dates about a person, against their birth', () => {
  it('bounds the birth from an attested age exactly: the earliest day still gives that age, the day before not', () => {
    for (const today of ['2026-12-04', '2028-02-29', '2027-03-01', '2026-01-01']) {
      for (const age of [0, 15, 16, 17, 18, 25]) {
        const earliest = earliestBirthDay(age, today);
        expect({ today, age, at: ageOn(earliest, today) }).toEqual({ today, age, at: age });
        expect({ today, age, before: ageOn(addDays(earliest, -1), today) }).toEqual({
          today,
          age,
          before: age + 1,
        });
      }
    }
  });

  it('refuses a day or an instant before the birth, and names the field', () => {
    const check = new InputCheck('input');
    expect(check.notBeforeBirth('openedOn', '2008-12-04', '2008-12-05')).toBe(false);
    expect(check.notBeforeBirth('signalledOn', '2008-12-05', '2008-12-05')).toBe(true);
    // 23:30 UTC on the 4th is already the 5th in Paris.
    expect(check.notBeforeBirth('at', new Date('2008-12-04T23:30:00Z'), '2008-12-05')).toBe(true);
    expect(check.notBeforeBirth('publishedOn', null, '2008-12-05')).toBe(true);
    expect(() => check.done()).toThrow('"openedOn" (2008-12-04) must not be before the person was born');
  });
});
