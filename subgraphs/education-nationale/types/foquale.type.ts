import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../platform/graphql/types';

// Prefixed names: other partners hold contracts and reviews of their own (apprenticeships…).
export enum FoqualeContractStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(FoqualeContractStatus, { name: 'FoqualeContractStatus' });

export enum FoqualeCloseReason {
  COMPLETED = 'COMPLETED',
  ABANDONED = 'ABANDONED',
  REORIENTED = 'REORIENTED',
}
registerEnumType(FoqualeCloseReason, { name: 'FoqualeCloseReason', description: 'Why a FOQUALE contract was closed.' });

export enum SituationReviewOutcome {
  ON_TRACK = 'ON_TRACK',
  ADJUSTED = 'ADJUSTED',
  AT_RISK = 'AT_RISK',
  COMPLETED = 'COMPLETED',
  ABANDONED = 'ABANDONED',
}
registerEnumType(SituationReviewOutcome, { name: 'SituationReviewOutcome', description: 'Where the path stands at a bilan de situation.' });

@ObjectType({ description: 'The FOQUALE network of a bassin: the Éducation nationale schools and services of a PSAD perimeter.' })
export class FoqualeNetwork {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Bassin code.' })
  territory: string;

  @Field()
  name: string;

  @Field({ description: 'The responsable named by the recteur (a chef d’établissement or a CIO director).' })
  responsableName: string;

  @Field(() => [String], { description: 'Members of the comité de réseau.' })
  committee: string[];

  @Field(() => Int, { description: 'Days between two bilans de situation of a young person under contract.' })
  reviewIntervalDays: number;
}

@ObjectType({ description: 'A bilan de situation: a regular review of the path with the young person and the tutor.' })
export class SituationReview {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  reviewedOn: string;

  @Field(() => SituationReviewOutcome)
  outcome: SituationReviewOutcome;

  @Field()
  note: string;
}

@ObjectType({
  description: 'A contrat « Formation Qualification Emploi », signed by the tutor, the young person and the family, formalising a personalised return path.',
})
export class FoqualeContract {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The Éducation nationale tutor who follows the young person throughout the path.' })
  tutorName: string;

  @Field(() => LocalDate, { description: 'Day of the bilan de positionnement (CIO psychologist and MLDS).' })
  initialReviewOn: string;

  @Field({ description: 'Needs found by the initial review.' })
  needs: string;

  @Field({ description: 'The return path chosen (school place, micro-lycée, MLDS action, PAFI, service civique, apprenticeship…).' })
  solution: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the offer chosen as the solution, which may be another partner’s.' })
  solutionOfferId: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Null until the contract is signed.' })
  signedOn: string | null;

  @Field({ description: 'Whether the family signed too (not needed once the young person is of age).' })
  familySigned: boolean;

  @Field(() => FoqualeContractStatus)
  status: FoqualeContractStatus;

  @Field(() => LocalDate, { nullable: true })
  closedOn: string | null;

  @Field(() => FoqualeCloseReason, { nullable: true })
  closeReason: FoqualeCloseReason | null;

  localId: string;
  youngId: string;
  networkId: string;
}
