import { CaseStatus } from './types/case.type';

/**
 * The PSAD case workflow, as data: from each status, the statuses a coordinator may move a case
 * to (circulaire n° 2013-035: listing → personal contact → review by the PsyEN/MLDS → a proposed
 * return path → in solution; or one of the exits). Pure: the resolvers apply it, the database
 * enforces the invariants it implies (migrations/1764000001300-case-workflow.ts).
 *
 * - TO_CONTACT: the person is reached (CONTACTED), or every attempt failed (UNREACHABLE), or the
 *   contact shows they refuse, moved away or already train somewhere (the three other exits).
 * - CONTACTED: the situation interview took place (REVIEW_DONE); or the contact shows a partner
 *   already accompanies them (IN_SOLUTION, as the demo's "déjà accompagné" cases); or an exit.
 * - REVIEW_DONE: a solution is proposed; or an exit (found a training alone, lost contact…).
 * - SOLUTION_PROPOSED: the solution started (IN_SOLUTION); declined, back to REVIEW_DONE for
 *   another proposal; or an exit (the demo's abandoned contracts end REFUSED).
 * - IN_SOLUTION: the solution broke (a contract broken, a training left): back to REVIEW_DONE,
 *   which reopens the case for a new proposal.
 * - UNREACHABLE: reached later (CONTACTED, reopening it), or found to have moved or to train elsewhere.
 * - REFUSED: changes their mind (CONTACTED, reopening it).
 * - MOVED, ALREADY_IN_TRAINING: back in the perimeter, or the training ended: TO_CONTACT again.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  [CaseStatus.TO_CONTACT]: [
    CaseStatus.CONTACTED,
    CaseStatus.UNREACHABLE,
    CaseStatus.REFUSED,
    CaseStatus.MOVED,
    CaseStatus.ALREADY_IN_TRAINING,
  ],
  [CaseStatus.CONTACTED]: [
    CaseStatus.REVIEW_DONE,
    CaseStatus.IN_SOLUTION,
    CaseStatus.UNREACHABLE,
    CaseStatus.REFUSED,
    CaseStatus.MOVED,
    CaseStatus.ALREADY_IN_TRAINING,
  ],
  [CaseStatus.REVIEW_DONE]: [
    CaseStatus.SOLUTION_PROPOSED,
    CaseStatus.UNREACHABLE,
    CaseStatus.REFUSED,
    CaseStatus.MOVED,
    CaseStatus.ALREADY_IN_TRAINING,
  ],
  [CaseStatus.SOLUTION_PROPOSED]: [
    CaseStatus.IN_SOLUTION,
    CaseStatus.REVIEW_DONE,
    CaseStatus.UNREACHABLE,
    CaseStatus.REFUSED,
    CaseStatus.MOVED,
    CaseStatus.ALREADY_IN_TRAINING,
  ],
  [CaseStatus.IN_SOLUTION]: [CaseStatus.REVIEW_DONE],
  [CaseStatus.UNREACHABLE]: [CaseStatus.CONTACTED, CaseStatus.MOVED, CaseStatus.ALREADY_IN_TRAINING],
  [CaseStatus.REFUSED]: [CaseStatus.CONTACTED],
  [CaseStatus.MOVED]: [CaseStatus.TO_CONTACT],
  [CaseStatus.ALREADY_IN_TRAINING]: [CaseStatus.TO_CONTACT],
};

/** The exits: the PSAD stops following the person. */
export const EXIT_STATUSES: readonly CaseStatus[] = [
  CaseStatus.UNREACHABLE,
  CaseStatus.REFUSED,
  CaseStatus.MOVED,
  CaseStatus.ALREADY_IN_TRAINING,
];

/**
 * Entering one of these closes the case (`closed_on` = that day): the exits, and IN_SOLUTION — once
 * a solution has started, the partner providing it follows the person, and the bimonthly figures
 * count the case "in solution" from its closure. Leaving one for an open status reopens the case.
 * (The demo holds a few IN_SOLUTION cases still open, closed after the solution held for some
 * weeks: the database accepts them; the workflow only ever moves a case into IN_SOLUTION closed.)
 */
export const CLOSING_STATUSES: readonly CaseStatus[] = [...EXIT_STATUSES, CaseStatus.IN_SOLUTION];

/** The status of a case opened by the PSAD. */
export const INITIAL_STATUS = CaseStatus.TO_CONTACT;

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return CASE_TRANSITIONS[from] ?? [];
}

export function isAllowed(from: CaseStatus, to: CaseStatus): boolean {
  return allowedTransitions(from).includes(to);
}

export function closes(status: CaseStatus): boolean {
  return CLOSING_STATUSES.includes(status);
}

export type ClosureChange = 'CLOSES' | 'REOPENS' | 'STAYS_OPEN' | 'STAYS_CLOSED';

/** What a transition does to the case's closure, given whether the case is closed now. */
export function closureChange(closedNow: boolean, to: CaseStatus): ClosureChange {
  if (closes(to)) return closedNow ? 'STAYS_CLOSED' : 'CLOSES';
  return closedNow ? 'REOPENS' : 'STAYS_OPEN';
}

/**
 * The case's `closed_on` after moving to `to` on `day`: that day whenever it enters a closing status
 * (an exit corrected into another, UNREACHABLE → MOVED, is closed anew that day, for its new reason),
 * null when it reopens or stays open.
 */
export function closedOnAfter(to: CaseStatus, day: string): string | null {
  return closes(to) ? day : null;
}

export type TransitionOutcome =
  | { ok: true; closedOn: string | null; change: ClosureChange }
  | { ok: false; allowed: readonly CaseStatus[] };

/**
 * Decides one requested transition of a case standing at `from` (closed on `closedOn`, or open), on `day`.
 */
export function decideTransition(
  from: CaseStatus,
  closedOn: string | null,
  to: CaseStatus,
  day: string,
): TransitionOutcome {
  if (!isAllowed(from, to)) return { ok: false, allowed: allowedTransitions(from) };
  return { ok: true, closedOn: closedOnAfter(to, day), change: closureChange(closedOn !== null, to) };
}
