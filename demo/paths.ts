/**
 * The paths young people take through the partners, one per archetype, each strung from the
 * partners' episodes (demo/episodes/), and how often each is drawn.
 */
import { LAST, REF, SCHOOL_YEARS, SUMMER_2026, SUMMER_REOPENING, schoolYearStarting } from './calendar';
import { agriculturalFollowUp } from './episodes/agriculture';
import { apprenticeship, prepaApprenticeship } from './episodes/cfa';
import { e2cFollowUp } from './episodes/e2c';
import { dropout, schoolHistory, signals, type Dropout, type Family } from './episodes/education-nationale';
import { foqualeContract } from './episodes/foquale';
import {
  finishObligation,
  missionLocaleFollowUp,
  obligation,
  obligationFrom,
} from './episodes/missions-locales';
import { pjjSignal } from './episodes/pjj';
import { psadCase, siei, sieiAfterSchool, solutionProposed, solutionStarted } from './episodes/psad';
import { civilFromDay, dayNumber, maxDay, nextWorkday } from './random';
import type { Trajectory } from './trajectory';
import type { DemoOrganisation, DemoStep } from './world';

/** The paths young people take, one builder each below. */
export type Archetype =
  | 'DROPOUT_FOQUALE'
  | 'DROPOUT_MISSION_LOCALE'
  | 'DROPOUT_E2C'
  | 'APPRENTICESHIP'
  | 'AGRICULTURE'
  | 'STILL_ENROLLED'
  | 'UNREACHABLE_OR_REFUSED'
  | 'LISTED_ELSEWHERE';

/** Share of each path among the young people the hub hears about (percent). */
export const ARCHETYPE_WEIGHTS: readonly (readonly [Archetype, number])[] = [
  ['DROPOUT_FOQUALE', 17],
  ['DROPOUT_MISSION_LOCALE', 16],
  ['DROPOUT_E2C', 7],
  ['APPRENTICESHIP', 15],
  ['AGRICULTURE', 6],
  ['STILL_ENROLLED', 25],
  ['UNREACHABLE_OR_REFUSED', 9],
  ['LISTED_ELSEWHERE', 5],
];

/** Probability of a published PJJ signal, by archetype family. */
export const PJJ_RATE: Record<Archetype, number> = {
  DROPOUT_FOQUALE: 0.045,
  DROPOUT_MISSION_LOCALE: 0.045,
  DROPOUT_E2C: 0.045,
  UNREACHABLE_OR_REFUSED: 0.045,
  LISTED_ELSEWHERE: 0.045,
  APPRENTICESHIP: 0.025,
  AGRICULTURE: 0.025,
  STILL_ENROLLED: 0.015,
};

/** Walks the path of `archetype`, adds a PJJ signal to some, and returns the steps in order. */
export function walkPath(trajectory: Trajectory, archetype: Archetype, showcase: boolean): DemoStep[] {
  switch (archetype) {
    case 'DROPOUT_FOQUALE':
      dropoutFoquale(trajectory);
      break;
    case 'DROPOUT_MISSION_LOCALE':
      dropoutMissionLocale(trajectory, showcase);
      break;
    case 'DROPOUT_E2C':
      dropoutE2c(trajectory);
      break;
    case 'APPRENTICESHIP':
      apprenticeshipPath(trajectory);
      break;
    case 'AGRICULTURE':
      agriculturePath(trajectory);
      break;
    case 'STILL_ENROLLED':
      stillEnrolled(trajectory);
      break;
    case 'UNREACHABLE_OR_REFUSED':
      unreachableOrRefused(trajectory);
      break;
    case 'LISTED_ELSEWHERE':
      listedElsewhere(trajectory);
      break;
  }
  if (showcase || trajectory.rng.chance(PJJ_RATE[archetype])) pjjSignal(trajectory);
  finishObligation(trajectory);
  return trajectory.steps();
}

