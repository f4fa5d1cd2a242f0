/** The PJJ's episode: a signal its unit publishes about a young person it follows. */
import type { BassinProfile } from '../../platform/reference/territories';
import { LAST, REF } from '../calendar';
import { addYearsToDay, isoDay, nextWorkday } from '../random';
import type { Trajectory } from '../trajectory';

/** Landline prefix of each bassin, for the PJJ contact numbers. */
function phonePrefix(bassin: BassinProfile): string {
  if (bassin.departement === '07' || bassin.departement === '26') return '04 75';
  if (bassin.departement === '73') return '04 79';
  if (bassin.departement === '74') return '04 50';
  return bassin.code === '38-RHO' || bassin.code === '38-NOR' ? '04 74' : '04 76';
}

/** h) The PJJ published a signal for this person. */
export function pjjSignal(trajectory: Trajectory): void {
  const first = trajectory.firstDay() ?? LAST - 200;
  const from = Math.max(first, REF - 700, addYearsToDay(trajectory.birth, 13));
  const to = LAST - 3;
  if (from > to) return;
  const published = nextWorkday(trajectory.rng.int(from, to));
  if (published > LAST) return;
  const withdrawn = trajectory.rng.chance(0.25) ? trajectory.after(published, 60, 360) : null;
  const prefix = phonePrefix(trajectory.bassin.profile);
  trajectory.add(
    {
      type: 'pjj-signal',
      unitId: trajectory.bassin.pjjUnit.id,
      contactName: trajectory.adultName(),
      contactPhone: `${prefix} ${trajectory.rng.digits(2)} ${trajectory.rng.digits(2)} ${trajectory.rng.digits(2)}`,
      publishedOn: isoDay(published),
      withdrawnOn: withdrawn !== null && withdrawn <= LAST ? isoDay(withdrawn) : null,
    },
    published,
  );
}
