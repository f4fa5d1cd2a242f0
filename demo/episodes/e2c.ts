/** The E2C's episode: a pathway at an École de la deuxième chance, with its internships. */
import { LAST, LINK_FROM, REF } from '../calendar';
import { INTERNSHIP_SECTORS } from '../names';
import { isoDay, maxDay, nextWorkday } from '../random';
import {
  EXIT_SUMMARIES,
  type Outcome,
  type PendingEvent,
  type SolutionResult,
  type Trajectory,
} from '../trajectory';
import type { FollowUpStep } from '../world';

/** An E2C pathway from an admission interview on `opened`, with its internships. */
export function e2cFollowUp(trajectory: Trajectory, opened: number): SolutionResult {
  const near = opened >= LINK_FROM ? trajectory.pickOffer('e2c', 'E2C_PATHWAY', opened) : null;
  const site = near
    ? trajectory.organisation(near.offer.organisationId)
    : trajectory.rng.pick(trajectory.bassin.e2cSites);
  const events: PendingEvent[] = [
    { day: opened, kind: 'INTERVIEW', summary: 'Information collective et entretien d’admission' },
  ];
  let entry: number | null = trajectory.after(opened, 7, 30);
  if (near) entry = nextWorkday(maxDay(entry, near.start));
  let end = REF + 1000;
  let outcome: Outcome = 'IN_PROGRESS';
  if (entry <= LAST) {
    events.push({ day: entry, kind: 'PROGRAMME_ENTRY', summary: 'Entrée en parcours E2C' });
    const abandoned = trajectory.rng.chance(0.22);
    end = abandoned ? trajectory.after(entry, 20, 120) : trajectory.after(entry, 150, 300);
    outcome = abandoned
      ? 'ABANDONED'
      : trajectory.rng.weighted<Outcome>([
          ['EMPLOYED', 35],
          ['TRAINING', 40],
          ['COMPLETED', 25],
        ]);
    let s = trajectory.after(entry, 20, 60);
    for (let n = 0; n < 3 && s < end; n++) {
      events.push({
        day: s,
        kind: 'TRAINING_STARTED',
        summary: `Stage en entreprise (${trajectory.rng.pick(INTERNSHIP_SECTORS)})`,
      });
      const e = trajectory.after(s, 14, 28);
      if (e >= end) break;
      events.push({
        day: e,
        kind: 'TRAINING_COMPLETED',
        summary: 'Fin de stage, bilan avec le tuteur en entreprise',
      });
      s = trajectory.after(e, 20, 60);
    }
  } else {
    entry = null;
  }
  const closed = end <= LAST ? end : null;
  if (closed !== null) events.push({ day: closed, kind: 'EXIT', summary: EXIT_SUMMARIES[outcome] });
  const step: FollowUpStep = {
    type: 'follow-up',
    owner: 'e2c',
    organisationId: site.id,
    offerId: near ? near.offer.id : null,
    programme: 'Parcours E2C',
    openedOn: isoDay(opened),
    closedOn: closed === null ? null : isoDay(closed),
    outcome: closed === null ? 'IN_PROGRESS' : outcome,
    events: trajectory.instants(events, opened, closed),
  };
  trajectory.add(step, opened);
  return { entry, closedOn: closed, outcome: step.outcome ?? 'IN_PROGRESS' };
}
