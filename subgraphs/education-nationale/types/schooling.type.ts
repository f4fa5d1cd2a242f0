import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../platform/graphql/types';
import { Category } from '../../../platform/policy/category';

export enum SchoolExitReason {
  COMPLETED = 'COMPLETED',
  DROPPED_OUT = 'DROPPED_OUT',
  MOVED = 'MOVED',
  REORIENTED = 'REORIENTED',
}
registerEnumType(SchoolExitReason, {
  name: 'SchoolExitReason',
  description: 'Why a pupil left a school: year completed, dropped out, moved away, reoriented.',
});

export enum DropoutReason {
  ABSENTEEISM = 'ABSENTEEISM',
  DISENGAGEMENT = 'DISENGAGEMENT',
  ORIENTATION = 'ORIENTATION',
  FAMILY = 'FAMILY',
  HEALTH = 'HEALTH',
  BEHAVIOUR = 'BEHAVIOUR',
}
registerEnumType(DropoutReason, {
  name: 'DropoutReason',
  description: 'The sign of dropping out that made the GPDS act.',
});

@ObjectType({ description: 'A school year (or part of one) of a pupil in an Éducation nationale school.' })
export class Enrolment {
  @Field(() => ID)
  id: string;

  @Field({ description: 'School year, e.g. 2024-2025.' })
  schoolYear: string;

  @Field({ description: 'Class, e.g. 3e, 2nde pro, CAP 1, 1re générale.' })
  classLevel: string;

  @Field(() => String, { nullable: true, description: 'Trade or track (filière), when the class has one.' })
  track: string | null;

  @Field(() => LocalDate)
  startedOn: string;

  @Field(() => LocalDate, { nullable: true })
  endedOn: string | null;

  @Field(() => SchoolExitReason, { nullable: true })
  exitReason: SchoolExitReason | null;

  schoolId: string;
}

@ObjectType({
  description:
    'A signal raised by the school’s groupe de prévention du décrochage scolaire (GPDS), and what was done.',
})
export class DropoutSignal {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  signalledOn: string;

  @Field(() => DropoutReason, {
    nullable: true,
    description: 'Why, as the school recorded it: follow-up detail, kept within that school.',
  })
  @Category('FOLLOW_UP_DETAIL')
  reason: DropoutReason | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the school did about it: follow-up detail, kept within that school.',
  })
  @Category('FOLLOW_UP_DETAIL')
  actionTaken: string | null;

  schoolId: string;
  /** The pupil: the guard decides `reason` and `actionTaken` on their subject. */
  youngId: string;
  /** The school that recorded it: the guard shows its detail to that school only (OWN_ORGANISATION_ROW). */
  organisationCode: string;
}
