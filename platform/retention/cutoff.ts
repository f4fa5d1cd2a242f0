import { parisDay } from '../policy/habilitations';

/**
 * The first day still within a period of `months` on the day of `now`: a record whose period
 * started strictly before it has expired. Days are Paris days, like every date of the hub's
 * records (a follow-up closed "on 3 March" closed on a French administrative day), so a purge
 * run at 00:30 in Paris counts from that day, not from the UTC day before.
 *
 * The last day of the period is kept: closed on 2023-11-01 with 3 years, the record is still
 * there on 2026-11-01 and gone from 2026-11-02.
 */
export function retentionCutoff(months: number, now: Date): string {
  if (!Number.isInteger(months) || months < 0)
    throw new RangeError(`A retention period is a whole, non-negative number of months, not ${months}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('The purge needs a valid date for "now"');
  return subtractMonths(parisDay(now), months);
}

/**
 * `day` (`YYYY-MM-DD`) minus whole months, in the calendar: a day missing from the target month
 * becomes that month's last day (2024-02-29 minus 12 months is 2023-02-28, not 1 March), so that
 * a period never ends later than its length says.
 */
export function subtractMonths(day: string, months: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not an ISO day: ${day}`);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const monthIndex = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(targetYear, targetMonth, Math.min(date, lastDay)));
  return result.toISOString().slice(0, 10);
}
