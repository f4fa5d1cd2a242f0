import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { BASSINS } from '../reference/territories';
import {
  IDEMPOTENCY_KEY_ARGUMENT,
  IDEMPOTENCY_KEY_DESCRIPTION,
  idempotentWrite,
} from '../database/idempotency';
import { tracedWrite } from '../database/write';
import { InputCheck } from '../graphql/input-check';
import { Offer, OfferKind } from '../graphql/types';
import type { SubgraphName, SubgraphProfile } from '../partners';
import { authoriseWrite } from '../policy/writes';
import { badUserInput, illegalTransition } from '../server/errors';
import { organisationByCode } from './follow-up-writes';
import { OFFER_COLUMNS, toOffer, type OfferRow as SearchedOfferRow } from './offers';
import {
  checkRowId,
  CloseOfferInput,
  CreateOfferInput,
  UpdateOfferInput,
  type KitWriteContext,
} from './write-types';

/**
 * The kinds of solution each partner publishes (circulaire 2013-035): a CFA does not publish school places.
 */
export const PARTNER_OFFER_KINDS: Partial<Record<SubgraphName, readonly OfferKind[]>> = {
  'education-nationale': [
    OfferKind.SCHOOL_PLACE,
    OfferKind.MICRO_LYCEE,
    OfferKind.MLDS_ACTION,
    OfferKind.PAFI,
    OfferKind.SERVICE_CIVIQUE,
  ],
  'missions-locales': [OfferKind.SUPPORT_PROGRAMME, OfferKind.SERVICE_CIVIQUE],
  e2c: [OfferKind.E2C_PATHWAY],
  cfa: [OfferKind.APPRENTICESHIP, OfferKind.PREPARATORY_TRAINING],
  // CFPPA train apprentices as well as adults and pupils.
  agriculture: [OfferKind.AGRICULTURAL_TRAINING, OfferKind.APPRENTICESHIP],
};

/**
 * The bassins of the académie: the reference list psad's `territory` table is loaded from. A
 * partner subgraph holds no territory table of its own, and an offer must be findable by
 * `offers(filter: { territory })`, which only ever asks for these codes.
 */
const KNOWN_BASSINS = new Set(BASSINS.map((bassin) => bassin.code));

export const OFFER_LIMITS = {
  title: 200,
  track: 120,
  level: 60,
  commune: 100,
  capacity: 1000,
  ageMin: 14,
  ageMax: 30,
} as const;

/**
 * An offer row as `offers.ts` reads it, with what writes also need: its organisation's code and whether it is
 * closed.
 */
export interface OfferRow extends SearchedOfferRow {
  organisation_code: string;
  closed_at: Date | null;
}

/** Offers (`o`) with their organisation (`org`), as `OfferRow`s; add the WHERE clause. */
export const OFFER_SELECT = `SELECT ${OFFER_COLUMNS}, org.code AS organisation_code, o.closed_at
  FROM offer o JOIN organisation org ON org.id = o.organisation_id`;

