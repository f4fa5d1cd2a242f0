import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { isHubId } from '../database/loaders';
import type { WriteContext } from '../database/write';
export { isUniqueViolation } from '../database/constraints';
import type { InputCheck } from '../graphql/input-check';
import { OfferAudience, OfferKind, TrajectoryEventKind } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import { parisDay } from '../calendar';
import { attestedWriteSubject, type LocalFollowers, type WriteSubjectContext } from '../policy/subject';
import type { Subject } from '../policy/types';
import { authoriseWriteOperation, refuseUnknownPerson } from '../policy/writes';
import type { WriteAction } from '../policy/rules';
import { Category } from '../policy/category';

/**
 * The input and payload types of the partner kit's mutations. They are defined once, here, so
 * that every partner subgraph declares them identically (which is what lets the supergraph
 * compose them), and with them the few checks every write shares.
 */

/** How a closed follow-up ended (an open one is IN_PROGRESS). */
export enum FollowUpOutcome {
  COMPLETED = 'COMPLETED',
  ABANDONED = 'ABANDONED',
  EMPLOYED = 'EMPLOYED',
  TRAINING = 'TRAINING',
}
registerEnumType(FollowUpOutcome, {
  name: 'FollowUpOutcome',
  description: 'How a follow-up ended: path completed, abandoned, into employment, into training.',
});

/**
 * The dated steps a follow-up records; the other trajectory kinds belong to other records (cases, contracts,
 * enrolments…).
 */
export const FOLLOW_UP_EVENT_KINDS: readonly TrajectoryEventKind[] = [
  TrajectoryEventKind.INTERVIEW,
  TrajectoryEventKind.PROGRAMME_ENTRY,
  TrajectoryEventKind.TRAINING_STARTED,
  TrajectoryEventKind.TRAINING_COMPLETED,
  TrajectoryEventKind.EXIT,
];

export enum PlaceReservationStatus {
  RESERVED = 'RESERVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PlaceReservationStatus, {
  name: 'PlaceReservationStatus',
  description: 'A place held for the person (RESERVED), or given back (CANCELLED).',
});

const DAY = 'A day, YYYY-MM-DD.';

@InputType({ description: 'A follow-up opened by the caller’s own organisation.' })
export class OpenFollowUpInput {
  @Field(() => ID, { description: 'The hub id of the young person.' })
  youngId: string;

  @Field({
    description:
      'The programme: CEJ, PACEA, Parcours E2C, Prépa-apprentissage, CAPa… (at most 120 characters).',
  })
  programme: string;

  @Field({ description: `${DAY} Not in the future.` })
  openedOn: string;

  @Field(() => ID, {
    nullable: true,
    description: 'One of this partner’s offers the follow-up is about (`<subgraph>:<uuid>`).',
  })
  offerId?: string | null;
}

@InputType({ description: 'Changes to an open follow-up; fields left out stay as they are.' })
export class UpdateFollowUpInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID)
  followUpId: string;

  @Field(() => String, { nullable: true })
  programme?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `${DAY} Not in the future, nor after the follow-up’s first recorded step.`,
  })
  openedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'One of this partner’s offers the follow-up is about.' })
  offerId?: string | null;
}

@InputType()
export class CloseFollowUpInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID)
  followUpId: string;

  @Field({ description: `${DAY} On or after the opening and the last recorded step; not in the future.` })
  closedOn: string;

  @Field(() => FollowUpOutcome)
  outcome: FollowUpOutcome;
}

@InputType()
export class RecordFollowUpEventInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID)
  followUpId: string;

  @Field({
    description:
      'When it happened: an ISO 8601 instant with its offset (2025-03-04T10:00:00+01:00), within the follow-up’s dates, not in the future.',
  })
  at: string;

  @Field(() => TrajectoryEventKind, { description: `One of ${FOLLOW_UP_EVENT_KINDS.join(', ')}.` })
  kind: TrajectoryEventKind;

  @Field({
    description:
      'What happened, in a sentence (at most 300 characters). It shows in the trajectory to everyone who sees follow-up summaries (the PSAD of the territory, the partners following the person): ' +
      'write it as a summary ("Entretien de suivi", "Entrée en formation"), never as an interview note.',
  })
  summary: string;
}

@InputType({ description: 'A new offer of this partner.' })
export class CreateOfferInput {
  @Field(() => String, {
    nullable: true,
    description:
      'The code (UAI, SIRET…) of the organisation that runs it; default: the caller’s own organisation.',
  })
  organisationCode?: string | null;

  @Field(() => OfferKind)
  kind: OfferKind;

  @Field({ description: 'At most 200 characters.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Trade or track (filière), at most 120 characters.' })
  track?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Qualification level (CAP, Bac pro…), at most 60 characters.',
  })
  level?: string | null;

  @Field({ description: 'The bassin code where it takes place (e.g. 38-GRE).' })
  bassin: string;

  @Field({ description: 'At most 100 characters.' })
  commune: string;

  @Field(() => Int, { description: 'Number of places, 0 to 1,000.' })
  capacity: number;

  @Field(() => Int, { description: '14 to 30.' })
  ageMin: number;

  @Field(() => Int, { description: '14 to 30, at least ageMin.' })
  ageMax: number;

  @Field({ description: DAY })
  startsOn: string;

  @Field(() => String, { nullable: true, description: `${DAY} On or after startsOn.` })
  endsOn?: string | null;

  @Field(() => [OfferAudience], {
    nullable: true,
    description: 'The publics it is open to (`offers(filter: { public })`); default: none declared.',
  })
  audiences?: OfferAudience[] | null;
}

