import { randomUUID } from 'node:crypto';
import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import {
  IDEMPOTENCY_KEY_ARGUMENT,
  IDEMPOTENCY_KEY_DESCRIPTION,
  idempotentWrite,
} from '../database/idempotency';
import { tracedWrite } from '../database/write';
import { requestLoader } from '../database/batch-window';
import { groupLoader, isHubId } from '../database/loaders';
import { InputCheck } from '../graphql/input-check';
import { Offer, TrajectoryEvent, TrajectoryEventKind } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import { parisDay } from '../calendar';
import { PersonalData, type LocalFollowers } from '../policy/subject';
import type { Subject } from '../policy/types';
import { authoriseWrite, authoriseWriteOperation, authoriseWriteRow } from '../policy/writes';
import { badUserInput, ErrorCode, illegalTransition } from '../server/errors';
import { OFFER_SELECT, offerRow, type OfferRow } from './offer-writes';
import { toOffer } from './offers';
import { globalId } from './offers';
import {
  CancelPlaceReservationInput,
  checkRowId,
  isUniqueViolation,
  PlaceReservation,
  PlaceReservationStatus,
  ReservePlaceInput,
  writeSubject,
  type KitWriteContext,
} from './write-types';

const REASON_MAX = 500;

/** A reservation with what the trajectory says of it: the offer's title and its organisation's name. */
interface ReservationRow {
  id: string;
  offer_id: string;
  young_id: string;
  status: PlaceReservationStatus;
  reserved_at: Date;
  reserved_by_org: string;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  offer_title: string;
  organisation_name: string;
  organisation_code: string;
}

const RESERVATION_SELECT = `SELECT r.id, r.offer_id, r.young_id, r.status, r.reserved_at, r.reserved_by_org, r.cancelled_at, r.cancel_reason,
       o.title AS offer_title, org.name AS organisation_name,
       org.code AS organisation_code
  FROM place_reservation r JOIN offer o ON o.id = r.offer_id JOIN organisation org ON org.id = o.organisation_id`;

function toReservation(profile: SubgraphProfile, row: ReservationRow): PlaceReservation {
  return {
    id: globalId(profile, row.id),
    status: row.status,
    reservedAt: row.reserved_at,
    reservedByOrg: row.reserved_by_org,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    youngId: row.young_id,
    organisationCode: row.organisation_code,
    offerLocalId: row.offer_id,
  };
}

