import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Category } from '../../../platform/policy/category';
import { LocalDate } from '../../../platform/graphql/types';

export enum CaseStatus {
  TO_CONTACT = 'TO_CONTACT',
  CONTACTED = 'CONTACTED',
  REVIEW_DONE = 'REVIEW_DONE',
  SOLUTION_PROPOSED = 'SOLUTION_PROPOSED',
  IN_SOLUTION = 'IN_SOLUTION',
  UNREACHABLE = 'UNREACHABLE',
  REFUSED = 'REFUSED',
  MOVED = 'MOVED',
  ALREADY_IN_TRAINING = 'ALREADY_IN_TRAINING',
}
registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description: 'Where a PSAD case stands, from listing to solution or exit.',
});

export enum ContactChannel {
  PHONE = 'PHONE',
  SMS = 'SMS',
  MAIL = 'MAIL',
  LETTER = 'LETTER',
  MEETING = 'MEETING',
}
registerEnumType(ContactChannel, {
  name: 'ContactChannel',
  description:
    'How the PSAD tried to reach the young person (MAIL: e-mail; LETTER: post; MEETING: in person).',
});

export enum ContactOutcome {
  REACHED = 'REACHED',
  NO_ANSWER = 'NO_ANSWER',
  WRONG_NUMBER = 'WRONG_NUMBER',
  APPOINTMENT_SET = 'APPOINTMENT_SET',
}
registerEnumType(ContactOutcome, {
  name: 'ContactOutcome',
  description: 'What a contact attempt gave (WRONG_NUMBER: the contact details are wrong).',
});

export enum CaseTransitionKind {
  OPENED = 'OPENED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  ASSIGNED = 'ASSIGNED',
}
registerEnumType(CaseTransitionKind, {
  name: 'CaseTransitionKind',
  description: 'What changed in a PSAD case: its opening, its status, or who follows it.',
});

export enum Diploma {
  NONE = 'NONE',
  BREVET = 'BREVET',
  CAP_BEP = 'CAP_BEP',
  BAC = 'BAC',
}
registerEnumType(Diploma, { name: 'Diploma', description: 'Highest diploma held when listed.' });

@ObjectType({
  description: 'An appearance on a SIEI list (twice-yearly cross-matching of enrolment databases).',
})
export class SieiListing {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Campaign, e.g. 2025-S2.' })
  campaign: string;

  @Field(() => LocalDate)
  detectedOn: string;

  @Field({ description: 'UAI of the last school attended.' })
  lastSchoolUai: string;

  @Field()
  lastSchoolName: string;

  @Field()
  lastClass: string;

  @Field(() => Diploma)
  diploma: Diploma;
}

@ObjectType({ description: 'An attempt to reach the young person.' })
export class CaseContact {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  at: Date;

  @Field(() => ContactChannel)
  channel: ContactChannel;

  @Field(() => ContactOutcome)
  outcome: ContactOutcome;
}

@ObjectType({
  description:
    'One change of a PSAD case: who made it (subject, role, organisation), when, from which status to which, and why.',
})
export class CaseTransition {
  @Field(() => ID)
  id: string;

  @Field(() => CaseTransitionKind)
  kind: CaseTransitionKind;

  @Field(() => Int, { description: 'The version of the case this change produced.' })
  version: number;

  @Field(() => Date)
  at: Date;

  @Field({ description: '`sub` of whoever made the change.' })
  actorSub: string;

  @Field()
  actorRole: string;

  @Field({ description: 'Code of their organisation.' })
  actorOrg: string;

  @Field(() => CaseStatus, { nullable: true, description: 'The status before; null for the opening.' })
  from: CaseStatus | null;

  @Field(() => CaseStatus, { description: 'The status after (unchanged by an assignment).' })
  to: CaseStatus;

  @Field({ description: 'The follower after the change.' })
  followerOrg: string;

  @Field()
  followerName: string;

  @Field(() => String, { nullable: true, description: 'For an assignment, the follower it replaced.' })
  fromFollowerOrg: string | null;

  @Field(() => String, { nullable: true })
  fromFollowerName: string | null;

  /**
   * Free text about the person's situation: follow-up detail, shown only to the organisation that made the
   * change.
   */
  @Field(() => String, {
    nullable: true,
    description: 'Why, in the words of whoever made the change (follow-up detail).',
  })
  @Category('FOLLOW_UP_DETAIL')
  reason: string | null;

  /** The person the change is about: the guard decides `reason` on their subject. */
  youngId: string;
  /** The organisation that made the change: the guard shows `reason` to it only (OWN_ORGANISATION_ROW). */
  organisationCode: string;
}

@ObjectType({ description: 'The case a PSAD opened for a young person and a campaign.' })
export class PsadCase {
  @Field(() => ID)
  id: string;

  @Field()
  campaign: string;

  @Field(() => CaseStatus)
  status: CaseStatus;

  @Field({ description: 'Code of the organisation that follows the case.' })
  followerOrg: string;

  @Field()
  followerName: string;

  @Field(() => LocalDate)
  openedOn: string;

  @Field(() => LocalDate, { nullable: true })
  closedOn: string | null;

  @Field(() => Int, {
    description: 'Incremented on every change: send it back as `expectedVersion` when changing the case.',
  })
  version: number;

  /** The person the case is about. */
  youngId: string;
}
