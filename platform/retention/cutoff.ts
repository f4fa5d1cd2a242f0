import { parisDay, subtractMonths } from '../calendar';

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