@InputType({ description: 'Changes to an open offer; fields left out stay as they are.' })
export class UpdateOfferInput {
  @Field(() => ID)
  offerId: string;

  @Field(() => Int, { nullable: true, description: '0 to 1,000, and never below the places already taken.' })
  capacity?: number | null;

  @Field(() => String, { nullable: true })
  startsOn?: string | null;

  @Field(() => String, { nullable: true })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@InputType()
export class CloseOfferInput {
  @Field(() => ID)
  offerId: string;
}

@InputType({ description: 'A place to hold on one of this partner’s offers for a young person.' })
export class ReservePlaceInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID, { description: 'The offer (`<subgraph>:<uuid>`, as `offers` lists it).' })
  offerId: string;
}

@InputType()
export class CancelPlaceReservationInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID)
  reservationId: string;

  @Field({ description: 'Why the place is given back (at most 500 characters).' })
  reason: string;
}

@ObjectType({ description: 'A place held on an offer for a young person.' })
@Directive('@shareable')
export class PlaceReservation {
  @Field(() => ID)
  id: string;

  @Field(() => PlaceReservationStatus)
  status: PlaceReservationStatus;

  @Field(() => Date)
  reservedAt: Date;

  @Field({ description: 'The organisation that reserved it (PSAD, FOQUALE network, Mission locale…).' })
  reservedByOrg: string;

  @Field(() => Date, { nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it was cancelled, in the words of whoever cancelled it: follow-up detail, kept within the organisation holding the offer.',
  })
  @Category('FOLLOW_UP_DETAIL')
  cancelReason: string | null;

  /** Whom it is about: child fields are decided on this person's subject. */
  youngId: string;
  /** The organisation holding the offer: the guard shows `cancelReason` to it only (OWN_ORGANISATION_ROW). */
  organisationCode: string;
  offerLocalId: string;
}

// ── Checks every write shares ───────────────────────────────────────────────────────────────

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 instant with an explicit offset (a bare local time would be ambiguous); returns it, or null
 * after recording the error.
 */
export function checkInstant(check: InputCheck, field: string, value: string): Date | null {
  if (
    !INSTANT.test(value) ||
    Number.isNaN(Date.parse(value)) ||
    !check.localDate(field, value.slice(0, 10))
  ) {
    if (!check.failed(field))
      check.fail(
        field,
        `"${field}" must be an ISO 8601 instant with its offset (2025-03-04T10:00:00+01:00), got "${value.slice(0, 40)}"`,
      );
    return null;
  }
  return new Date(value);
}

/** A day not after today (Paris): a follow-up cannot be opened or closed tomorrow. */
export function checkNotFuture(
  check: InputCheck,
  field: string,
  day: string | null | undefined,
  now: Date,
): void {
  if (day === null || day === undefined || check.failed(field)) return;
  const today = parisDay(now);
  if (day > today) check.fail(field, `"${field}" (${day}) must not be in the future (today is ${today})`);
}

/**
 * The local id of one of this subgraph's rows from its global id (`<subgraph>:<uuid>`), or null
 * after recording the error: an id of another partner's row is not one this subgraph can write.
 */
export function checkRowId(
  check: InputCheck,
  field: string,
  value: string | null | undefined,
  profile: SubgraphProfile,
  what: string,
): string | null {
  if (value === null || value === undefined) {
    check.fail(field, `"${field}" is required`);
    return null;
  }
  const prefix = `${profile.name}:`;
  const local = value.startsWith(prefix) ? value.slice(prefix.length) : '';
  if (!isHubId(local)) {
    check.fail(field, `"${field}" must be ${what} of ${profile.label} (\`${prefix}<uuid>\`)`);
    return null;
  }
  return local.toLowerCase();
}

/**
 * The subject of a write about `youngId`: psad's attestation signed by the gateway, completed
 * with this partner's followers. BAD_USER_INPUT when psad knows no such person.
 */
export async function writeSubject(
  profile: SubgraphProfile,
  context: WriteSubjectContext,
  youngId: string,
  localFollowers: LocalFollowers,
  write: { action: WriteAction; field: string },
): Promise<Subject> {
  // Whoever may never perform this write learns nothing of who exists.
  authoriseWriteOperation(context, { ...write, youngId });
  const subject = await attestedWriteSubject(profile, context, youngId, localFollowers);
  if (!subject) refuseUnknownPerson(context, { ...write, youngId });
  return subject;
}

/** What the kit's mutations need from a partner subgraph's context. */
export interface KitWriteContext extends WriteSubjectContext, Omit<WriteContext, 'access'> {
  db: DataSource;
  profile: SubgraphProfile;
  access: WriteSubjectContext['access'] & WriteContext['access'];
}
