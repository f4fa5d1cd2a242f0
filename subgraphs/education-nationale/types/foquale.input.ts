import { Field, ID, InputType, Int } from 'type-graphql';
import { FoqualeCloseReason, FoqualeSignatory, SituationReviewOutcome } from './foquale.type';

/** Days are text, checked by the resolvers, so that a wrong one is reported with every other wrong field. */
const DAY = 'A day, YYYY-MM-DD, not in the future.';
const CONTRACT_ID = 'The contract’s id (`education-nationale:<uuid>`); it must be this young person’s.';
const EXPECTED_VERSION =
  'The `version` of the contract this change is based on: a stale one is refused (CONFLICT) and nothing is written.';

@InputType({
  description:
    'The bilan de positionnement that opens a FOQUALE contract, in the network of the young person’s bassin.',
})
export class OpenFoqualeContractInput {
  @Field(() => ID, { description: 'The hub id of the young person.' })
  youngId: string;

  @Field({ description: `${DAY} The day of the bilan de positionnement.` })
  initialReviewOn: string;

  @Field({ description: 'Needs found by the review (at most 2,000 characters).' })
  needs: string;

  @Field({ description: 'Skills found by the review (at most 2,000 characters).' })
  skills: string;

  @Field({
    description:
      'School level found by the review, e.g. « fin de 2nde pro, acquis du socle » (at most 200 characters).',
  })
  level: string;
}

@InputType()
export class AssignFoqualeTutorInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID, { description: CONTRACT_ID })
  contractId: string;

  @Field({ description: 'The tutor’s name (at most 120 characters).' })
  tutorName: string;

  @Field({
    description:
      'UAI of the Éducation nationale school or service (MLDS, CIO) of the network’s bassin the tutor belongs to. A school’s référent décrochage then follows ' +
      'the young person while the contract runs, and sees its overdue reviews.',
  })
  tutorOrganisation: string;

  @Field(() => String, { nullable: true, description: `${DAY} Default: today (Paris).` })
  assignedOn?: string | null;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion: number;
}

@InputType()
export class ChooseFoqualeSolutionInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID, { description: CONTRACT_ID })
  contractId: string;

  @Field({
    description:
      'The return path, in words (at most 300 characters): it is shown to every partner in the trajectory.',
  })
  solution: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of the offer taken as the solution (`<partner>:<uuid>`), which may be another partner’s (`cfa:…`, `e2c:…`); an Éducation nationale offer must exist.',
  })
  solutionOfferId?: string | null;

  @Field(() => String, { nullable: true, description: `${DAY} Default: today (Paris).` })
  chosenOn?: string | null;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion: number;
}

@InputType()
export class SignFoqualeContractInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID, { description: CONTRACT_ID })
  contractId: string;

  @Field(() => FoqualeSignatory)
  signatory: FoqualeSignatory;

  @Field({ description: `${DAY} Not before the tutor’s assignment nor the solution’s choice.` })
  signedOn: string;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion: number;
}

@InputType({ description: 'A bilan de situation of a contract in force.' })
export class RecordSituationReviewInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID, { description: CONTRACT_ID })
  contractId: string;

  @Field({ description: `${DAY} Not before the contract came into force.` })
  reviewedOn: string;

  @Field(() => SituationReviewOutcome)
  outcome: SituationReviewOutcome;

  @Field({
    description: 'What was said and decided (at most 2,000 characters); never shown in the trajectory.',
  })
  note: string;
}

@InputType()
export class CloseFoqualeContractInput {
  @Field(() => ID)
  youngId: string;

  @Field(() => ID, { description: CONTRACT_ID })
  contractId: string;

  @Field({ description: `${DAY} Not before the contract’s last step.` })
  closedOn: string;

  @Field(() => FoqualeCloseReason, { description: 'COMPLETED only for a contract that came into force.' })
  reason: FoqualeCloseReason;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion: number;
}