async function reservationRow(db: DataSource | EntityManager, id: string): Promise<ReservationRow | null> {
  const rows: ReservationRow[] = await db.query(`${RESERVATION_SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}

interface ReservationLoaders {
  byYoung: DataLoader<string, ReservationRow[]>;
  offerById: DataLoader<string, Offer | null>;
}

const loadersByRequest = new WeakMap<object, ReservationLoaders>();

/** What reading reservations needs from a request's context. */
export interface ReservationReadContext {
  db: DataSource;
  profile: SubgraphProfile;
}

/**
 * Per-request loaders of the reservation tables, kept beside the request's context rather than in
 * each subgraph's loader set, so that every partner holding offers gets them the same way.
 */
function reservationLoaders(context: ReservationReadContext): ReservationLoaders {
  let loaders = loadersByRequest.get(context);
  if (!loaders) {
    const { db, profile } = context;
    loaders = {
      byYoung: groupLoader(
        async (ids: readonly string[]) => {
          const valid = ids.filter(isHubId);
          return valid.length === 0
            ? []
            : db.query(
                `${RESERVATION_SELECT} WHERE r.young_id = ANY($1::uuid[]) ORDER BY r.reserved_at, r.id`,
                [valid],
              );
        },
        (row: ReservationRow) => row.young_id,
      ),
      offerById: requestLoader<string, Offer | null>(async (ids) => {
        const found: OfferRow[] = await db.query(`${OFFER_SELECT} WHERE o.id = ANY($1::uuid[])`, [[...ids]]);
        const byId = new Map(found.map((row) => [row.id, toOffer(profile, row)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    };
    loadersByRequest.set(context, loaders);
  }
  return loaders;
}

/**
 * A person's reservations on this partner's offers as trajectory events (category
 * FOLLOW_UP_SUMMARY): the reservation, and its cancellation. Each names the offer and the
 * organisation that runs it; never the reason, which is the partners' note.
 */
export async function reservationEvents(
  profile: SubgraphProfile,
  youngId: string,
  context: ReservationReadContext,
): Promise<TrajectoryEvent[]> {
  const rows = await reservationLoaders(context).byYoung.load(youngId);
  return rows.flatMap((row) => {
    const what = `${row.offer_title} (${row.organisation_name})`;
    const reserved: TrajectoryEvent = {
      id: globalId(profile, `${row.id}:reserved`),
      partner: profile.partner,
      at: row.reserved_at,
      kind: TrajectoryEventKind.PLACE_RESERVED,
      summary: `Place réservée : ${what}`,
    };
    if (row.status !== PlaceReservationStatus.CANCELLED || !row.cancelled_at) return [reserved];
    return [
      reserved,
      {
        id: globalId(profile, `${row.id}:cancelled`),
        partner: profile.partner,
        at: row.cancelled_at,
        kind: TrajectoryEventKind.PLACE_RESERVATION_CANCELLED,
        summary: `Réservation annulée : ${what}`,
      },
    ];
  });
}

/**
 * `PlaceReservation.offer`, the same in every partner: the offer as `offers` shows it, vacancies included.
 */
@Resolver(() => PlaceReservation)
export class PlaceReservationResolver {
  @FieldResolver(() => Offer, { description: 'The offer the place is on.' })
  async offer(@Root() reservation: PlaceReservation, @Ctx() context: ReservationReadContext): Promise<Offer> {
    const offer = await reservationLoaders(context).offerById.load(reservation.offerLocalId);
    if (!offer) throw new Error(`Reservation ${reservation.id} refers to a missing offer`);
    return offer;
  }
}

function noVacancy(offerId: string): GraphQLError {
  return new GraphQLError('No place is left on this offer', {
    extensions: { code: ErrorCode.NO_VACANCY, offerId, field: 'input.offerId' },
  });
}

/**
 * Place reservations on a partner's offers (`cfaReservePlace`, `cfaCancelPlaceReservation`) and
 * the person's reservations on its `Young` (`cfaPlaceReservations`). A reservation takes its place
 * with one conditional statement (`taken < capacity`) in the transaction that inserts it, so that
 * of any number of concurrent requests for the last place exactly one succeeds; PostgreSQL's row
 * lock on the offer orders them, and the table's CHECK keeps `0 ≤ taken ≤ capacity` whatever happens.
 */
export function defineReservations(
  profile: SubgraphProfile,
  Young: new () => { id: string },
  localFollowers: LocalFollowers,
) {
  const prefix = profile.fieldPrefix;
  const names = { reserve: `${prefix}ReservePlace`, cancel: `${prefix}CancelPlaceReservation` };
  const authorise = (context: KitWriteContext, mutation: string, subject: Subject, rowOrganisation: string) =>
    authoriseWrite(context, {
      action: 'PLACE_RESERVATION',
      owner: profile.partner,
      subject,
      field: `Mutation.${mutation}`,
      rowOrganisation,
    });
  const load = async (db: DataSource | EntityManager, id: string): Promise<PlaceReservation> => {
    const row = await reservationRow(db, id);
    if (!row) throw new Error(`Place reservation ${id} is missing`);
    return toReservation(profile, row);
  };

  @Resolver(() => Young)
  class ReservationResolver {
    @FieldResolver(() => [PlaceReservation], {
      nullable: true,
      name: `${prefix}PlaceReservations`,
      description: `Places reserved for this young person on the offers of ${profile.label}, cancelled ones included, oldest first.`,
    })
    @PersonalData('FOLLOW_UP_SUMMARY', profile)
    async placeReservations(
      @Root() young: { id: string },
      @Ctx() context: ReservationReadContext,
    ): Promise<PlaceReservation[]> {
      return (await reservationLoaders(context).byYoung.load(young.id)).map((row) =>
        toReservation(profile, row),
      );
    }

    @Mutation(() => PlaceReservation, {
      name: names.reserve,
      description: `Reserves a place on an offer of ${profile.label} for a young person; NO_VACANCY when none is left. One active reservation per person and offer.`,
    })
    async reservePlace(
      @Arg('input', () => ReservePlaceInput) input: ReservePlaceInput,
      @Arg(IDEMPOTENCY_KEY_ARGUMENT, () => String, {
        nullable: true,
        description: IDEMPOTENCY_KEY_DESCRIPTION,
      })
      idempotencyKey: string | null,
      @Ctx() context: KitWriteContext,
    ): Promise<PlaceReservation> {
      const check = new InputCheck('input');
      check.hubId('youngId', input.youngId);
      const offerId = checkRowId(check, 'offerId', input.offerId, profile, 'an offer');
      check.done();
      const youngId = input.youngId.toLowerCase();
      const field = `Mutation.${names.reserve}`;
      // The offer first, and what the rules say of it: the answer about it never depends on the person.
      authoriseWriteOperation(context, { action: 'PLACE_RESERVATION', field, youngId });
      const offer = await offerRow(context.db, offerId!);
      if (!offer) throw badUserInput(`${profile.label} has no offer with this id`, 'input.offerId');
      authoriseWriteRow(context, {
        action: 'PLACE_RESERVATION',
        owner: profile.partner,
        field,
        rowOrganisation: offer.organisation_code,
        youngId,
      });
      const subject = await writeSubject(profile, context, youngId, localFollowers, {
        action: 'PLACE_RESERVATION',
        field,
      });
      authorise(context, names.reserve, subject, offer.organisation_code);
      const now = context.now();
      return idempotentWrite(context, {
        operation: `Mutation.${names.reserve}`,
        key: idempotencyKey,
        request: { youngId, offerId },
        write: async (manager) => {
          // Inside the write, so that a retry replays the first answer even if the person's age has moved on
          // since.
          if (subject.age < offer.age_min || subject.age > offer.age_max) {
            throw badUserInput(
              `This offer is for ages ${offer.age_min} to ${offer.age_max}; this person is ${subject.age}`,
              'input.offerId',
            );
          }
          const alreadyHeld = () =>
            badUserInput('This person already holds a place on this offer', 'input.offerId');
          const held: unknown[] = await manager.query(
            "SELECT 1 FROM place_reservation WHERE offer_id = $1 AND young_id = $2 AND status = 'RESERVED'",
            [offerId, youngId],
          );
          if (held.length > 0) throw alreadyHeld();
          // The place is taken here or not at all: the row lock serialises concurrent requests, each re-reads
          // `taken`.
          const [taken] = (await manager.query(
            `UPDATE offer SET taken = taken + 1, updated_at = now()
              WHERE id = $1 AND taken < capacity AND closed_at IS NULL AND (ends_on IS NULL OR ends_on >= $2::date)
              RETURNING taken`,
            [offerId, parisDay(now)],
          )) as [unknown[], number];
          if (taken.length === 0) {
            const current = (await offerRow(manager, offerId!))!;
            if (current.closed_at !== null)
              throw badUserInput('This offer is closed: it takes no more reservations', 'input.offerId');
            if (current.ends_on !== null && current.ends_on < parisDay(now))
              throw badUserInput(
                `This offer ended on ${current.ends_on}: it takes no more reservations`,
                'input.offerId',
              );
            throw noVacancy(input.offerId);
          }
          const id = randomUUID();
          try {
            await manager.query(
              `INSERT INTO place_reservation (id, offer_id, young_id, reserved_at, reserved_by_sub, reserved_by_org, reserved_by_role, status)
               VALUES ($1, $2, $3, $4, $5, $6, $7, 'RESERVED')`,
              [id, offerId, youngId, now, context.caller.sub, context.caller.org, context.caller.role],
            );
          } catch (error) {
            // A concurrent reservation for the same person committed first (unique partial index): this one
            // rolls back, place included.
            if (isUniqueViolation(error)) throw alreadyHeld();
            throw error;
          }
          return { id, result: await load(manager, id) };
        },
        replay: (id, manager) => load(manager, id),
      });
    }

    @Mutation(() => PlaceReservation, {
      name: names.cancel,
      description:
        'Cancels a place reservation and gives the place back to the offer; a cancelled reservation stays cancelled.',
    })
    async cancelPlaceReservation(
      @Arg('input', () => CancelPlaceReservationInput) input: CancelPlaceReservationInput,
      @Ctx() context: KitWriteContext,
    ): Promise<PlaceReservation> {
      const check = new InputCheck('input');
      check.hubId('youngId', input.youngId);
      const id = checkRowId(check, 'reservationId', input.reservationId, profile, 'a place reservation');
      check.text('reason', input.reason, { max: REASON_MAX, required: true });
      check.done();
      const youngId = input.youngId.toLowerCase();
      // The row first: a reservation this person does not hold gets the same answer whoever the person is, or
      // whether they exist.
      authoriseWriteOperation(context, {
        action: 'PLACE_RESERVATION',
        field: `Mutation.${names.cancel}`,
        youngId,
      });
      const current = await reservationRow(context.db, id!);
      if (!current || current.young_id !== youngId)
        throw badUserInput('This person has no place reservation with this id here', 'input.reservationId');
      const subject = await writeSubject(profile, context, youngId, localFollowers, {
        action: 'PLACE_RESERVATION',
        field: `Mutation.${names.cancel}`,
      });
      const offer = (await offerRow(context.db, current.offer_id))!;
      authorise(context, names.cancel, subject, offer.organisation_code);
      return tracedWrite(context, async (manager) => {
        // One statement: of two concurrent cancellations, only one finds the reservation active.
        const [cancelled] = (await manager.query(
          `UPDATE place_reservation
              SET status = 'CANCELLED', cancelled_at = greatest($2::timestamptz, reserved_at), cancelled_by_sub = $3, cancelled_by_org = $4, cancelled_by_role = $5, cancel_reason = $6
            WHERE id = $1 AND status = 'RESERVED'
            RETURNING offer_id`,
          [
            id,
            context.now(),
            context.caller.sub,
            context.caller.org,
            context.caller.role,
            input.reason.trim(),
          ],
        )) as [{ offer_id: string }[], number];
        if (cancelled.length === 0)
          throw illegalTransition('This place reservation', 'CANCELLED', 'CANCELLED', []);
        // The place goes back to the offer, never below zero (the table's CHECK would refuse it anyway).
        await manager.query(
          'UPDATE offer SET taken = taken - 1, updated_at = now() WHERE id = $1 AND taken > 0',
          [cancelled[0].offer_id],
        );
        return load(manager, id!);
      });
    }
  }

  return ReservationResolver;
}
