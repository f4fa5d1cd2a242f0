/**
 * The Education nationale's episodes: a schooling year by year in the bassin's schools, the
 * GPDS dropout signals, and leaving school without a diploma.
 */
import { LAST, SCHOOL_YEARS, schoolYearOf, type SchoolYear } from '../calendar';
import { SIGNAL_ACTIONS } from '../names';
import { civilFromDay, dayNumber, isoDay, nextWorkday } from '../random';
import type { Trajectory } from '../trajectory';
import type { DemoOrganisation, DropoutSignalStep, EnrolmentStep } from '../world';

/** The kinds of schooling a class level belongs to. */
export type Family = 'COLLEGE' | 'GENERAL' | 'PRO' | 'CAP';

/** The class levels of each kind of schooling, by stage. */
export const LEVELS: Record<Family, string[]> = {
  COLLEGE: ['6e', '5e', '4e', '3e'],
  GENERAL: ['2nde GT', '1re générale', 'Tle générale'],
  PRO: ['2nde pro', '1re pro', 'Tle pro'],
  CAP: ['CAP 1', 'CAP 2'],
};

/** A class in a school: the kind of schooling, its stage and track. */
export interface Schooling {
  family: Family;
  stage: number;
  school: DemoOrganisation;
  track: string | null;
}

/** How someone left school: the day, the last class, the diploma they hold. */
export interface Dropout {
  exit: number;
  last: Schooling;
  diploma: 'NONE' | 'BREVET' | 'CAP_BEP' | 'BAC';
}

/** A class of the given kind and stage in one of the bassin's schools. */
export function place(trajectory: Trajectory, family: Family, stage: number): Schooling {
  switch (family) {
    case 'COLLEGE':
      return { family, stage, school: trajectory.rng.pick(trajectory.bassin.colleges), track: null };
    case 'GENERAL':
      return { family, stage, school: trajectory.rng.pick(trajectory.bassin.lycees), track: null };
    case 'PRO':
    case 'CAP': {
      const school = trajectory.rng.pick(trajectory.bassin.lps);
      const tracks = trajectory.catalogue.lpTracks.get(school.id)!;
      return {
        family,
        stage,
        school,
        track: trajectory.rng.pick(family === 'PRO' ? tracks.pro : tracks.cap),
      };
    }
  }
}

/** Adds a school year's enrolment, at the schooling's level unless `classLevel` says otherwise. */
export function enrol(
  trajectory: Trajectory,
  s: Schooling,
  year: SchoolYear,
  startedOn: number,
  endedOn: number | null,
  exitReason: EnrolmentStep['exitReason'],
  classLevel?: string,
): EnrolmentStep {
  const step: EnrolmentStep = {
    type: 'enrolment',
    schoolId: s.school.id,
    schoolYear: year.label,
    classLevel: classLevel ?? LEVELS[s.family][s.stage],
    track: s.track,
    startedOn: isoDay(startedOn),
    endedOn: endedOn === null ? null : isoDay(endedOn),
    exitReason,
  };
  trajectory.add(step, startedOn);
  return step;
}

/**
 * The last `previousYears + 1` school years up to `year`, at the level the person's age and
 * lag give, in the bassin's schools; the last year ends as told, the others are completed.
 */
export function schoolHistory(
  trajectory: Trajectory,
  year: SchoolYear,
  lag: number,
  lyceeFamily: Family,
  endedOn: number | null,
  exitReason: EnrolmentStep['exitReason'],
  previousYears: number,
): Schooling[] {
  const birthYear = civilFromDay(trajectory.birth)[0];
  const out: Schooling[] = [];
  let previous: Schooling | null = null;
  for (let k = previousYears; k >= 0; k--) {
    const y = SCHOOL_YEARS[year.index - k];
    const grade = y.startYear - birthYear - 11 - lag;
    const family: Family = grade <= 3 ? 'COLLEGE' : lyceeFamily;
    const stage =
      family === 'COLLEGE' ? Math.max(0, Math.min(3, grade)) : Math.min(grade - 4, LEVELS[family].length - 1);
    const schooling: Schooling =
      previous && previous.family === family ? { ...previous, stage } : place(trajectory, family, stage);
    const last = k === 0;
    enrol(trajectory, schooling, y, y.start, last ? endedOn : y.end, last ? exitReason : 'COMPLETED');
    out.push(schooling);
    previous = schooling;
  }
  return out;
}

