import { addDays, addYears, daysBetween } from '../../platform/calendar';
import { illegalTransition } from '../../platform/server/errors';

/**
 * The lifecycle of a FOQUALE contract (circulaire n° 2013-035): the bilan de positionnement opens
 * it; a tutor and a solution prepare it; the tutor, the young person and — for a minor — the
 * family sign it; it is then in force and reviewed regularly (bilans de situation) until it is
 * closed with a reason. Pure functions: the resolvers load the row, ask here, and write.
 */

/** Where a contract stands; derived from its columns, never stored apart from them. */
export const FOQUALE_STATES = [
  'IN_PREPARATION',
  'READY_TO_SIGN',
  'BEING_SIGNED',
  'IN_FORCE',
  'CLOSED',
] as const;
export type FoqualeState = (typeof FOQUALE_STATES)[number];

/** The steps a contract goes through after its opening. */
export const FOQUALE_STEPS = [
  'TUTOR_ASSIGNMENT',
  'SOLUTION_CHOICE',
  'SIGNATURE',
  'SITUATION_REVIEW',
  'CLOSURE',
] as const;
export type FoqualeStep = (typeof FOQUALE_STEPS)[number];

/**
 * Which steps each state allows. The tutor and the solution can change until someone signs: the
 * signatures are given to a contract that names them. A signed contract is reviewed, not
 * rewritten: another solution means closing it (REORIENTED) and opening another. A closed
 * contract is final.
 */
export const ALLOWED_STEPS: Record<FoqualeState, readonly FoqualeStep[]> = {
  IN_PREPARATION: ['TUTOR_ASSIGNMENT', 'SOLUTION_CHOICE', 'CLOSURE'],
  READY_TO_SIGN: ['TUTOR_ASSIGNMENT', 'SOLUTION_CHOICE', 'SIGNATURE', 'CLOSURE'],
  BEING_SIGNED: ['SIGNATURE', 'CLOSURE'],
  IN_FORCE: ['SITUATION_REVIEW', 'CLOSURE'],
  CLOSED: [],
};

export const SIGNATORIES = ['TUTOR', 'YOUNG_PERSON', 'FAMILY'] as const;
export type Signatory = (typeof SIGNATORIES)[number];

/** What the lifecycle reads of a contract (the record's columns). */
export interface ContractFacts {
  initialReviewOn: string;
  tutorName: string | null;
  solution: string | null;
  tutorSignedOn: string | null;
  youngSignedOn: string | null;
  familySignedOn: string | null;
  signedOn: string | null;
  closedOn: string | null;
}

export function stateOf(contract: ContractFacts): FoqualeState {
  if (contract.closedOn !== null) return 'CLOSED';
  if (contract.signedOn !== null) return 'IN_FORCE';
  if (contract.tutorSignedOn !== null || contract.youngSignedOn !== null || contract.familySignedOn !== null)
    return 'BEING_SIGNED';
  return contract.tutorName !== null && contract.solution !== null ? 'READY_TO_SIGN' : 'IN_PREPARATION';
}

/**
 * Throws ILLEGAL_TRANSITION, naming the current state, the step asked for and the steps allowed, unless the
 * contract's state allows `step`.
 */
export function assertStep(contract: ContractFacts, step: FoqualeStep): FoqualeState {
  const state = stateOf(contract);
  if (!ALLOWED_STEPS[state].includes(step))
    throw illegalTransition('The FOQUALE contract', state, step, ALLOWED_STEPS[state]);
  return state;
}

/** Age of majority: a minor's contract needs the family's signature. */
export const MAJORITY_AGE = 18;

/**
 * Whether the person may have been under 18 on `day`, knowing only their age on `today` (psad
 * attests an age, never a birth date). Someone aged `a` today turned 18 at the latest on this day
 * `a - 18` years ago; before it they may still have been a minor, so the family's signature is
 * required — the safe side of the doubt. (29 February minus whole years is 1 March in a common year,
 * where that birthday falls.)
 */
