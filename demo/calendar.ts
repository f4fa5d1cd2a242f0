/**
 * The demo's calendar: the date the world is seen from, the windows of the season it describes,
 * the académie's school years and the SIEI campaigns, as day numbers.
 */
import { frenchDay } from '../platform/calendar';
import { dayNumber, isoDay } from './random';

/** The day the world is seen from: past events happen before it, only offers may come after. */
export const REFERENCE_DATE = '2026-11-01';

/** `REFERENCE_DATE` as a day number. */
export const REF = dayNumber(REFERENCE_DATE);
/** The last day a past event may fall on. */
export const LAST = REF - 1;
/** Follow-ups opened from this day on belong to the current season and point at its offers. */
export const LINK_FROM = dayNumber('2026-08-15');
/** Offers of the current season start between this day and `OFFERS_TO`. */
export const OFFERS_FROM = dayNumber('2026-09-01');
/** Those who leave school from this day on may find a solution before the autumn SIEI list. */
export const SUMMER_2026 = dayNumber('2026-07-01');
/** Missions locales and E2C sites reopen after the summer from this day. */
export const SUMMER_REOPENING = dayNumber('2026-08-24');
export const OFFERS_TO = dayNumber('2027-03-31');

export interface SchoolYear {
  index: number;
  label: string;
  startYear: number;
  start: number;
  end: number;
}

export const SCHOOL_YEARS: SchoolYear[] = [
  ['2021-09-02', '2022-07-07'],
  ['2022-09-01', '2023-07-08'],
  ['2023-09-04', '2024-07-06'],
  ['2024-09-02', '2025-07-05'],
  ['2025-09-01', '2026-07-04'],
  ['2026-09-01', '2027-07-03'],
  ['2027-09-01', '2028-07-01'],
  ['2028-09-01', '2029-07-07'],
].map(([start, end], index) => {
  const startYear = Number(start.slice(0, 4));
  return {
    index,
    label: `${startYear}-${startYear + 1}`,
    startYear,
    start: dayNumber(start),
    end: dayNumber(end),
  };
});

/** The school year a day belongs to; summer days belong to the year that just ended. */
export function schoolYearOf(day: number): SchoolYear {
  for (let i = SCHOOL_YEARS.length - 1; i >= 0; i--) if (SCHOOL_YEARS[i].start <= day) return SCHOOL_YEARS[i];
  return SCHOOL_YEARS[0];
}

export function schoolYearStarting(startYear: number): SchoolYear {
  const year = SCHOOL_YEARS.find((y) => y.startYear === startYear);
  if (!year) throw new RangeError(`no school year starting in ${startYear}`);
  return year;
}

/** End of a training of `years` years that starts on `start`: the end of its last school year. */
export function trainingEnd(start: number, years: number): number {
  const index = schoolYearOf(start).index + years - 1;
  return index < SCHOOL_YEARS.length ? SCHOOL_YEARS[index].end : REF + 1000;
}

interface Campaign {
  label: string;
  from: number;
  to: number;
}

/** SIEI cross-matchings run twice a year; the lists reach the PSAD within these windows. */
export const CAMPAIGNS: Campaign[] = [
  ['2024-S1', '2024-03-11', '2024-03-29'],
  ['2024-S2', '2024-10-07', '2024-10-25'],
  ['2025-S1', '2025-03-10', '2025-03-28'],
  ['2025-S2', '2025-10-06', '2025-10-24'],
  ['2026-S1', '2026-03-09', '2026-03-27'],
  ['2026-S2', '2026-10-05', '2026-10-23'],
].map(([label, from, to]) => ({ label, from: dayNumber(from), to: dayNumber(to) }));

/** SIEI needs about three weeks to notice that someone has not re-enrolled anywhere. */
export const SIEI_DELAY = 21;

/** A day as French text: '1er septembre 2026', '14 octobre 2026'. */
export function formatFrenchDay(day: number): string {
  return frenchDay(isoDay(day));
}
