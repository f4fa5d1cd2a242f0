/**
 * The Missions locales' episodes: the obligation de formation of 16-17 year-olds, recorded as
 * the path goes and closed at its end, and the CEJ or PACEA follow-up.
 */
import { LAST, LINK_FROM } from '../calendar';
import { MISSION_LOCALE_INTERVIEWS, MISSION_LOCALE_TRAININGS } from '../names';
import { addYearsToDay, isoDay, maxDay, nextWorkday } from '../random';
import {
  EXIT_SUMMARIES,
  type OdfStatus,
  type Outcome,
  type PendingEvent,
  type SolutionResult,
  type Trajectory,
} from '../trajectory';
import type { FollowUpStep, ObligationDeFormationStep } from '../world';

/** Starts the obligation-de-formation record when the person is 16 or 17 on `day`. */
export function obligationFrom(trajectory: Trajectory, day: number, label: string): void {
  if (trajectory.odf || day > LAST) return;
  const age = trajectory.age(day);
  if (age < 16 || age >= 18) return;
  trajectory.odf = { events: [{ day, label, status: 'NOT_REACHED' }] };
}

/** Records a step of the obligation de formation begun, while the person is under 18. */
export function obligation(
  trajectory: Trajectory,
  day: number | null,
  label: string,
  status: OdfStatus | null,
): void {
  if (!trajectory.odf || day === null || day > LAST || day >= addYearsToDay(trajectory.birth, 18)) return;
  trajectory.odf.events.push({ day, label, status });
}

/** Closes the obligation-de-formation record as a step: its status and steps up to 18. */
export function finishObligation(trajectory: Trajectory): void {
  if (!trajectory.odf) return;
  const events = trajectory.odf.events.slice().sort((a, b) => a.day - b.day);
  const eighteen = addYearsToDay(trajectory.birth, 18);
  let status: OdfStatus = 'NOT_REACHED';
  let since = events[0].day;
  for (const e of events) {
    if (e.status) {
      status = e.status;
      since = e.day;
    }
  }
  const steps = events.map((e) => ({ on: isoDay(e.day), label: e.label }));
  if (eighteen <= LAST) {
    steps.push({ on: isoDay(eighteen), label: 'Fin de l’obligation de formation (18 ans)' });
    if (status === 'IN_TRAINING' || status === 'IN_SUPPORT') {
      status = 'FULFILLED';
      since = eighteen;
    }
  }
  const step: ObligationDeFormationStep = {
    type: 'obligation-de-formation',
    missionLocaleId: trajectory.missionLocale().id,
    status,
    since: isoDay(since),
    steps,
  };
  trajectory.add(step, events[0].day);
}

/** A CEJ or PACEA follow-up opened on `opened`; `handOverOn` ends it early towards another partner. */
export function missionLocaleFollowUp(
  trajectory: Trajectory,
  opened: number,
  options: {
    programme?: 'CEJ' | 'PACEA';
    handOverOn?: number;
    handOverSummary?: string;
    handOverOutcome?: Outcome;
  } = {},
): SolutionResult {
  let organisation = trajectory.missionLocale();
  const programme =
    options.programme ??
    trajectory.rng.weighted<'CEJ' | 'PACEA'>([
      ['CEJ', 55],
      ['PACEA', 45],
    ]);
  const near =
    opened >= LINK_FROM
      ? trajectory.pickOffer('missions-locales', 'SUPPORT_PROGRAMME', opened, (o) => o.track === programme)
      : null;
  if (near) organisation = trajectory.organisation(near.offer.organisationId);
  const events: PendingEvent[] = [
    { day: opened, kind: 'INTERVIEW', summary: `Premier accueil à la ${organisation.name}` },
  ];
  let entry: number | null = trajectory.after(opened, 7, 35);
  if (near) entry = nextWorkday(maxDay(entry, near.start));
  if (entry > LAST || (options.handOverOn !== undefined && entry >= options.handOverOn)) entry = null;

  let end: number;
  let outcome: Outcome;
  if (options.handOverOn !== undefined) {
    end = options.handOverOn;
    outcome = options.handOverOutcome ?? 'TRAINING';
  } else {
    const base = entry ?? opened;
    if (trajectory.rng.chance(0.2)) {
      end = trajectory.after(base, 30, 150);
      outcome = 'ABANDONED';
    } else {
      end = trajectory.after(base, programme === 'CEJ' ? 180 : 120, programme === 'CEJ' ? 365 : 450);
      outcome = trajectory.rng.weighted<Outcome>([
        ['EMPLOYED', 40],
        ['TRAINING', 35],
        ['COMPLETED', 25],
      ]);
    }
  }
  if (entry !== null) {
    events.push({
      day: entry,
      kind: 'PROGRAMME_ENTRY',
      summary: programme === 'CEJ' ? 'Signature du contrat d’engagement jeune' : 'Signature du PACEA',
    });
    if (trajectory.rng.chance(0.35))
      events.push({
        day: trajectory.after(entry, 30, 120),
        kind: 'TRAINING_STARTED',
        summary: trajectory.rng.pick(MISSION_LOCALE_TRAININGS),
      });
  }
  let t = entry ?? opened;
  let summary = '';
  for (let n = 0; n < 8; n++) {
    t = trajectory.after(t, 21, 45);
    if (t >= end || t > LAST) break;
    summary = trajectory.pickOther(MISSION_LOCALE_INTERVIEWS, summary);
    events.push({ day: t, kind: 'INTERVIEW', summary });
  }
  const closed = end <= LAST ? end : null;
  if (closed !== null)
    events.push({ day: closed, kind: 'EXIT', summary: options.handOverSummary ?? EXIT_SUMMARIES[outcome] });
  const step: FollowUpStep = {
    type: 'follow-up',
    owner: 'missions-locales',
    organisationId: organisation.id,
    offerId: near ? near.offer.id : null,
    programme,
    openedOn: isoDay(opened),
    closedOn: closed === null ? null : isoDay(closed),
    outcome: closed === null ? 'IN_PROGRESS' : outcome,
    events: trajectory.instants(
      events.filter((e) => e.day < end || e.kind === 'EXIT'),
      opened,
      closed,
    ),
  };
  trajectory.add(step, opened);
  return { entry, closedOn: closed, outcome: step.outcome ?? 'IN_PROGRESS' };
}