/**
 * Left school in summer 2026 and went straight to the Mission locale or an E2C at the
 * reopening; the autumn SIEI list still names them, and the PSAD finds them already followed.
 * Returns false (and adds nothing) when there is no time left for that before the reference date.
 */
function walkIn(trajectory: Trajectory, d: Dropout, to: 'missions-locales' | 'e2c'): boolean {
  const opened = trajectory.after(maxDay(d.exit, SUMMER_REOPENING), 0, 40);
  if (opened > LAST - 10) return false;
  obligationFrom(
    trajectory,
    opened,
    to === 'e2c' ? 'Candidature spontanée à l’E2C' : 'Inscription spontanée à la Mission locale',
  );
  const result = to === 'e2c' ? e2cFollowUp(trajectory, opened) : missionLocaleFollowUp(trajectory, opened);
  obligation(
    trajectory,
    result.entry,
    to === 'e2c' ? 'Entrée en parcours E2C' : 'Entrée en accompagnement à la Mission locale',
    to === 'e2c' ? 'IN_TRAINING' : 'IN_SUPPORT',
  );
  const listing = sieiAfterSchool(trajectory, d);
  if (!listing) return true;
  const partner = to === 'e2c' ? 'l’École de la deuxième chance' : `la ${trajectory.missionLocale().name}`;
  const handle = psadCase(
    trajectory,
    listing,
    'ALREADY_FOLLOWED',
    to === 'e2c' ? trajectory.bassin.psad : trajectory.missionLocale(),
    `Déjà accompagné par ${partner} depuis la rentrée`,
  );
  if (handle && handle.step.status === 'IN_SOLUTION' && result.entry === null) {
    // Followed, but the programme has not started yet.
    handle.step.status = 'SOLUTION_PROPOSED';
    handle.step.closedOn = null;
  }
  return true;
}

