import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { In, IsNull, type DataSource } from 'typeorm';
import type DataLoader from 'dataloader';
import type { Caller, Role } from '../../../platform/auth/claims';
import { isUniqueViolation } from '../../../platform/database/constraints';
import { tracedWrite } from '../../../platform/database/write';
import { groupLoader, isHubId } from '../../../platform/database/loaders';
import { Partner } from '../../../platform/partners';
import type { RefusalReason } from '../../../platform/policy/types';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import { OppositionRecord } from '../entities';
import type { PsadLoaders } from '../loaders';
import { Opposition, OPPOSITION_CATEGORY } from '../types/opposition.type';
import { Category } from '../../../platform/policy/category';
import { Young } from '../types/young.type';

type Context = SubgraphContext<PsadLoaders>;

/**
 * Who may record or withdraw an opposition: the person themself (RGPD art. 21), or the DPO on
 * their behalf (a request received by post or at a counter). Nobody else, whatever their role:
 * a professional cannot oppose for the person, nor lift the person's opposition.
 */
const EXERCISED_BY: readonly Role[] = ['young', 'dpo'];

export function toOpposition(record: OppositionRecord): Opposition {
  return {
    id: record.id,
    partner: record.partner as Partner,
    recordedAt: record.recordedAt,
    withdrawnAt: record.withdrawnAt,
    inForce: record.withdrawnAt === null,
  };
}

function refused(field: string, reason: RefusalReason): GraphQLError {
  return new GraphQLError(`Access to ${field} (${OPPOSITION_CATEGORY}) is refused: ${reason}`, {
    extensions: { code: 'FORBIDDEN', reason, category: OPPOSITION_CATEGORY, field },
  });
}

/**
 * Null when the caller may act for this person; otherwise why not. Decided before looking the person up, so
 * that a refusal reveals nothing about who exists.
 */
function refusalToAct(caller: Caller, youngId: string): RefusalReason | null {
  if (!EXERCISED_BY.includes(caller.role)) return 'ROLE_NOT_GRANTED';
  if (caller.role === 'young' && caller.sub !== youngId) return 'NOT_SELF';
  return null;
}

/**
 * Checks the input and the caller; throws BAD_USER_INPUT or FORBIDDEN with nothing written. Whether
 * psad holds a record for the id is not looked at: an opposition is keyed by the hub id (like the
 * trail), so recording or withdrawing one answers alike for a person and for an id nobody has.
 */
async function authorise(field: string, youngId: string, context: Context): Promise<void> {
  if (!isHubId(youngId)) throw badUserInput(`"${youngId.slice(0, 40)}" is not a hub id (a UUID)`, 'youngId');
  const reason = refusalToAct(context.caller, youngId);
  // The attempt goes to the person's access trail, refused or not.
  context.access.note(youngId, OPPOSITION_CATEGORY, field, reason === null);
  if (reason) throw refused(field, reason);
}

const oppositionLoaders = new WeakMap<object, DataLoader<string, OppositionRecord[]>>();

/**
 * Every opposition of a person, in force or withdrawn, oldest first: one statement per request, whatever the
 * number of people.
 */
function oppositionsByYoung(context: Context): DataLoader<string, OppositionRecord[]> {
  let loader = oppositionLoaders.get(context);
  if (!loader) {
    const db: DataSource = context.db;
    loader = groupLoader(
      (ids: readonly string[]) =>
        db
          .getRepository(OppositionRecord)
          .find({ where: { youngId: In([...ids]) }, order: { recordedAt: 'ASC', id: 'ASC' } }),
      (row) => row.youngId,
    );
    oppositionLoaders.set(context, loader);
  }
  return loader;
}

@Resolver(() => Young)
export class OppositionResolver {
  @Mutation(() => Opposition, {
    description:
      'Records the person’s opposition to one partner sharing its data with the others: from now on no other partner sees what it holds, except what the ' +
      'obligation de formation makes a legal duty to share. For the person themself (role young) or the DPO on their behalf.',
  })
  async recordOpposition(
    @Arg('youngId', () => ID) youngId: string,
    @Arg('partner', () => Partner) partner: Partner,
    @Ctx() context: Context,
  ): Promise<Opposition> {
    await authorise('Mutation.recordOpposition', youngId, context);
    const inForce = () =>
      badUserInput(`An opposition to ${partner} is already in force for this person`, 'partner');
    return tracedWrite(context, async (manager) => {
      const repository = manager.getRepository(OppositionRecord);
      if (await repository.existsBy({ youngId, partner, withdrawnAt: IsNull() })) throw inForce();
      const record = Object.assign(new OppositionRecord(), {
        id: randomUUID(),
        youngId,
        partner,
        recordedAt: context.now(),
        recordedBy: context.caller.sub,
        withdrawnAt: null,
      });
      try {
        await repository.insert(record);
      } catch (error) {
        // Two requests at once: the unique index on the opposition in force lets only one through.
        if (isUniqueViolation(error)) throw inForce();
        throw error;
      }
      return toOpposition(record);
    });
  }

  @Mutation(() => Opposition, {
    description:
      'Withdraws the person’s opposition in force to one partner: its data is shared again under the rules. For the person themself or the DPO on their behalf.',
  })
  async withdrawOpposition(
    @Arg('youngId', () => ID) youngId: string,
    @Arg('partner', () => Partner) partner: Partner,
    @Ctx() context: Context,
  ): Promise<Opposition> {
    await authorise('Mutation.withdrawOpposition', youngId, context);
    // One statement: of two concurrent withdrawals, only one finds the opposition in force.
    const [rows] = (await tracedWrite(context, (manager) =>
      manager.query(
        `UPDATE opposition SET withdrawn_at = greatest($3::timestamptz, recorded_at)
        WHERE young_id = $1 AND partner = $2 AND withdrawn_at IS NULL
        RETURNING id, young_id, partner, recorded_at, recorded_by, withdrawn_at`,
        [youngId, partner, context.now()],
      ),
    )) as [
      {
        id: string;
        young_id: string;
        partner: string;
        recorded_at: Date;
        recorded_by: string;
        withdrawn_at: Date;
      }[],
      number,
    ];
    const row = rows[0];
    if (!row) throw badUserInput(`No opposition to ${partner} is in force for this person`, 'partner');
    return toOpposition(
      Object.assign(new OppositionRecord(), {
        id: row.id,
        youngId: row.young_id,
        partner: row.partner,
        recordedAt: row.recorded_at,
        recordedBy: row.recorded_by,
        withdrawnAt: row.withdrawn_at,
      }),
    );
  }

  @FieldResolver(() => [Opposition], {
    nullable: true,
    description:
      'The person’s oppositions, in force or withdrawn, oldest first: shown to the person themself (and the DPO), never to partners.',
  })
  // No @requires of the followers: the trail's audience (SELF, the DPO) is decided on the person's id alone
  // (platform/policy/guard.ts).
  @Category(OPPOSITION_CATEGORY)
  async oppositions(@Root() young: Young, @Ctx() context: Context): Promise<Opposition[]> {
    return (await oppositionsByYoung(context).load(young.id)).map(toOpposition);
  }
}
