import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/constraints';
import {
  IDEMPOTENCY_KEY_ARGUMENT,
  IDEMPOTENCY_KEY_DESCRIPTION,
  idempotentWrite,
} from '../database/idempotency';
import { tracedWrite } from '../database/write';
import { policyGrounds, recordFollowOpening } from '../audit/follow-register';
import { earliestBirthDay, InputCheck } from '../graphql/input-check';
import type { SubgraphProfile } from '../partners';
import { parisDay } from '../calendar';
import type { LocalFollowers } from '../policy/subject';
import type { Subject } from '../policy/types';
import type { WriteAction } from '../policy/rules';
import { authoriseWrite, authoriseWriteOperation, authoriseWriteRow } from '../policy/writes';
import { badUserInput, illegalTransition } from '../server/errors';
import { FollowUpRecord } from './entities';
import { FollowUp, FollowUpEvent, toFollowUp } from './follow-ups';
import { globalId } from './offers';
import {
  checkInstant,
  checkNotFuture,
  checkRowId,
  CloseFollowUpInput,
  FOLLOW_UP_EVENT_KINDS,
  OpenFollowUpInput,
  RecordFollowUpEventInput,
  UpdateFollowUpInput,
  writeSubject,
  type KitWriteContext,
} from './write-types';

const PROGRAMME_MAX = 120;
const EVENT_SUMMARY_MAX = 300;

interface FollowUpRow {
  id: string;
  young_id: string;
  organisation_id: string;
  organisation_code: string;
  offer_id: string | null;
  programme: string;
  opened_on: string;
  closed_on: string | null;
  outcome: string | null;
}

const FOLLOW_UP_COLUMNS = `f.id, f.young_id, f.organisation_id, org.code AS organisation_code, f.offer_id, f.programme,
  to_char(f.opened_on, 'YYYY-MM-DD') AS opened_on, to_char(f.closed_on, 'YYYY-MM-DD') AS closed_on, f.outcome`;

function recordOf(row: FollowUpRow): FollowUpRecord {
  return Object.assign(new FollowUpRecord(), {
    id: row.id,
    youngId: row.young_id,
    organisationId: row.organisation_id,
    offerId: row.offer_id,
    programme: row.programme,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    outcome: row.outcome,
  });
}

/**
 * A follow-up with its organisation's code; `lock` takes its row lock, so that checks and write see the same
 * state.
 */
