import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { isUniqueViolation } from '../../../platform/database/constraints';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentWrite } from '../../../platform/database/idempotency';
import { tracedWrite } from '../../../platform/database/write';
import { InputCheck } from '../../../platform/graphql/input-check';
import { Partner } from '../../../platform/partners';
import type { WriteAction } from '../../../platform/policy/rules';
import {
  authoriseWrite,
  authoriseWriteOperation,
  authoriseWriteRow,
  refuseUnknownPerson,
} from '../../../platform/policy/writes';
import { badUserInput, illegalTransition } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import { ReferralRecord, YoungRecord } from '../entities';
import { knownOrganisation } from '../organisations';
import type { PsadLoaders } from '../loaders';
import { subjectOf } from '../subject';
import {
  DecideReferralInput,
  Referral,
  ReferralReason,
  ReferralStatus,
  ReferYoungInput,
} from '../types/referral.type';
import type { Young } from '../types/young.type';
import { toYoung } from './young.resolver';

type Context = SubgraphContext<PsadLoaders>;

async function toReferral(record: ReferralRecord, loaders: PsadLoaders): Promise<Referral> {
  const organisation = await knownOrganisation(record.toOrg, loaders);
  return {
    id: record.id,
    youngId: record.youngId,
    fromOrganisation: record.fromOrg,
    toOrganisation: record.toOrg,
    toOrganisationName: organisation?.name ?? record.toOrg,
    reason: record.reason as ReferralReason,
    status: record.status as ReferralStatus,
    proposedAt: record.proposedAt,
    decidedAt: record.decidedAt,
  };
}

/**
 * Looks the person up and decides the write on their subject, as every psad write does; an id nobody
 * has gets what a person out of reach gets. The attempt goes to psad's trail.
 */
async function authorisePerson(
  action: WriteAction,
  field: string,
  youngId: string,
  context: Context,
  rowOrganisation?: string,
): Promise<Young> {
  const record = await context.db.getRepository(YoungRecord).findOneBy({ id: youngId });
  if (!record) refuseUnknownPerson(context, { action, field, youngId });
  const young = toYoung(record);
  const subject = await subjectOf(young, context, context.now());
  authoriseWrite(context, { action, owner: Partner.PSAD, subject, field, rowOrganisation });
  return young;
}

/** The facts after the write: an accepted referral is grounds for its organisation from now on. */
async function afterWrite<T>(young: Young, context: Context, result: T): Promise<T> {
  context.loaders.referralsByYoung.clear(young.id);
  context.subjects.set(young.id, await subjectOf(young, context, context.now()));
  return result;
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Mutation(() => Referral, {
    description:
      'Refers a young person of the caller’s perimeter (fiche de liaison) to an organisation the hub knows, for a kind of solution. ' +
      'For a PSAD coordinator or a FOQUALE network of the person’s territory. It opens nothing by itself: once the organisation’s staff ' +
      'accept it, that organisation may begin following the person.',
  })
  async referYoung(
    @Arg('input', () => ReferYoungInput) input: ReferYoungInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<Referral> {
    const field = 'Mutation.referYoung';
    const check = new InputCheck('input');
    check.hubId('youngId', input.youngId);
    const organisation = await knownOrganisation(input.toOrganisation, context.loaders);
    if (!organisation)
      check.fail(
        'toOrganisation',
        `"toOrganisation" must be the code of an organisation the hub knows, got "${input.toOrganisation.slice(0, 40)}"`,
      );
    else if (organisation.code === context.caller.org)
      check.fail('toOrganisation', 'A referral is addressed to another organisation than the caller’s');
    check.done();
    const youngId = input.youngId.toLowerCase();
    authoriseWriteOperation(context, { action: 'REFERRAL', field, youngId });
    const young = await authorisePerson('REFERRAL', field, youngId, context);
    const result = await idempotentWrite(context, {
      operation: field,
      key: idempotencyKey,
      request: input,
      write: async (manager) => {
        const record = Object.assign(new ReferralRecord(), {
          id: randomUUID(),
          youngId,
          fromOrg: context.caller.org,
          fromRole: context.caller.role,
          fromSub: context.caller.sub,
          toOrg: organisation!.code,
          reason: input.reason,
          status: ReferralStatus.PROPOSED,
          proposedAt: context.now(),
          decidedAt: null,
          decidedBySub: null,
        });
        try {
          await manager.insert(ReferralRecord, record);
        } catch (error) {
          if (isUniqueViolation(error, 'referral_pending_idx'))
            throw badUserInput(
              'A referral of this person to this organisation already awaits its answer',
              'input.toOrganisation',
            );
          throw error;
        }
        return { id: record.id, result: await toReferral(record, context.loaders) };
      },
      replay: async (id, manager) =>
        toReferral(await manager.findOneByOrFail(ReferralRecord, { id }), context.loaders),
    });
    return afterWrite(young, context, result);
  }

  @Mutation(() => Referral, {
    description:
      'Accepts a referral addressed to the caller’s organisation: from now on that organisation has grounds to begin following the person.',
  })
  acceptReferral(
    @Arg('input', () => DecideReferralInput) input: DecideReferralInput,
    @Ctx() context: Context,
  ): Promise<Referral> {
    return decide(input, ReferralStatus.ACCEPTED, 'Mutation.acceptReferral', context);
  }

  @Mutation(() => Referral, {
    description: 'Declines a referral addressed to the caller’s organisation.',
  })
  declineReferral(
    @Arg('input', () => DecideReferralInput) input: DecideReferralInput,
    @Ctx() context: Context,
  ): Promise<Referral> {
    return decide(input, ReferralStatus.DECLINED, 'Mutation.declineReferral', context);
  }
}

/**
 * Answers a referral: the operation, then the referral (it must be this person's, and addressed to the
 * caller's organisation), then the person; a referral answered already cannot be answered again.
 */
async function decide(
  input: DecideReferralInput,
  to: ReferralStatus,
  field: string,
  context: Context,
): Promise<Referral> {
  const check = new InputCheck('input');
  check.hubId('youngId', input.youngId);
  check.hubId('referralId', input.referralId);
  check.done();
  const youngId = input.youngId.toLowerCase();
  authoriseWriteOperation(context, { action: 'REFERRAL_DECISION', field, youngId });
  const referral = await context.db.getRepository(ReferralRecord).findOneBy({ id: input.referralId });
  if (!referral || referral.youngId !== youngId)
    throw badUserInput('This person has no referral with this id', 'input.referralId');
  authoriseWriteRow(context, {
    action: 'REFERRAL_DECISION',
    owner: Partner.PSAD,
    field,
    rowOrganisation: referral.toOrg,
    youngId,
  });
  const young = await authorisePerson('REFERRAL_DECISION', field, youngId, context, referral.toOrg);
  const result = await tracedWrite(context, async (manager) => {
    const [rows] = (await manager.query(
      `UPDATE referral SET status = $2, decided_at = $3, decided_by_sub = $4 WHERE id = $1 AND status = 'PROPOSED' RETURNING id`,
      [referral.id, to, context.now(), context.caller.sub],
    )) as [{ id: string }[], number];
    if (rows.length === 0) {
      const current = await manager.findOneByOrFail(ReferralRecord, { id: referral.id });
      throw illegalTransition('This referral', current.status, to, []);
    }
    return toReferral(await manager.findOneByOrFail(ReferralRecord, { id: referral.id }), context.loaders);
  });
  return afterWrite(young, context, result);
}
