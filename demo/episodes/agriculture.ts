/** The agricultural education's episode: a year at a lycée agricole or a CFPPA. */
import { LAST, LINK_FROM, trainingEnd } from '../calendar';
import { AGRICULTURAL_PROGRAMMES, type AgriculturalProgramme } from '../names';
import { isoDay, maxDay, nextWorkday } from '../random';
import type { Outcome, PendingEvent, SolutionResult, Trajectory } from '../trajectory';
import type { DemoOrganisation } from '../world';

/** A training at an agricultural site from `entry`, after an enrolment interview on `opened`. */
export function agriculturalFollowUp(trajectory: Trajectory, opened: number, entry: number): SolutionResult {
  const age = trajectory.age(entry);
  const near =
    opened >= LINK_FROM ? trajectory.pickOffer('agriculture', 'AGRICULTURAL_TRAINING', entry) : null;
  let site: DemoOrganisation;
  let programme: AgriculturalProgramme;
  if (near) {
    site = trajectory.organisation(near.offer.organisationId);
    programme = trajectory.catalogue.offerProgramme.get(near.offer.id)!;
    entry = nextWorkday(maxDay(entry, near.start));
  } else {
    const sites = trajectory.bassin.agriculturalSites.filter((s) => age >= 18 === (s.kind === 'CFPPA'));
    site = trajectory.rng.pick(sites.length > 0 ? sites : trajectory.bassin.agriculturalSites);
    programme = trajectory.rng.pick(
      AGRICULTURAL_PROGRAMMES.filter((p) => p.adult === (site.kind === 'CFPPA')),
    );
  }
  const events: PendingEvent[] = [];
  if (opened < entry) events.push({ day: opened, kind: 'INTERVIEW', summary: 'Entretien d’inscription' });
  let closed: number | null = null;
  let outcome: Outcome = 'IN_PROGRESS';
  let entered: number | null = null;
  if (entry <= LAST) {
    entered = entry;
    events.push({ day: entry, kind: 'PROGRAMME_ENTRY', summary: `Rentrée en ${programme.label}` });
    const abandoned = trajectory.rng.chance(0.15);
    const end = abandoned ? trajectory.after(entry, 30, 300) : trainingEnd(entry, programme.years);
    const stage = trajectory.after(entry, 40, 120);
    const stageEnd = trajectory.after(stage, 21, 42);
    if (stageEnd < end) {
      const place = programme.title.includes('paysag')
        ? 'Stage en entreprise du paysage'
        : 'Stage en exploitation agricole';
      events.push({ day: stage, kind: 'TRAINING_STARTED', summary: place });
      events.push({
        day: stageEnd,
        kind: 'TRAINING_COMPLETED',
        summary: 'Fin de stage, évaluation par le maître de stage',
      });
    }
    const review = trajectory.after(entry, 150, 200);
    if (review < end)
      events.push({
        day: review,
        kind: 'INTERVIEW',
        summary: 'Bilan de mi-parcours avec l’équipe pédagogique',
      });
    if (end <= LAST) {
      closed = end;
      outcome = abandoned
        ? 'ABANDONED'
        : trajectory.rng.weighted<Outcome>([
            ['COMPLETED', 60],
            ['TRAINING', 25],
            ['EMPLOYED', 15],
          ]);
      events.push({
        day: end,
        kind: 'EXIT',
        summary: abandoned
          ? 'Arrêt de la formation en cours d’année'
          : `${programme.label} : fin de formation`,
      });
    }
  }
  trajectory.add(
    {
      type: 'follow-up',
      owner: 'agriculture',
      organisationId: site.id,
      offerId: near ? near.offer.id : null,
      programme: programme.label,
      openedOn: isoDay(opened),
      closedOn: closed === null ? null : isoDay(closed),
      outcome: closed === null ? 'IN_PROGRESS' : outcome,
      events: trajectory.instants(events, opened, closed),
    },
    opened,
  );
  return { entry: entered, closedOn: closed, outcome };
}