function signal(trajectory: Trajectory, school: DemoOrganisation, day: number): void {
  const reason = trajectory.rng.weighted<DropoutSignalStep['reason']>([
    ['ABSENTEEISM', 40],
    ['DISENGAGEMENT', 20],
    ['ORIENTATION', 15],
    ['FAMILY', 10],
    ['HEALTH', 7],
    ['BEHAVIOUR', 8],
  ]);
  const step: DropoutSignalStep = {
    type: 'dropout-signal',
    schoolId: school.id,
    on: isoDay(day),
    reason,
    action: trajectory.rng.pick(SIGNAL_ACTIONS[reason]),
  };
  trajectory.add(step, day);
}

/** GPDS signals on distinct weekdays within [from, to]. */
export function signals(
  trajectory: Trajectory,
  school: DemoOrganisation,
  from: number,
  to: number,
  count: number,
): void {
  if (to < from) return;
  const days = new Set<number>();
  for (let i = 0; i < count; i++) {
    const day = nextWorkday(trajectory.rng.int(from, to));
    if (day <= to && day <= LAST) days.add(day);
  }
  for (const day of [...days].sort((a, b) => a - b)) signal(trajectory, school, day);
}

/** The day a décroché left school, spread over the last two school years and the rentrée. */
function dropoutDay(trajectory: Trajectory): number {
  const window = trajectory.rng.weighted<[string, string]>([
    [['2024-10-01', '2025-06-13'], 20],
    [['2025-07-05', '2025-07-05'], 9],
    [['2025-09-22', '2026-06-12'], 44],
    [['2026-07-04', '2026-07-04'], 20],
    [['2026-09-07', '2026-09-14'], 7],
  ]);
  const from = dayNumber(window[0]);
  const to = dayNumber(window[1]);
  return from === to ? from : nextWorkday(trajectory.rng.int(from, to));
}

/** Schooling that ends with the person leaving without a diploma. */
export function dropout(
  trajectory: Trajectory,
  exitReason: EnrolmentStep['exitReason'] = 'DROPPED_OUT',
  exit = dropoutDay(trajectory),
): Dropout {
  trajectory.bornFor(
    trajectory.rng.weighted([
      [16, 30],
      [17, 32],
      [18, 22],
      [19, 11],
      [20, 5],
    ]),
    exit,
  );
  const year = schoolYearOf(exit);
  const lag = trajectory.rng.weighted([
    [0, 35],
    [1, 45],
    [2, 20],
  ]);
  const family = trajectory.rng.weighted<Family>([
    ['PRO', 50],
    ['CAP', 28],
    ['GENERAL', 22],
  ]);
  const history = schoolHistory(trajectory, year, lag, family, exit, exitReason, 1);
  const last = history[history.length - 1];
  if (trajectory.rng.chance(0.6))
    signals(trajectory, last.school, year.start + 14, exit - 7, trajectory.rng.int(1, 2));
  const diploma =
    last.family === 'COLLEGE'
      ? 'NONE'
      : last.family === 'GENERAL'
        ? trajectory.rng.weighted<Dropout['diploma']>([
            ['BREVET', 80],
            ['NONE', 20],
          ])
        : trajectory.rng.weighted<Dropout['diploma']>([
            ['BREVET', 60],
            ['NONE', 35],
            ['CAP_BEP', last.family === 'PRO' && last.stage > 0 ? 5 : 0],
          ]);
  return { exit, last, diploma };
}
