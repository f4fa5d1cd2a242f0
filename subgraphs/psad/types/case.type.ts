import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
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
registerEnumType(CaseStatus, { name: 'CaseStatus', description: 'Where a PSAD case stands, from listing to solution or exit.' });

export enum Diploma {
  NONE = 'NONE',
  BREVET = 'BREVET',
  CAP_BEP = 'CAP_BEP',
  BAC = 'BAC',
}
registerEnumType(Diploma, { name: 'Diploma', description: 'Highest diploma held when listed.' });

@ObjectType({ description: 'An appearance on a SIEI list (twice-yearly cross-matching of enrolment databases).' })
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

  @Field()
  channel: string;

  @Field()
  outcome: string;
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
}
