import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Why a person is referred, as a kind of solution: neutral words only. The circumstances behind a
 * referral (health, family, justice) are follow-up detail and stay in the coordinator's own notes.
 */
export enum ReferralReason {
  RETURN_TO_SCHOOL = 'RETURN_TO_SCHOOL',
  APPRENTICESHIP = 'APPRENTICESHIP',
  SECOND_CHANCE_SCHOOL = 'SECOND_CHANCE_SCHOOL',
  SUPPORT_PROGRAMME = 'SUPPORT_PROGRAMME',
  AGRICULTURAL_TRAINING = 'AGRICULTURAL_TRAINING',
  GUIDANCE = 'GUIDANCE',
  COORDINATION = 'COORDINATION',
}
registerEnumType(ReferralReason, {
  name: 'ReferralReason',
  description:
    'The kind of solution a referral is for (COORDINATION: to the PSAD, for its coordination). Never a personal circumstance.',
});

export enum ReferralStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'PROPOSED until the receiving organisation’s staff accept or decline it.',
});

@ObjectType({
  description:
    'A referral (fiche de liaison) of a young person to a partner organisation. Once its staff accept it, that organisation has grounds to begin following the person.',
})
export class Referral {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngId: string;

  @Field({ description: 'Code of the organisation that made it (a PSAD, a FOQUALE network’s UAI).' })
  fromOrganisation: string;

  @Field({ description: 'Code of the organisation it is addressed to.' })
  toOrganisation: string;

  @Field({ description: 'Name of that organisation, as the hub knows it.' })
  toOrganisationName: string;

  @Field(() => ReferralReason)
  reason: ReferralReason;

  @Field(() => ReferralStatus)
  status: ReferralStatus;

  @Field(() => Date)
  proposedAt: Date;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}

@InputType({
  description: 'Refers a young person of the caller’s perimeter to an organisation the hub knows.',
})
export class ReferYoungInput {
  @Field(() => ID)
  youngId: string;

  @Field({
    description: 'Code of the receiving organisation (a Mission locale’s SIRET, a UAI, a PSAD code…).',
  })
  toOrganisation: string;

  @Field(() => ReferralReason)
  reason: ReferralReason;
}

@InputType({ description: 'Answers a referral addressed to the caller’s organisation.' })
export class DecideReferralInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID)
  referralId: string;
}