export function mayBeMinorOn(day: string, ageToday: number, today: string): boolean {
  const yearsOfAge = ageToday - MAJORITY_AGE;
  if (yearsOfAge < 0) return true;
  return day < addYears(today, -yearsOfAge);
}

const SIGNATURE_COLUMN: Record<Signatory, 'tutorSignedOn' | 'youngSignedOn' | 'familySignedOn'> = {
  TUTOR: 'tutorSignedOn',
  YOUNG_PERSON: 'youngSignedOn',
  FAMILY: 'familySignedOn',
};

export type SignatureOutcome =
  | {
      ok: true;
      tutorSignedOn: string | null;
      youngSignedOn: string | null;
      familySignedOn: string | null;
      /**
       * Set when this signature completes the contract: the day of its last signature, from which it is in
       * force.
       */
      signedOn: string | null;
      /** The signatures still needed, when it does not. */
      missing: Signatory[];
    }
  | { ok: false; reason: 'ALREADY_SIGNED'; signedOn: string };

/**
 * Adds one signature to a contract that allows SIGNATURE (check `assertStep` first). The tutor
 * and the young person always sign; the family too when the person may be a minor on the day
 * the contract would come into force (the latest of its signatures).
 */
export function addSignature(
  contract: ContractFacts,
  signatory: Signatory,
  day: string,
  age: { ageToday: number; today: string },
): SignatureOutcome {
  const column = SIGNATURE_COLUMN[signatory];
  const already = contract[column];
  if (already !== null) return { ok: false, reason: 'ALREADY_SIGNED', signedOn: already };
  const signatures = {
    tutorSignedOn: contract.tutorSignedOn,
    youngSignedOn: contract.youngSignedOn,
    familySignedOn: contract.familySignedOn,
    [column]: day,
  };
  const given = [signatures.tutorSignedOn, signatures.youngSignedOn, signatures.familySignedOn].filter(
    (on): on is string => on !== null,
  );
  const inForceOn = given.reduce((latest, on) => (on > latest ? on : latest));
  const required: Signatory[] = mayBeMinorOn(inForceOn, age.ageToday, age.today)
    ? ['TUTOR', 'YOUNG_PERSON', 'FAMILY']
    : ['TUTOR', 'YOUNG_PERSON'];
  const missing = required.filter((who) => signatures[SIGNATURE_COLUMN[who]] === null);
  return { ok: true, ...signatures, signedOn: missing.length === 0 ? inForceOn : null, missing };
}

/** The latest signature given so far (a closure must not precede it); null before any. */
export function lastSignatureOn(contract: ContractFacts): string | null {
  const given = [contract.tutorSignedOn, contract.youngSignedOn, contract.familySignedOn].filter(
    (on): on is string => on !== null,
  );
  return given.length === 0 ? null : given.reduce((latest, on) => (on > latest ? on : latest));
}

/** A contract that never came into force cannot have been completed: it was abandoned or reoriented. */
export function closeReasonAllowed(state: FoqualeState, reason: string): boolean {
  return reason !== 'COMPLETED' || state === 'IN_FORCE';
}

/**
 * When the next bilan de situation of a contract in force is due — its last review's day (its
 * signature's when there is none) plus the network's interval — and by how many days it is
 * overdue on `today` (0 while it is not). Null for a contract not in force.
 */
export function reviewDue(
  contract: ContractFacts,
  reviewDays: readonly string[],
  intervalDays: number,
  today: string,
): { dueOn: string; daysOverdue: number } | null {
  if (stateOf(contract) !== 'IN_FORCE' || contract.signedOn === null) return null;
  const last = reviewDays.reduce((latest, on) => (on > latest ? on : latest), contract.signedOn);
  const dueOn = addDays(last, intervalDays);
  return { dueOn, daysOverdue: Math.max(0, daysBetween(dueOn, today)) };
}