/** a) Left school, listed, followed by the PSAD and brought back by a FOQUALE contract. */
function dropoutFoquale(trajectory: Trajectory): void {
  const d = dropout(trajectory);
  const listing = sieiAfterSchool(trajectory, d);
  if (!listing) return;
  obligationFrom(trajectory, listing.detected, `Repérage SIEI (${listing.campaign})`);
  const follower = trajectory.rng.chance(0.6) ? trajectory.bassin.mlds : trajectory.bassin.cio;
  const handle = psadCase(trajectory, listing, 'ENGAGE', follower);
  if (!handle || handle.meeting === null) return;
  obligation(trajectory, handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
  foqualeContract(trajectory, handle, d);
}

/**
 * b) Left school, listed, oriented to the Mission locale (CEJ or PACEA), sometimes then an apprenticeship.
 */
function dropoutMissionLocale(trajectory: Trajectory, forceApprenticeship = false): void {
  const d = forceApprenticeship
    ? dropout(
        trajectory,
        'DROPPED_OUT',
        nextWorkday(trajectory.rng.int(dayNumber('2025-01-06'), dayNumber('2025-02-14'))),
      )
    : dropout(trajectory);
  if (
    !forceApprenticeship &&
    d.exit >= SUMMER_2026 &&
    trajectory.rng.chance(0.5) &&
    walkIn(trajectory, d, 'missions-locales')
  )
    return;
  const listing = sieiAfterSchool(trajectory, d);
  if (!listing) return;
  obligationFrom(trajectory, listing.detected, `Repérage SIEI (${listing.campaign})`);
  const ml = trajectory.missionLocale();
  const handle = psadCase(trajectory, listing, 'ENGAGE', ml);
  if (!handle || handle.meeting === null) return;
  obligation(trajectory, handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
  solutionProposed(handle);
  const opened = trajectory.after(handle.meeting, 3, 25);
  if (opened > LAST) return;
  const toApprenticeship = forceApprenticeship || trajectory.rng.chance(0.3);
  const result = toApprenticeship
    ? missionLocaleFollowUp(trajectory, opened, {
        programme: forceApprenticeship ? 'CEJ' : undefined,
        handOverOn: trajectory.after(opened, 90, 240),
        handOverSummary: 'Sortie en apprentissage',
        handOverOutcome: 'TRAINING',
      })
    : missionLocaleFollowUp(trajectory, opened);
  if (result.entry !== null) {
    solutionStarted(trajectory, handle, result.entry);
    obligation(trajectory, result.entry, 'Entrée en accompagnement à la Mission locale', 'IN_SUPPORT');
  } else if (toApprenticeship && result.closedOn !== null) {
    solutionStarted(trajectory, handle, result.closedOn);
  }
  if (result.closedOn === null) return;
  if (toApprenticeship) {
    const start = trajectory.after(result.closedOn, 0, 20);
    if (start > LAST) return;
    const contract = apprenticeship(trajectory, start, {
      notBefore: result.closedOn - 20,
      mayBreak: !forceApprenticeship,
    });
    obligation(trajectory, contract.started, 'Entrée en apprentissage', 'IN_TRAINING');
  } else if (result.outcome === 'EMPLOYED') {
    obligation(trajectory, result.closedOn, 'Sortie en emploi', 'FULFILLED');
  } else if (result.outcome === 'TRAINING') {
    obligation(trajectory, result.closedOn, 'Entrée en formation', 'IN_TRAINING');
  } else if (result.outcome === 'ABANDONED') {
    obligation(trajectory, result.closedOn, 'Sortie sans solution, relance prévue', 'NOT_REACHED');
  }
}

/** c) Left school, listed, then an E2C pathway (often prescribed by the Mission locale). */
function dropoutE2c(trajectory: Trajectory): void {
  const d = dropout(trajectory);
  if (d.exit >= SUMMER_2026 && trajectory.rng.chance(0.5) && walkIn(trajectory, d, 'e2c')) return;
  const listing = sieiAfterSchool(trajectory, d);
  if (!listing) return;
  obligationFrom(trajectory, listing.detected, `Repérage SIEI (${listing.campaign})`);
  const follower = trajectory.rng.chance(0.5) ? trajectory.missionLocale() : trajectory.bassin.psad;
  const handle = psadCase(trajectory, listing, 'ENGAGE', follower);
  if (!handle || handle.meeting === null) return;
  obligation(trajectory, handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
  solutionProposed(handle);
  let opened: number;
  if (trajectory.rng.chance(0.4)) {
    const mlOpened = trajectory.after(handle.meeting, 3, 20);
    if (mlOpened > LAST) return;
    opened = trajectory.after(mlOpened, 20, 70);
    missionLocaleFollowUp(trajectory, mlOpened, {
      programme: 'PACEA',
      handOverOn: opened,
      handOverSummary: 'Orientation vers l’École de la deuxième chance',
      handOverOutcome: 'TRAINING',
    });
  } else {
    opened = trajectory.after(handle.meeting, 7, 40);
  }
  if (opened > LAST) return;
  const result = e2cFollowUp(trajectory, opened);
  if (result.entry === null) return;
  solutionStarted(trajectory, handle, result.entry);
  obligation(trajectory, result.entry, 'Entrée en parcours E2C', 'IN_TRAINING');
  if (result.closedOn !== null && result.outcome === 'TRAINING' && trajectory.rng.chance(0.4)) {
    const start = trajectory.after(result.closedOn, 0, 30);
    if (start <= LAST) apprenticeship(trajectory, start, { notBefore: result.closedOn - 20 });
  }
}

/** d) From school to an apprenticeship, some through a prépa-apprentissage; some contracts break. */
function apprenticeshipPath(trajectory: Trajectory): void {
  const year = schoolYearStarting(
    trajectory.rng.weighted([
      [2024, 25],
      [2025, 40],
      [2026, 35],
    ]),
  );
  const prepa = trajectory.rng.chance(0.2);
  const prepaOpened = nextWorkday(year.start + trajectory.rng.int(10, 40));
  let start = prepa ? prepaOpened : Math.min(nextWorkday(year.start + trajectory.rng.int(-20, 45)), LAST - 2);
  trajectory.bornFor(
    trajectory.rng.weighted([
      [15, 25],
      [16, 33],
      [17, 22],
      [18, 12],
      [19, 8],
    ]),
    start,
  );
  const previous = SCHOOL_YEARS[year.index - 1];
  const lag = trajectory.rng.weighted([
    [0, 45],
    [1, 40],
    [2, 15],
  ]);
  const family = trajectory.rng.weighted<Family>([
    ['PRO', 35],
    ['CAP', 25],
    ['GENERAL', 40],
  ]);
  const grade = previous.startYear - civilFromDay(trajectory.birth)[0] - 11 - lag;
  schoolHistory(
    trajectory,
    previous,
    lag,
    family,
    previous.end,
    grade <= 3 || trajectory.rng.chance(0.4) ? 'COMPLETED' : 'REORIENTED',
    1,
  );
  let prepaCfa: DemoOrganisation | undefined;
  if (prepa) {
    if (prepaOpened > LAST) return;
    const done = prepaApprenticeship(trajectory, prepaOpened);
    if (done.closed === null) return;
    prepaCfa = done.cfa;
    start = trajectory.after(done.closed, 0, 14);
    if (start > LAST) return;
  }
  const result = apprenticeship(trajectory, start, {
    notBefore: prepa ? start - 10 : previous.end,
    cfa: prepaCfa,
  });
  if (result.leftOn === null) return;

  // The broken apprentice is a décroché: SIEI lists them, the Mission locale takes over.
  obligationFrom(trajectory, result.leftOn, 'Sortie de CFA sans solution');
  const lastClass = `${result.qualification.diploma} ${result.qualification.trade} (apprentissage)`;
  const listing = siei(
    trajectory,
    result.leftOn,
    result.cfa.id,
    lastClass,
    trajectory.rng.chance(0.7) ? 'BREVET' : 'NONE',
  );
  let mlOpened: number;
  if (listing) {
    const handle = psadCase(trajectory, listing, 'ENGAGE', trajectory.missionLocale());
    if (!handle || handle.meeting === null) return;
    obligation(trajectory, handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
    solutionProposed(handle);
    mlOpened = trajectory.after(handle.meeting, 3, 20);
    if (mlOpened > LAST) return;
    const ml = missionLocaleFollowUp(trajectory, mlOpened);
    if (ml.entry !== null) {
      solutionStarted(trajectory, handle, ml.entry);
      obligation(trajectory, ml.entry, 'Entrée en accompagnement à la Mission locale', 'IN_SUPPORT');
    }
  } else if (trajectory.rng.chance(0.5)) {
    mlOpened = trajectory.after(result.leftOn, 10, 60);
    if (mlOpened > LAST) return;
    const ml = missionLocaleFollowUp(trajectory, mlOpened);
    obligation(trajectory, ml.entry, 'Entrée en accompagnement à la Mission locale', 'IN_SUPPORT');
  }
}

/** e) A lycée agricole or CFPPA, straight after school or as the solution of a PSAD case. */
function agriculturePath(trajectory: Trajectory): void {
  if (trajectory.rng.chance(0.2)) {
    const d = dropout(trajectory);
    const listing = sieiAfterSchool(trajectory, d);
    if (!listing) return;
    obligationFrom(trajectory, listing.detected, `Repérage SIEI (${listing.campaign})`);
    const handle = psadCase(trajectory, listing, 'ENGAGE', trajectory.bassin.psad);
    if (!handle || handle.meeting === null) return;
    obligation(trajectory, handle.meeting, 'Entretien de situation avec la plateforme', 'IN_SUPPORT');
    solutionProposed(handle);
    const opened = trajectory.after(handle.meeting, 7, 40);
    if (opened > LAST) return;
    const result = agriculturalFollowUp(trajectory, opened, trajectory.after(opened, 5, 25));
    if (result.entry !== null) {
      solutionStarted(trajectory, handle, result.entry);
      obligation(trajectory, result.entry, 'Entrée en formation agricole', 'IN_TRAINING');
    }
    return;
  }
  const year = schoolYearStarting(
    trajectory.rng.weighted([
      [2024, 30],
      [2025, 35],
      [2026, 35],
    ]),
  );
  const entry = nextWorkday(year.start);
  trajectory.bornFor(
    trajectory.rng.weighted([
      [15, 45],
      [16, 30],
      [17, 12],
      [18, 8],
      [19, 5],
    ]),
    entry,
  );
  const previous = SCHOOL_YEARS[year.index - 1];
  const lag = trajectory.rng.weighted([
    [0, 50],
    [1, 40],
    [2, 10],
  ]);
  const grade = previous.startYear - civilFromDay(trajectory.birth)[0] - 11 - lag;
  schoolHistory(
    trajectory,
    previous,
    lag,
    trajectory.rng.chance(0.6) ? 'GENERAL' : 'PRO',
    previous.end,
    grade <= 3 ? 'COMPLETED' : 'REORIENTED',
    1,
  );
  agriculturalFollowUp(trajectory, entry, entry);
}

/** f) A décrocheur: still enrolled, with GPDS signals; includes collégiens under 16. */
function stillEnrolled(trajectory: Trajectory): void {
  trajectory.bornFor(
    trajectory.rng.weighted([
      [14, 20],
      [15, 24],
      [16, 22],
      [17, 20],
      [18, 14],
    ]),
    REF,
  );
  const lag = trajectory.rng.weighted([
    [0, 50],
    [1, 38],
    [2, 12],
  ]);
  const family = trajectory.rng.weighted<Family>([
    ['PRO', 45],
    ['CAP', 20],
    ['GENERAL', 35],
  ]);
  const current = SCHOOL_YEARS.find((y) => y.start <= LAST && y.end > LAST)!;
  const previousYears = trajectory.rng.int(1, 2);
  const history = schoolHistory(trajectory, current, lag, family, null, null, previousYears);
  const count = trajectory.rng.weighted([
    [1, 45],
    [2, 35],
    [3, 20],
  ]);
  for (let i = 0; i < count; i++) {
    const inCurrentYear = trajectory.rng.chance(0.7);
    const year = inCurrentYear ? current : SCHOOL_YEARS[current.index - 1];
    const schooling = inCurrentYear ? history[history.length - 1] : history[history.length - 2];
    signals(trajectory, schooling.school, year.start + 14, Math.min(year.end - 14, LAST), 1);
  }
}

/** g) Listed, but the platform never reaches them, or they refuse. */
function unreachableOrRefused(trajectory: Trajectory): void {
  const d = dropout(trajectory);
  const listing = sieiAfterSchool(trajectory, d);
  if (!listing) return;
  obligationFrom(trajectory, listing.detected, `Repérage SIEI (${listing.campaign})`);
  const refused = trajectory.rng.chance(0.35);
  const handle = psadCase(trajectory, listing, refused ? 'REFUSED' : 'UNREACHABLE', trajectory.bassin.psad);
  if (!handle || handle.step.closedOn === null) return;
  const closed = dayNumber(handle.step.closedOn);
  if (refused && trajectory.rng.chance(0.12)) obligation(trajectory, closed, 'Dispense', 'EXEMPTED');
  else
    obligation(
      trajectory,
      closed,
      refused ? 'Refus d’accompagnement' : 'Injoignable malgré les relances',
      'NOT_REACHED',
    );
}

/** SIEI false positives: the young person moved away or is already in training elsewhere. */
function listedElsewhere(trajectory: Trajectory): void {
  const moved = trajectory.rng.chance(0.5);
  const d = dropout(trajectory, moved ? 'MOVED' : trajectory.rng.chance(0.5) ? 'DROPPED_OUT' : 'REORIENTED');
  const listing = sieiAfterSchool(trajectory, d);
  if (!listing) return;
  psadCase(trajectory, listing, moved ? 'MOVED' : 'ALREADY_IN_TRAINING', trajectory.bassin.psad);
}
