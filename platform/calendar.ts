/**
 * THE CALENDAR OF THE HUB — days, ages and the clock, written once.
 *
 * A day is an ISO date (`YYYY-MM-DD`) in the French administrative calendar: "today" is the Paris day
 * of the request context's clock (`context.now()`), never the UTC day of the machine's. Days compare
 * as text; the arithmetic below goes through UTC midnights, where every day lasts 24 hours.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The clock of a request context in production; tests pin their own `now()` instead. */
export function systemClock(): Date {
  return new Date();
}

/**
 * The calendar day of an instant in Paris (`YYYY-MM-DD`): the register's dates are French administrative
 * days.
 */
export function parisDay(instant: Date): string {
  return PARIS_DAY.format(instant);
}

/** Whether `value` is a day written `YYYY-MM-DD` that exists (no 31 April, no 29 February 2027). */
export function isCalendarDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && dayOfUtc(time) === value;
}

function partsOf(day: string): [number, number, number] {
  const match = ISO_DAY.exec(day);
  if (!match) throw new RangeError(`Not an ISO day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The day of a UTC timestamp, `YYYY-MM-DD` (years 0 to 9999). */
function dayOfUtc(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The day `date` of month `monthIndex` (0-based) of `year`; days and months past the end carry over. */
function utcDay(year: number, monthIndex: number, date: number): string {
  const instant = new Date(0);
  // Unlike Date.UTC, setUTCFullYear keeps the years 0 to 99 as they are.
  instant.setUTCFullYear(year, monthIndex, date);
  return dayOfUtc(instant.getTime());
}

/** The number of days of month `monthIndex` (0-based) of `year`. */
function daysInMonth(year: number, monthIndex: number): number {
  return Number(utcDay(year, monthIndex + 1, 0).slice(8));
}

/**
 * The instant at `utcTime` (`HH:MM`, UTC) on `day`: where a trajectory places an event known only by its
 * day.
 */
export function instantOn(day: string, utcTime: string): Date {
  return new Date(`${day}T${utcTime}:00Z`);
}

/** Whole days from `from` to `to`, negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `day` plus `days` days (minus, when negative). */
export function addDays(day: string, days: number): string {
  return dayOfUtc(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/**
 * `day` plus whole years (minus, when negative): the same day of the same month, except that 29 February
 * of a common year is 1 March, the day a birthday or an anniversary of 29 February falls on.
 */
export function addYears(day: string, years: number): string {
  const [year, month, date] = partsOf(day);
  return utcDay(year + years, month - 1, date);
}

/**
 * `day` minus whole months: a day missing from the target month becomes that month's last day (2024-02-29
 * minus 12 months is 2023-02-28, not 1 March), so that a period never ends later than its length says.
 */
export function subtractMonths(day: string, months: number): string {
  const [year, month, date] = partsOf(day);
  const monthIndex = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12;
  return utcDay(targetYear, targetMonth, Math.min(date, daysInMonth(targetYear, targetMonth)));
}

/**
 * Age in whole years on `day`, from an ISO birth date; the birthday counts. Someone born on 29 February
 * has their birthday on 1 March in a common year (still 17 on 28 February).
 */
export function ageOn(birthDate: string, day: string): number {
  const [birthYear, birthMonth, birthDay] = partsOf(birthDate);
  const [year, month, date] = partsOf(day);
  const beforeBirthday = month < birthMonth || (month === birthMonth && date < birthDay);
  return year - birthYear - (beforeBirthday ? 1 : 0);
}

/** Age in whole years at an instant: on its Paris day, like every date of the hub. */
export function ageAt(birthDate: string, instant: Date): number {
  return ageOn(birthDate, parisDay(instant));
}

/**
 * The latest birth date of someone `age` or older on `day`: born on or before it, `ageOn` gives at least
 * `age`. On 29 February, `age` years back in a common year, that is the 28th (born on 1 March, the person
 * is a year short until the next day).
 */
export function latestBirthDate(age: number, day: string): string {
  const [year, month, date] = partsOf(day);
  return utcDay(year - age, month - 1, Math.min(date, daysInMonth(year - age, month - 1)));
}

const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** A day as French text, as summaries and reasons print it: '1er septembre 2026', '14 octobre 2026'. */
export function frenchDay(day: string): string {
  const [year, month, date] = partsOf(day);
  return `${date === 1 ? '1er' : date} ${FRENCH_MONTHS[month - 1]} ${year}`;
}
