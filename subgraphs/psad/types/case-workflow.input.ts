import { Field, ID, InputType, Int } from 'type-graphql';
import { CaseStatus, ContactChannel, ContactOutcome } from './case.type';

@InputType({ description: 'Opens a PSAD case for a young person on a SIEI list, for that campaign.' })
export class OpenPsadCaseInput {
  @Field(() => ID, { description: 'The person’s hub id.' })
  youngId: string;

  @Field({ description: 'The SIEI campaign the person was listed in, e.g. 2025-S2.' })
  campaign: string;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the organisation that follows the case; default: the caller’s.',
  })
  followerOrg?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Who follows it, as shown to partners; default: the PSAD of that bassin, or the organisation code.',
  })
  followerName?: string | null;
}

@InputType({ description: 'Moves a PSAD case to another status of its workflow.' })
export class TransitionPsadCaseInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => CaseStatus)
  to: CaseStatus;

  @Field({
    description: 'Why (kept in the case’s history as follow-up detail; never shown in the trajectory).',
  })
  reason: string;

  @Field(() => Int, {
    description: 'The case’s `version` the change is based on: a stale one is refused with CONFLICT.',
  })
  expectedVersion: number;
}

@InputType({ description: 'Hands a PSAD case to another coordinator or partner organisation.' })
export class AssignPsadCaseInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID)
  caseId: string;

  @Field({
    description:
      'Code of the organisation that follows the case from now on (a PSAD, a school’s UAI, a Mission locale’s SIRET…).',
  })
  followerOrg: string;

  @Field({ description: 'Who follows it, as shown to partners.' })
  followerName: string;

  @Field(() => Int)
  expectedVersion: number;
}

@InputType({ description: 'Records an attempt to reach the young person.' })
export class RecordContactAttemptInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => Date, {
    description: 'When it took place: not in the future, not before the case was opened.',
  })
  at: Date;

  @Field(() => ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactOutcome)
  outcome: ContactOutcome;

  @Field({
    description:
      'The coordinator’s note (follow-up detail: kept for the follow-up, never exposed by the hub).',
  })
  note: string;
}
