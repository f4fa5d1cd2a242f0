import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../../platform/database/constraints';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentWrite } from '../../../platform/database/idempotency';
import { tracedWrite } from '../../../platform/database/write';
import { recordFollowOpening } from '../../../platform/audit/follow-register';
import { earliestBirthDay, InputCheck } from '../../../platform/graphql/input-check';
import { LocalDate } from '../../../platform/graphql/types';
import { OrganisationRecord } from '../../../platform/partner-kit/entities';
import { SUBGRAPHS } from '../../../platform/partners';
import { parisDay } from '../../../platform/calendar';
import { attestedWriteSubject, type LocalFollowers } from '../../../platform/policy/subject';
import {
  authoriseWrite,
  authoriseWriteOperation,
  authoriseWriteRow,
  refuseUnknownPerson,
} from '../../../platform/policy/writes';
import { badUserInput } from '../../../platform/server/errors';
import { PjjSignalRecord } from '../entities';
import { currentSignal } from '../events';
import type { PjjContext } from '../loaders';
import { PjjSignal } from '../types/signal.type';
import { toPjjSignal } from './signal.resolver';
import { signalUnit } from '../events';

const PROFILE = SUBGRAPHS.pjj;
const alreadyPublished = () =>
  badUserInput(
    'Your unit already publishes a signal for this person: withdraw it before publishing another',
    'input.youngId',
  );
/** The same shape as the table's CHECK: a phone number, nothing else fits in this column. */
const PHONE = /^\+?[0-9][0-9 .-]{5,19}$/;

@InputType({
  description: 'A signal the PJJ decides to publish: a follow-up is active, and whom to contact. Never why.',
})
export class PublishPjjSignalInput {
  @Field(() => ID)
  youngId: string;

  @Field({ description: 'The educator to contact.' })
  contactName: string;

  @Field()
  contactPhone: string;

  @Field(() => LocalDate, { nullable: true, description: 'Default: today (Paris). Not in the future.' })
  publishedOn?: string | null;
}

@InputType()
export class WithdrawPjjSignalInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Default: today (Paris); from that day the hub no longer shows the signal.',
  })
  withdrawnOn?: string | null;
}

@ObjectType({ description: 'The end of a published signal: from `withdrawnOn` the hub shows nothing of it.' })
export class PjjSignalWithdrawal {
  @Field(() => ID)
  youngId: string;

  @Field(() => LocalDate)
  withdrawnOn: string;
}

/** The caller's unit: a PJJ educator publishes for their own unit only (`org` is the unit's code). */
async function callerUnit(manager: EntityManager, code: string): Promise<OrganisationRecord> {
  const unit = await manager.getRepository(OrganisationRecord).findOneBy({ code });
  if (!unit)
    throw badUserInput(`Your organisation (${code.slice(0, 40)}) is not a PJJ unit known to the hub`, 'org');
  return unit;
}

/** A signal of this unit in force for this person today, if any. */
async function signalInForce(
  manager: EntityManager,
  youngId: string,
  unit: OrganisationRecord,
  today: string,
): Promise<PjjSignalRecord | null> {
  const signals = await manager
    .getRepository(PjjSignalRecord)
    .find({ where: { youngId, unitId: unit.id }, order: { publishedOn: 'ASC', id: 'ASC' } });
  return currentSignal(signals, today);
}

/**
 * Checks the input; then the caller's role, purpose and habilitation; then the record — the
 * caller's unit, and for a withdrawal its signal in force for this person — before the person is
 * looked up, so that no answer depends on who they are or whether they exist; then the policy on
 * psad's attestation of the person. Nothing is written on a refusal. Returns the caller's unit.
 */
async function authorise(
  action: 'PJJ_SIGNAL_PUBLICATION' | 'PJJ_SIGNAL',
  field: string,
  rawYoungId: string,
  context: PjjContext,
  check: InputCheck,
  record: (unit: OrganisationRecord, youngId: string) => Promise<void> = async () => undefined,
  dated?: { field: string; day: string | null | undefined },
): Promise<OrganisationRecord> {
  check.hubId('youngId', rawYoungId);
  check.done();
  const youngId = rawYoungId.toLowerCase();
  authoriseWriteOperation(context, { action, field, youngId });
  const unit = await callerUnit(context.db.manager, context.caller.org);
  authoriseWriteRow(context, { action, owner: PROFILE.partner, field, rowOrganisation: unit.code, youngId });
  await record(unit, youngId);
  const subject = await attestedWriteSubject(PROFILE, context, youngId, signalUnit as LocalFollowers);
  if (!subject) refuseUnknownPerson(context, { action, field, youngId });
  authoriseWrite(context, { action, owner: PROFILE.partner, subject, field, rowOrganisation: unit.code });
  // The day the input gives, not before the person's birth as far as psad's attested age tells.
  const born = new InputCheck('input');
  born.notBeforeBirth(dated?.field ?? '', dated?.day, earliestBirthDay(subject.age, parisDay(context.now())));
  born.done();
  return unit;
}

