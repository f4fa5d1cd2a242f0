/**
 * The CFAs' episodes: a prépa-apprentissage, and an apprenticeship with its contract(s), some of
 * which break.
 */
import { LAST, LINK_FROM, REF, trainingEnd } from '../calendar';
import type { NearOffer } from '../catalogue';
import { INTERNSHIP_SECTORS, LAST_NAMES, type Qualification } from '../names';
import { isoDay, maxDay, nextWorkday } from '../random';
import type { Outcome, PendingEvent, Trajectory } from '../trajectory';
import type { DemoOrganisation } from '../world';

type ApprenticeshipBreak =
  'EMPLOYER_INITIATIVE' | 'APPRENTICE_INITIATIVE' | 'MUTUAL_AGREEMENT' | 'TRIAL_PERIOD' | null;

function employerFor(trajectory: Trajectory, qualification: Qualification, commune: string): string {
  return trajectory.rng
    .pick(qualification.employers)
    .replace('{nom}', trajectory.rng.pick(LAST_NAMES))
    .replace('{ville}', commune);
}

/** A prépa-apprentissage at a CFA of the département; returns the day it ended, if it did. */
export function prepaApprenticeship(
  trajectory: Trajectory,
  opened: number,
): { closed: number | null; cfa: DemoOrganisation } {
  const near = opened >= LINK_FROM ? trajectory.pickOffer('cfa', 'PREPARATORY_TRAINING', opened) : null;
  const cfa = near
    ? trajectory.organisation(near.offer.organisationId)
    : trajectory.rng.pick(trajectory.bassin.cfas);
  const events: PendingEvent[] = [{ day: opened, kind: 'INTERVIEW', summary: 'Entretien de positionnement' }];
  let entry = trajectory.after(opened, 3, 14);
  if (near) entry = nextWorkday(maxDay(entry, near.start));
  const end = trajectory.after(entry, 60, 150);
  events.push({ day: entry, kind: 'PROGRAMME_ENTRY', summary: 'Entrée en prépa-apprentissage' });
  const stage = trajectory.after(entry, 20, 45);
  events.push({
    day: stage,
    kind: 'TRAINING_STARTED',
    summary: `Stage de découverte (${trajectory.rng.pick(INTERNSHIP_SECTORS)})`,
  });
  const closed = end <= LAST ? end : null;
  if (closed !== null)
    events.push({ day: closed, kind: 'EXIT', summary: 'Sortie vers un contrat d’apprentissage' });
  trajectory.add(
    {
      type: 'follow-up',
      owner: 'cfa',
      organisationId: cfa.id,
      offerId: near ? near.offer.id : null,
      programme: 'Prépa-apprentissage',
      openedOn: isoDay(opened),
      closedOn: closed === null ? null : isoDay(closed),
      outcome: closed === null ? 'IN_PROGRESS' : 'TRAINING',
      events: trajectory.instants(
        events.filter((e) => e.day <= end),
        opened,
        closed,
      ),
    },
    opened,
  );
  return { closed, cfa };
}

/**
 * An apprenticeship starting around `start`: the CFA's follow-up and the contract(s).
 * About 30% of contracts break; half of those apprentices sign again, half leave the CFA
 * (then `leftOn` is set and they are décrochés).
 */
