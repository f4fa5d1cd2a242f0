import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentWrite } from '../../../platform/database/idempotency';
import { parisDay } from '../../../platform/calendar';
import { earliestBirthDay, InputCheck } from '../../../platform/graphql/input-check';
import { OrganisationRecord } from '../../../platform/partner-kit/entities';
import { checkNotFuture } from '../../../platform/partner-kit/write-types';
import { SUBGRAPHS } from '../../../platform/partners';
import { attestedWriteSubject, type LocalFollowers } from '../../../platform/policy/subject';
import {
  authoriseWrite,
  authoriseWriteOperation,
  refuseUnknownPerson,
} from '../../../platform/policy/writes';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import { DropoutSignalRecord } from '../entities';
import type { EducationNationaleLoaders } from '../loaders';
import { DropoutReason, DropoutSignal } from '../types/schooling.type';
import { currentSchools, toDropoutSignal } from './young.resolver';

type Context = SubgraphContext<EducationNationaleLoaders>;

const PROFILE = SUBGRAPHS['education-nationale'];
const FIELD = 'Mutation.recordDropoutSignal';
const ACTION_LIMIT = 500;

@InputType({
  description: 'A sign of dropping out that the school’s GPDS noticed, and what the school did about it.',
})
export class RecordDropoutSignalInput {
  @Field(() => ID)
  youngId: string;

  @Field({ description: 'The day the GPDS noticed it (YYYY-MM-DD), not in the future.' })
  signalledOn: string;

  @Field(() => DropoutReason)
  reason: DropoutReason;

  @Field({
    description: `What the school did (at most ${ACTION_LIMIT} characters): an action, not an interview note.`,
  })
  actionTaken: string;
}

@Resolver()
export class DropoutSignalWriteResolver {
  @Mutation(() => DropoutSignal, {
    description:
      'Records, for the référent décrochage of the school (en-referent), a sign of dropping out shown by one of its own pupils, whatever their age, ' +
      'and what the school did. It shows in the pupil’s schooling and trajectory at once.',
  })
  async recordDropoutSignal(
    @Arg('input', () => RecordDropoutSignalInput) input: RecordDropoutSignalInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<DropoutSignal> {
    const check = new InputCheck('input');
    check.hubId('youngId', input.youngId);
    if (check.localDate('signalledOn', input.signalledOn, { required: true }))
      checkNotFuture(check, 'signalledOn', input.signalledOn, context.now());
    check.text('actionTaken', input.actionTaken, { required: true, max: ACTION_LIMIT, multiline: true });
    check.done();
    authoriseWriteOperation(context, { action: 'DROPOUT_SIGNAL', field: FIELD, youngId: input.youngId });
    const youngId = input.youngId.toLowerCase();
    const subject = await attestedWriteSubject(PROFILE, context, youngId, currentSchools as LocalFollowers);
    if (!subject) refuseUnknownPerson(context, { action: 'DROPOUT_SIGNAL', field: FIELD, youngId });
    // OWN_SCHOOL: the pupil is enrolled in the caller's school, which the signal is then about.
    authoriseWrite(context, { action: 'DROPOUT_SIGNAL', owner: PROFILE.partner, subject, field: FIELD });
    const born = new InputCheck('input');
    born.notBeforeBirth(
      'signalledOn',
      input.signalledOn,
      earliestBirthDay(subject.age, parisDay(context.now())),
    );
    born.done();
    const school = await context.db.getRepository(OrganisationRecord).findOneBy({ code: context.caller.org });
    if (!school) throw badUserInput('Your organisation is not a school known to Éducation nationale', 'org');
    return idempotentWrite(context, {
      operation: FIELD,
      key: idempotencyKey,
      request: input,
      write: async (manager) => {
        const record = Object.assign(new DropoutSignalRecord(), {
          id: randomUUID(),
          youngId,
          schoolId: school.id,
          signalledOn: input.signalledOn,
          reason: input.reason,
          actionTaken: input.actionTaken.trim(),
        });
        await manager.getRepository(DropoutSignalRecord).insert(record);
        context.loaders.signalsByYoung.clear(youngId);
        return { id: record.id, result: toDropoutSignal(PROFILE, record, school.code) };
      },
      replay: async (id, manager) =>
        toDropoutSignal(
          PROFILE,
          await manager.getRepository(DropoutSignalRecord).findOneByOrFail({ id }),
          school.code,
        ),
    });
  }
}