@Resolver()
export class PjjSignalWriteResolver {
  @Mutation(() => PjjSignal, {
    description:
      'Publishes that a PJJ follow-up of this person is active, and whom to contact (pjj-educator of the unit). One signal in force per unit and person.',
  })
  async pjjPublishSignal(
    @Arg('input', () => PublishPjjSignalInput) input: PublishPjjSignalInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() context: PjjContext,
  ): Promise<PjjSignal> {
    const today = parisDay(context.now());
    const check = new InputCheck('input');
    check.text('contactName', input.contactName, { max: 120, required: true });
    if (
      check.text('contactPhone', input.contactPhone, { max: 20, required: true }) &&
      !PHONE.test(input.contactPhone)
    )
      check.fail('contactPhone', '"contactPhone" must be a phone number');
    if (check.localDate('publishedOn', input.publishedOn) && input.publishedOn && input.publishedOn > today)
      check.fail('publishedOn', `"publishedOn" must not be after today (${today})`);
    const unit = await authorise(
      'PJJ_SIGNAL_PUBLICATION',
      'Mutation.pjjPublishSignal',
      input.youngId,
      context,
      check,
      undefined,
      { field: 'publishedOn', day: input.publishedOn },
    );
    const youngId = input.youngId.toLowerCase();
    return idempotentWrite(context, {
      operation: 'Mutation.pjjPublishSignal',
      key: idempotencyKey,
      request: input,
      write: async (manager) => {
        if (await signalInForce(manager, youngId, unit, today)) throw alreadyPublished();
        const record = Object.assign(new PjjSignalRecord(), {
          id: randomUUID(),
          youngId,
          unitId: unit.id,
          contactName: input.contactName.trim(),
          contactPhone: input.contactPhone.trim(),
          publishedOn: input.publishedOn ?? today,
          withdrawnOn: null,
        });
        try {
          await manager.getRepository(PjjSignalRecord).insert(record);
        } catch (error) {
          // Two publications at once: the index on the signal in force lets one through.
          if (isUniqueViolation(error, 'pjj_signal_in_force_idx')) throw alreadyPublished();
          throw error;
        }
        // The mandate itself never enters the hub: the register says on what, not which measure.
        await recordFollowOpening(manager, context, {
          youngId,
          followerOrg: unit.code,
          grounds: 'PJJ_MANDATE',
          groundsReference: null,
          operation: 'Mutation.pjjPublishSignal',
        });
        return { id: record.id, result: toPjjSignal(record) };
      },
      replay: async (id, manager) =>
        toPjjSignal(await manager.getRepository(PjjSignalRecord).findOneByOrFail({ id })),
    });
  }

  @Mutation(() => PjjSignalWithdrawal, {
    description:
      'Withdraws the signal the caller’s unit publishes for this person: the hub stops showing it that day.',
  })
  async pjjWithdrawSignal(
    @Arg('input', () => WithdrawPjjSignalInput) input: WithdrawPjjSignalInput,
    @Ctx() context: PjjContext,
  ): Promise<PjjSignalWithdrawal> {
    const today = parisDay(context.now());
    const check = new InputCheck('input');
    if (check.localDate('withdrawnOn', input.withdrawnOn) && input.withdrawnOn && input.withdrawnOn > today)
      check.fail('withdrawnOn', `"withdrawnOn" must not be after today (${today})`);
    const noSignal = () =>
      badUserInput('Your unit publishes no signal in force for this person', 'input.youngId');
    const unit = await authorise(
      'PJJ_SIGNAL',
      'Mutation.pjjWithdrawSignal',
      input.youngId,
      context,
      check,
      async (ownUnit, youngId) => {
        // The same answer for a person without this unit's signal, whoever they are, or if nobody has this
        // hub id.
        if (!(await signalInForce(context.db.manager, youngId, ownUnit, today))) throw noSignal();
      },
      { field: 'withdrawnOn', day: input.withdrawnOn },
    );
    const youngId = input.youngId.toLowerCase();
    const withdrawnOn = input.withdrawnOn ?? today;
    return tracedWrite(context, async (manager) => {
      // One statement: of two concurrent withdrawals, only one finds the signal in force.
      const [rows] = (await manager.query(
        `UPDATE pjj_signal SET withdrawn_on = greatest($3::date, published_on)
          WHERE young_id = $1 AND unit_id = $2 AND published_on <= $4::date AND (withdrawn_on IS NULL OR withdrawn_on > $4::date)
          RETURNING to_char(withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on`,
        [youngId, unit.id, withdrawnOn, today],
      )) as [{ withdrawn_on: string }[], number];
      if (rows.length === 0) throw noSignal();
      return { youngId, withdrawnOn: rows[0].withdrawn_on };
    });
  }
}