export function apprenticeship(
  trajectory: Trajectory,
  start: number,
  options: {
    notBefore?: number;
    mayBreak?: boolean;
    offer?: NearOffer | null;
    cfa?: DemoOrganisation;
  } = {},
): {
  started: number | null;
  leftOn: number | null;
  cfa: DemoOrganisation;
  qualification: Qualification;
  brokenOn: number | null;
  offerId: string | null;
} {
  const preferred = options.cfa;
  let near = options.offer !== undefined ? options.offer : null;
  if (options.offer === undefined && start >= LINK_FROM) {
    near =
      (preferred
        ? trajectory.pickOffer('cfa', 'APPRENTICESHIP', start, (o) => o.organisationId === preferred.id)
        : null) ?? trajectory.pickOffer('cfa', 'APPRENTICESHIP', start);
  }
  let cfa: DemoOrganisation;
  let qualification: Qualification;
  let commune = trajectory.commune;
  if (near) {
    cfa = trajectory.organisation(near.offer.organisationId);
    qualification = trajectory.catalogue.offerQualification.get(near.offer.id)!;
    commune = near.offer.commune;
    start = nextWorkday(maxDay(start, near.start));
  } else {
    cfa = preferred ?? trajectory.rng.pick(trajectory.bassin.cfas);
    qualification = trajectory.rng.pick(trajectory.catalogue.cfaQualifications.get(cfa.id)!);
  }
  const opened = maxDay(options.notBefore ?? start - 30, nextWorkday(start - trajectory.rng.int(5, 30)));
  const events: PendingEvent[] = [];
  if (opened < start)
    events.push({ day: opened, kind: 'INTERVIEW', summary: 'Entretien de positionnement au CFA' });
  const end = trainingEnd(start, qualification.years);
  let closed: number | null = null;
  let outcome: Outcome = 'IN_PROGRESS';
  let leftOn: number | null = null;
  let brokenOn: number | null = null;

  if (start <= LAST) {
    const employer = employerFor(trajectory, qualification, commune);
    events.push({
      day: start,
      kind: 'PROGRAMME_ENTRY',
      summary: `Signature du contrat d’apprentissage avec ${employer}`,
    });
    events.push({
      day: trajectory.after(start, 2, 9),
      kind: 'TRAINING_STARTED',
      summary: 'Première session de formation au CFA',
    });
    const contract = {
      type: 'apprenticeship' as const,
      cfaId: cfa.id,
      employer,
      trade: qualification.trade,
      diploma: qualification.diploma,
      startedOn: isoDay(start),
      brokenOn: null as string | null,
      breakReason: null as ApprenticeshipBreak,
    };
    trajectory.add(contract, start);

    let contractEnd = end;
    if (options.mayBreak !== false && trajectory.rng.chance(0.3)) {
      const duringTrial = trajectory.rng.chance(0.35);
      const breakDay = nextWorkday(
        start + (duringTrial ? trajectory.rng.int(10, 44) : trajectory.rng.int(45, 420)),
      );
      if (breakDay <= LAST && breakDay < end) {
        brokenOn = breakDay;
        contract.brokenOn = isoDay(breakDay);
        contract.breakReason = duringTrial
          ? 'TRIAL_PERIOD'
          : trajectory.rng.weighted<ApprenticeshipBreak>([
              ['EMPLOYER_INITIATIVE', 30],
              ['APPRENTICE_INITIATIVE', 25],
              ['MUTUAL_AGREEMENT', 45],
            ]);
        events.push({
          day: trajectory.after(breakDay, 1, 10),
          kind: 'INTERVIEW',
          summary: 'Entretien avec le référent après la rupture du contrat',
        });
        if (trajectory.rng.chance(0.5)) {
          // Signs with another employer, still as a CFA trainee in between.
          const again = trajectory.after(breakDay, 15, 90);
          contractEnd = again > LAST ? REF + 1000 : end;
          if (again <= LAST) {
            const second = employerFor(trajectory, qualification, trajectory.commune);
            events.push({
              day: again,
              kind: 'PROGRAMME_ENTRY',
              summary: `Nouveau contrat d’apprentissage signé avec ${second}`,
            });
            trajectory.add(
              {
                type: 'apprenticeship',
                cfaId: cfa.id,
                employer: second,
                trade: qualification.trade,
                diploma: qualification.diploma,
                startedOn: isoDay(again),
                brokenOn: null,
                breakReason: null,
              },
              again,
            );
          }
        } else {
          const left = trajectory.after(breakDay, 5, 45);
          contractEnd = REF + 1000;
          if (left <= LAST) {
            events.push({ day: left, kind: 'EXIT', summary: 'Sortie du CFA après la rupture du contrat' });
            closed = left;
            outcome = 'ABANDONED';
            leftOn = left;
          }
        }
      }
    }
    if (closed === null && contractEnd <= LAST) {
      const passed = trajectory.rng.chance(0.85);
      events.push({
        day: contractEnd,
        kind: 'TRAINING_COMPLETED',
        summary: passed
          ? `${qualification.diploma} ${qualification.trade} obtenu`
          : `Examen du ${qualification.diploma} non obtenu`,
      });
      events.push({ day: contractEnd, kind: 'EXIT', summary: 'Fin du contrat d’apprentissage' });
      closed = contractEnd;
      outcome = passed
        ? trajectory.rng.weighted<Outcome>([
            ['EMPLOYED', 45],
            ['COMPLETED', 35],
            ['TRAINING', 20],
          ])
        : 'COMPLETED';
    }
    const visit = trajectory.after(start, 90, 150);
    if (visit < (closed ?? end))
      events.push({ day: visit, kind: 'INTERVIEW', summary: 'Visite en entreprise du formateur référent' });
  }
  if (opened <= LAST) {
    trajectory.add(
      {
        type: 'follow-up',
        owner: 'cfa',
        organisationId: cfa.id,
        offerId: near ? near.offer.id : null,
        programme: `${qualification.diploma} ${qualification.trade}`,
        openedOn: isoDay(opened),
        closedOn: closed === null ? null : isoDay(closed),
        outcome: closed === null ? 'IN_PROGRESS' : outcome,
        events: trajectory.instants(events, opened, closed),
      },
      opened,
    );
  }
  return {
    started: start <= LAST ? start : null,
    leftOn,
    cfa,
    qualification,
    brokenOn,
    offerId: near ? near.offer.id : null,
  };
}