async function followUpRow(
  db: DataSource | EntityManager,
  id: string,
  lock = false,
): Promise<FollowUpRow | null> {
  const rows: FollowUpRow[] = await db.query(
    `SELECT ${FOLLOW_UP_COLUMNS} FROM follow_up f JOIN organisation org ON org.id = f.organisation_id WHERE f.id = $1${lock ? ' FOR UPDATE OF f' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * The follow-up the input names, provided it is this person's: otherwise the same answer whether or not it
 * exists.
 */
async function followUpOfPerson(db: DataSource, id: string, youngId: string): Promise<FollowUpRow> {
  const row = await followUpRow(db, id);
  if (!row || row.young_id !== youngId)
    throw badUserInput('This person has no follow-up with this id here', 'input.followUpId');
  return row;
}

/** The Paris days of a follow-up's first and last recorded steps (null when none). */
async function eventSpan(
  manager: EntityManager,
  followUpId: string,
): Promise<{ first: string | null; last: string | null }> {
  const [span]: { first: string | null; last: string | null }[] = await manager.query(
    `SELECT to_char(min(at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS first, to_char(max(at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS last
       FROM follow_up_event WHERE follow_up_id = $1`,
    [followUpId],
  );
  return span;
}

/** The organisation of this partner with this code, if any. */
export async function organisationByCode(
  db: DataSource | EntityManager,
  code: string,
): Promise<{ id: string; code: string; name: string } | null> {
  const rows: { id: string; code: string; name: string }[] = await db.query(
    'SELECT id, code, name FROM organisation WHERE code = $1',
    [code],
  );
  return rows[0] ?? null;
}

/**
 * An opening day not before the person's birth, as far as psad's attested age tells (the later steps and
 * the closing are not before the opening); checked once the caller may write about the person.
 */
function checkAfterBirth(openedOn: string | null | undefined, subject: Subject, now: Date): void {
  const check = new InputCheck('input');
  check.notBeforeBirth('openedOn', openedOn, earliestBirthDay(subject.age, parisDay(now)));
  check.done();
}

/** Whether this partner holds an offer with this local id. */
async function offerExists(db: DataSource, id: string): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM offer WHERE id = $1', [id]);
  return rows.length > 0;
}

/**
 * The follow-up mutations of a partner, named with its prefix (`cfaOpenFollowUp`…): a root
 * mutation is routed to exactly one subgraph, and each partner writes only its own rows. Each
 * is authorised once (FOLLOW_UP: the partner's staff, for their own organisation's follow-ups),
 * validated before anything is written, and written in one transaction.
 */
export function defineFollowUpWrites(profile: SubgraphProfile, localFollowers: LocalFollowers) {
  const prefix = profile.fieldPrefix;
  const names = {
    open: `${prefix}OpenFollowUp`,
    update: `${prefix}UpdateFollowUp`,
    close: `${prefix}CloseFollowUp`,
    event: `${prefix}RecordFollowUpEvent`,
  };
  const authorise = (
    context: KitWriteContext,
    mutation: string,
    subject: Subject,
    rowOrganisation: string | null,
    action: WriteAction = 'FOLLOW_UP',
  ) =>
    authoriseWrite(context, {
      action,
      owner: profile.partner,
      subject,
      field: `Mutation.${mutation}`,
      rowOrganisation,
    });

  const replayFollowUp = async (id: string, manager: EntityManager): Promise<FollowUp> => {
    const row = await followUpRow(manager, id);
    if (!row) throw new Error(`An idempotent write refers to a missing follow-up ${id}`);
    return toFollowUp(profile, recordOf(row), row.organisation_code);
  };

  @Resolver()
  class FollowUpWriteResolver {
    @Mutation(() => FollowUp, {
      name: names.open,
      description: `Opens a follow-up of a young person by the caller’s own organisation (an organisation of ${profile.label}): from now on it follows the person.`,
    })
    async openFollowUp(
      @Arg('input', () => OpenFollowUpInput) input: OpenFollowUpInput,
      @Arg(IDEMPOTENCY_KEY_ARGUMENT, () => String, {
        nullable: true,
        description: IDEMPOTENCY_KEY_DESCRIPTION,
      })
      idempotencyKey: string | null,
      @Ctx() context: KitWriteContext,
    ): Promise<FollowUp> {
      const check = new InputCheck('input');
      check.hubId('youngId', input.youngId);
      check.text('programme', input.programme, { max: PROGRAMME_MAX, required: true });
      if (check.localDate('openedOn', input.openedOn, { required: true }))
        checkNotFuture(check, 'openedOn', input.openedOn, context.now());
      const offerId =
        input.offerId === null || input.offerId === undefined
          ? null
          : checkRowId(check, 'offerId', input.offerId, profile, 'an offer');
      if (offerId && !(await offerExists(context.db, offerId)))
        check.fail('offerId', `${profile.label} has no offer with this id`);
      check.done();
      const youngId = input.youngId.toLowerCase();
      const field = `Mutation.${names.open}`;
      // The follow-up is the caller's organisation's: decided on it first, before the person is looked up.
      authoriseWriteOperation(context, { action: 'FOLLOW_UP_OPENING', field, youngId });
      const organisation = await organisationByCode(context.db, context.caller.org);
      const notOurs = (extensions: GraphQLError['extensions']) =>
        new GraphQLError(
          `The caller’s organisation is not an organisation of ${profile.label}: a follow-up is opened by one of its own organisations`,
          { extensions },
        );
      try {
        authoriseWriteRow(context, {
          action: 'FOLLOW_UP_OPENING',
          owner: profile.partner,
          field,
          rowOrganisation: organisation?.code ?? null,
          youngId,
        });
      } catch (error) {
        // Say why plainly: the caller's organisation is not one this partner knows.
        if (
          !organisation &&
          error instanceof GraphQLError &&
          error.extensions.reason === 'NOT_OWN_ORGANISATION'
        )
          throw notOurs(error.extensions);
        throw error;
      }
      const subject = await writeSubject(profile, context, youngId, localFollowers, {
        action: 'FOLLOW_UP_OPENING',
        field,
      });
      authorise(context, names.open, subject, organisation?.code ?? null, 'FOLLOW_UP_OPENING');
      checkAfterBirth(input.openedOn, subject, context.now());
      // Every FOLLOW_UP_OPENING grant requires OWN_ORGANISATION today; should one ever not, the follow-up
      // still needs an organisation of this partner.
      if (!organisation)
        throw notOurs({
          code: 'FORBIDDEN',
          reason: 'NOT_OWN_ORGANISATION',
          category: 'FOLLOW_UP_SUMMARY',
          field: `Mutation.${names.open}`,
        });
      const opened = await idempotentWrite(context, {
        operation: `Mutation.${names.open}`,
        key: idempotencyKey,
        request: input,
        write: async (manager) => {
          const id = randomUUID();
          const alreadyOpen = () =>
            badUserInput(
              'Your organisation already follows this person: record on that follow-up, or close it before opening another',
              'input.youngId',
            );
          const open: unknown[] = await manager.query(
            'SELECT 1 FROM follow_up WHERE young_id = $1 AND organisation_id = $2 AND closed_on IS NULL',
            [youngId, organisation.id],
          );
          if (open.length > 0) throw alreadyOpen();
          try {
            await manager.query(
              `INSERT INTO follow_up (id, young_id, organisation_id, offer_id, programme, opened_on, closed_on, outcome, opened_by_sub)
               VALUES ($1, $2, $3, $4, $5, $6, NULL, 'IN_PROGRESS', $7)`,
              [
                id,
                youngId,
                organisation.id,
                offerId,
                input.programme.trim(),
                input.openedOn,
                context.caller.sub,
              ],
            );
          } catch (error) {
            // Two openings at once: the index on the open follow-up lets one through.
            if (isUniqueViolation(error, 'follow_up_open_per_organisation_idx')) throw alreadyOpen();
            throw error;
          }
          // The DPO's register: GROUNDED allowed the write, so the grounds are known (a referral's id is psad's).
          await recordFollowOpening(manager, context, {
            youngId,
            followerOrg: organisation.code,
            grounds: policyGrounds(context.caller, subject),
            groundsReference: null,
            operation: field,
          });
          return { id, result: await replayFollowUp(id, manager) };
        },
        replay: replayFollowUp,
      });
      // The caller's organisation follows the person now: what the response shows is decided on that.
      context.subjects.set(youngId, {
        ...subject,
        followers: [...new Set([...subject.followers, context.caller.org])].sort(),
      });
      return opened;
    }

    @Mutation(() => FollowUp, {
      name: names.update,
      description:
        'Changes the programme, opening day or offer of an open follow-up of the caller’s own organisation.',
    })
    async updateFollowUp(
      @Arg('input', () => UpdateFollowUpInput) input: UpdateFollowUpInput,
      @Ctx() context: KitWriteContext,
    ): Promise<FollowUp> {
      const check = new InputCheck('input');
      check.hubId('youngId', input.youngId);
      const id = checkRowId(check, 'followUpId', input.followUpId, profile, 'a follow-up');
      check.text('programme', input.programme, { max: PROGRAMME_MAX });
      if (check.localDate('openedOn', input.openedOn))
        checkNotFuture(check, 'openedOn', input.openedOn, context.now());
      const offerId =
        input.offerId === null || input.offerId === undefined
          ? null
          : checkRowId(check, 'offerId', input.offerId, profile, 'an offer');
      if (offerId && !(await offerExists(context.db, offerId)))
        check.fail('offerId', `${profile.label} has no offer with this id`);
      if (input.programme == null && input.openedOn == null && input.offerId == null)
        check.fail('programme', 'Nothing to change: give "programme", "openedOn" or "offerId"');
      check.done();
      const youngId = input.youngId.toLowerCase();
      // The row first: a follow-up this person does not have gets the same answer whoever the person is, or
      // whether they exist.
      authoriseWriteOperation(context, { action: 'FOLLOW_UP', field: `Mutation.${names.update}`, youngId });
      const current = await followUpOfPerson(context.db, id!, youngId);
      const subject = await writeSubject(profile, context, youngId, localFollowers, {
        action: 'FOLLOW_UP',
        field: `Mutation.${names.update}`,
      });
      authorise(context, names.update, subject, current.organisation_code);
      checkAfterBirth(input.openedOn, subject, context.now());
      return tracedWrite(context, async (manager) => {
        const row = (await followUpRow(manager, id!, true))!;
        if (row.closed_on !== null)
          throw badUserInput(
            'This follow-up is closed: a closed follow-up is no longer changed',
            'input.followUpId',
          );
        if (input.openedOn) {
          const later = new InputCheck('input');
          const { first } = await eventSpan(manager, id!);
          if (first !== null && input.openedOn > first)
            later.fail(
              'openedOn',
              `"openedOn" (${input.openedOn}) must not be after the follow-up’s first recorded step (${first})`,
            );
          later.done();
        }
        await manager.query(
          `UPDATE follow_up SET programme = COALESCE($2, programme), opened_on = COALESCE($3::date, opened_on), offer_id = COALESCE($4::uuid, offer_id), updated_by_sub = $5
            WHERE id = $1`,
          [id, input.programme?.trim() ?? null, input.openedOn ?? null, offerId, context.caller.sub],
        );
        return replayFollowUp(id!, manager);
      });
    }

    @Mutation(() => FollowUp, {
      name: names.close,
      description:
        'Closes an open follow-up of the caller’s own organisation with its outcome; a closed follow-up stays closed.',
    })
    async closeFollowUp(
      @Arg('input', () => CloseFollowUpInput) input: CloseFollowUpInput,
      @Ctx() context: KitWriteContext,
    ): Promise<FollowUp> {
      const check = new InputCheck('input');
      check.hubId('youngId', input.youngId);
      const id = checkRowId(check, 'followUpId', input.followUpId, profile, 'a follow-up');
      if (check.localDate('closedOn', input.closedOn, { required: true }))
        checkNotFuture(check, 'closedOn', input.closedOn, context.now());
      check.done();
      const youngId = input.youngId.toLowerCase();
      // The row first: a follow-up this person does not have gets the same answer whoever the person is, or
      // whether they exist.
      authoriseWriteOperation(context, { action: 'FOLLOW_UP', field: `Mutation.${names.close}`, youngId });
      const current = await followUpOfPerson(context.db, id!, youngId);
      const subject = await writeSubject(profile, context, youngId, localFollowers, {
        action: 'FOLLOW_UP',
        field: `Mutation.${names.close}`,
      });
      authorise(context, names.close, subject, current.organisation_code);
      return tracedWrite(context, async (manager) => {
        const row = (await followUpRow(manager, id!, true))!;
        if (row.closed_on !== null) throw illegalTransition('This follow-up', 'CLOSED', 'CLOSED', []);
        const later = new InputCheck('input');
        if (later.dateOrder('openedOn', row.opened_on, 'closedOn', input.closedOn)) {
          const { last } = await eventSpan(manager, id!);
          if (last !== null && input.closedOn < last)
            later.fail(
              'closedOn',
              `"closedOn" (${input.closedOn}) must not be before the follow-up’s last recorded step (${last})`,
            );
        }
        later.done();
        await manager.query(
          `UPDATE follow_up SET closed_on = $2, outcome = $3, closed_by_sub = $4 WHERE id = $1 AND closed_on IS NULL`,
          [id, input.closedOn, input.outcome, context.caller.sub],
        );
        return replayFollowUp(id!, manager);
      });
    }

    @Mutation(() => FollowUpEvent, {
      name: names.event,
      description:
        'Records a dated step of a follow-up of the caller’s own organisation (interview, programme entry, training, exit): it shows in the trajectory at once.',
    })
    async recordFollowUpEvent(
      @Arg('input', () => RecordFollowUpEventInput) input: RecordFollowUpEventInput,
      @Arg(IDEMPOTENCY_KEY_ARGUMENT, () => String, {
        nullable: true,
        description: IDEMPOTENCY_KEY_DESCRIPTION,
      })
      idempotencyKey: string | null,
      @Ctx() context: KitWriteContext,
    ): Promise<FollowUpEvent> {
      const check = new InputCheck('input');
      check.hubId('youngId', input.youngId);
      const id = checkRowId(check, 'followUpId', input.followUpId, profile, 'a follow-up');
      const at = checkInstant(check, 'at', input.at);
      if (at && at.getTime() > context.now().getTime())
        check.fail('at', `"at" (${input.at}) must not be in the future`);
      if (!FOLLOW_UP_EVENT_KINDS.includes(input.kind))
        check.fail(
          'kind',
          `"kind" must be one of ${FOLLOW_UP_EVENT_KINDS.join(', ')} for a follow-up, got ${input.kind}`,
        );
      check.text('summary', input.summary, { max: EVENT_SUMMARY_MAX, required: true });
      check.done();
      const youngId = input.youngId.toLowerCase();
      // The row first: a follow-up this person does not have gets the same answer whoever the person is, or
      // whether they exist.
      authoriseWriteOperation(context, { action: 'FOLLOW_UP', field: `Mutation.${names.event}`, youngId });
      const current = await followUpOfPerson(context.db, id!, youngId);
      const subject = await writeSubject(profile, context, youngId, localFollowers, {
        action: 'FOLLOW_UP',
        field: `Mutation.${names.event}`,
      });
      authorise(context, names.event, subject, current.organisation_code);
      const toEvent = (row: { id: string; at: Date; kind: string; summary: string }): FollowUpEvent => ({
        id: globalId(profile, row.id),
        at: row.at,
        kind: row.kind,
        summary: row.summary,
      });
      return idempotentWrite(context, {
        operation: `Mutation.${names.event}`,
        key: idempotencyKey,
        request: input,
        write: async (manager) => {
          const row = (await followUpRow(manager, id!, true))!;
          const day = parisDay(at!);
          const later = new InputCheck('input');
          if (day < row.opened_on)
            later.fail('at', `"at" (${day}) must not be before the follow-up’s opening (${row.opened_on})`);
          else if (row.closed_on !== null && day > row.closed_on)
            later.fail('at', `"at" (${day}) must not be after the follow-up’s closing (${row.closed_on})`);
          later.done();
          const eventId = randomUUID();
          await manager.query(
            `INSERT INTO follow_up_event (id, follow_up_id, young_id, at, kind, summary, recorded_by_sub, recorded_by_org) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              eventId,
              id,
              youngId,
              at,
              input.kind,
              input.summary.trim(),
              context.caller.sub,
              context.caller.org,
            ],
          );
          return {
            id: eventId,
            result: toEvent({ id: eventId, at: at!, kind: input.kind, summary: input.summary.trim() }),
          };
        },
        replay: async (eventId, manager) => {
          const [row]: { id: string; at: Date; kind: string; summary: string }[] = await manager.query(
            'SELECT id, at, kind, summary FROM follow_up_event WHERE id = $1',
            [eventId],
          );
          if (!row) throw new Error(`An idempotent write refers to a missing follow-up event ${eventId}`);
          return toEvent(row);
        },
      });
    }
  }

  return FollowUpWriteResolver;
}