/** An offer with its organisation; `lock` takes its row lock (reservations wait on it). */
export async function offerRow(
  db: DataSource | EntityManager,
  id: string,
  lock = false,
): Promise<OfferRow | null> {
  const rows: OfferRow[] = await db.query(
    `${OFFER_SELECT} WHERE o.id = $1${lock ? ' FOR UPDATE OF o' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * The offer mutations of a partner (`cfaCreateOffer`…). Offers are public (category OFFERS) and
 * about no one: the rule is that a partner's staff manage their own organisation's offers
 * (OFFER), and no person's trail is written.
 */
export function defineOfferWrites(profile: SubgraphProfile) {
  const prefix = profile.fieldPrefix;
  const names = {
    create: `${prefix}CreateOffer`,
    update: `${prefix}UpdateOffer`,
    close: `${prefix}CloseOffer`,
  };
  const kinds = PARTNER_OFFER_KINDS[profile.name] ?? [];
  const authorise = (
    context: KitWriteContext,
    mutation: string,
    rowOrganisation: string,
    rowBassin: string,
  ) =>
    authoriseWrite(context, {
      action: 'OFFER',
      owner: profile.partner,
      subject: null,
      field: `Mutation.${mutation}`,
      rowOrganisation,
      rowBassin,
    });
  const load = async (db: DataSource | EntityManager, id: string): Promise<Offer> => {
    const row = await offerRow(db, id);
    if (!row) throw new Error(`Offer ${id} vanished within its own write`);
    return toOffer(profile, row);
  };
  const offerOfInput = async (db: DataSource, id: string): Promise<OfferRow> => {
    const row = await offerRow(db, id);
    if (!row) throw badUserInput(`${profile.label} has no offer with this id`, 'input.offerId');
    return row;
  };

  @Resolver()
  class OfferWriteResolver {
    @Mutation(() => Offer, {
      name: names.create,
      description: `Publishes an offer of an organisation of ${profile.label} (by default the caller’s own).`,
    })
    async createOffer(
      @Arg('input', () => CreateOfferInput) input: CreateOfferInput,
      @Arg(IDEMPOTENCY_KEY_ARGUMENT, () => String, {
        nullable: true,
        description: IDEMPOTENCY_KEY_DESCRIPTION,
      })
      idempotencyKey: string | null,
      @Ctx() context: KitWriteContext,
    ): Promise<Offer> {
      const check = new InputCheck('input');
      const code = input.organisationCode ?? context.caller.org;
      const organisation = check.text('organisationCode', input.organisationCode, { max: 40 })
        ? await organisationByCode(context.db, code)
        : null;
      if (!organisation && !check.failed('organisationCode')) {
        check.fail(
          'organisationCode',
          input.organisationCode
            ? `${profile.label} has no organisation with this code`
            : `The caller’s organisation is not an organisation of ${profile.label}: give "organisationCode"`,
        );
      }
      if (!kinds.includes(input.kind))
        check.fail(
          'kind',
          `${profile.label} publishes offers of kind ${kinds.join(', ')}, not ${input.kind}`,
        );
      check.text('title', input.title, { max: OFFER_LIMITS.title, required: true });
      check.text('track', input.track, { max: OFFER_LIMITS.track });
      check.text('level', input.level, { max: OFFER_LIMITS.level });
      if (check.text('bassin', input.bassin, { max: 20, required: true }) && !KNOWN_BASSINS.has(input.bassin))
        check.fail(
          'bassin',
          `"${input.bassin.slice(0, 20)}" is not a bassin code of the académie (e.g. 38-GRE)`,
        );
      check.text('commune', input.commune, { max: OFFER_LIMITS.commune, required: true });
      check.integer('capacity', input.capacity, { min: 0, max: OFFER_LIMITS.capacity, required: true });
      const ages = [
        check.integer('ageMin', input.ageMin, {
          min: OFFER_LIMITS.ageMin,
          max: OFFER_LIMITS.ageMax,
          required: true,
        }),
        check.integer('ageMax', input.ageMax, {
          min: OFFER_LIMITS.ageMin,
          max: OFFER_LIMITS.ageMax,
          required: true,
        }),
      ];
      if (ages.every(Boolean) && input.ageMin > input.ageMax)
        check.fail('ageMax', `"ageMax" (${input.ageMax}) must not be below "ageMin" (${input.ageMin})`);
      check.localDate('startsOn', input.startsOn, { required: true });
      check.localDate('endsOn', input.endsOn);
      check.dateOrder('startsOn', input.startsOn, 'endsOn', input.endsOn);
      check.done();
      authorise(context, names.create, organisation!.code, input.bassin);
      return idempotentWrite(context, {
        operation: `Mutation.${names.create}`,
        key: idempotencyKey,
        request: input,
        write: async (manager) => {
          const id = randomUUID();
          await manager.query(
            `INSERT INTO offer (id, organisation_id, kind, title, track, level, bassin_code, commune, capacity, taken, age_min, age_max, starts_on, ends_on, audiences, created_by_sub, updated_by_sub)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, $13, $14, $15, $15)`,
            [
              id,
              organisation!.id,
              input.kind,
              input.title.trim(),
              input.track?.trim() ?? null,
              input.level?.trim() ?? null,
              input.bassin,
              input.commune.trim(),
              input.capacity,
              input.ageMin,
              input.ageMax,
              input.startsOn,
              input.endsOn ?? null,
              [...new Set(input.audiences ?? [])],
              context.caller.sub,
            ],
          );
          return { id, result: await load(manager, id) };
        },
        replay: (id, manager) => load(manager, id),
      });
    }

    @Mutation(() => Offer, {
      name: names.update,
      description:
        'Changes the capacity, dates or title of an open offer; the capacity never goes below the places already taken.',
    })
    async updateOffer(
      @Arg('input', () => UpdateOfferInput) input: UpdateOfferInput,
      @Ctx() context: KitWriteContext,
    ): Promise<Offer> {
      const check = new InputCheck('input');
      const id = checkRowId(check, 'offerId', input.offerId, profile, 'an offer');
      check.integer('capacity', input.capacity, { min: 0, max: OFFER_LIMITS.capacity });
      check.localDate('startsOn', input.startsOn);
      check.localDate('endsOn', input.endsOn);
      check.text('title', input.title, { max: OFFER_LIMITS.title });
      if (input.capacity == null && input.startsOn == null && input.endsOn == null && input.title == null)
        check.fail('capacity', 'Nothing to change: give "capacity", "startsOn", "endsOn" or "title"');
      check.done();
      const current = await offerOfInput(context.db, id!);
      authorise(context, names.update, current.organisation_code, current.bassin_code);
      return tracedWrite(context, async (manager) => {
        // The row lock makes reservations wait: the capacity is compared with the places really taken.
        const row = (await offerRow(manager, id!, true))!;
        if (row.closed_at !== null)
          throw badUserInput('This offer is closed: a closed offer is no longer changed', 'input.offerId');
        const later = new InputCheck('input');
        if (input.capacity != null && input.capacity < row.taken) {
          later.fail(
            'capacity',
            `"capacity" (${input.capacity}) must not be below the places already taken (${row.taken})`,
          );
        }
        const startsOn = input.startsOn ?? row.starts_on;
        const endsOn = input.endsOn ?? row.ends_on;
        if (endsOn !== null && endsOn < startsOn) {
          // Blame the field the caller sent: the other one is the offer's current value.
          const field = input.endsOn ? 'endsOn' : 'startsOn';
          later.fail(field, `The offer would end (${endsOn}) before it starts (${startsOn})`);
        }
        later.done();
        await manager.query(
          `UPDATE offer SET capacity = COALESCE($2, capacity), starts_on = $3, ends_on = $4, title = COALESCE($5, title), updated_by_sub = $6, updated_at = now() WHERE id = $1`,
          [id, input.capacity ?? null, startsOn, endsOn, input.title?.trim() ?? null, context.caller.sub],
        );
        return load(manager, id!);
      });
    }

    @Mutation(() => Offer, {
      name: names.close,
      description:
        'Closes an offer: it leaves `offers` and takes no more reservations; the places already reserved stay reserved.',
    })
    async closeOffer(
      @Arg('input', () => CloseOfferInput) input: CloseOfferInput,
      @Ctx() context: KitWriteContext,
    ): Promise<Offer> {
      const check = new InputCheck('input');
      const id = checkRowId(check, 'offerId', input.offerId, profile, 'an offer');
      check.done();
      const current = await offerOfInput(context.db, id!);
      authorise(context, names.close, current.organisation_code, current.bassin_code);
      return tracedWrite(context, async (manager) => {
        // One statement: of two concurrent closings, only one finds the offer open.
        const [rows] = (await manager.query(
          'UPDATE offer SET closed_at = $2, updated_by_sub = $3, updated_at = now() WHERE id = $1 AND closed_at IS NULL RETURNING id',
          [id, context.now(), context.caller.sub],
        )) as [unknown[], number];
        if (rows.length === 0) throw illegalTransition('This offer', 'CLOSED', 'CLOSED', []);
        return load(manager, id!);
      });
    }
  }

  return OfferWriteResolver;
}
