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
registerEnumType(FoqualeCloseReason, {
  name: 'FoqualeCloseReason',
  description: 'Why a FOQUALE contract was closed.',
});

export enum SituationReviewOutcome {
  ON_TRACK = 'ON_TRACK',
  ADJUSTED = 'ADJUSTED',
  AT_RISK = 'AT_RISK',
  COMPLETED = 'COMPLETED',
  ABANDONED = 'ABANDONED',
}
registerEnumType(SituationReviewOutcome, {
  name: 'SituationReviewOutcome',
  description: 'Where the path stands at a bilan de situation.',
});

export enum FoqualeContractState {
  IN_PREPARATION = 'IN_PREPARATION',
  READY_TO_SIGN = 'READY_TO_SIGN',
  BEING_SIGNED = 'BEING_SIGNED',
  IN_FORCE = 'IN_FORCE',
  CLOSED = 'CLOSED',
}
registerEnumType(FoqualeContractState, {
  name: 'FoqualeContractState',
  description: 'Where a FOQUALE contract stands in its lifecycle.',
  valuesConfig: {
    IN_PREPARATION: { description: 'Initial review done; a tutor or the solution is still missing.' },
    READY_TO_SIGN: {
      description: 'Tutor and solution known; nobody has signed yet (both can still change).',
    },
    BEING_SIGNED: {
      description: 'Some signatures are there, not all that are required (the family’s, for a minor).',
    },
    IN_FORCE: { description: 'Signed by everyone required: the path is under way and reviewed regularly.' },
    CLOSED: { description: 'Closed with a reason; nothing changes any more.' },
  },
});

export enum FoqualeSignatory {
  TUTOR = 'TUTOR',
  YOUNG_PERSON = 'YOUNG_PERSON',
  FAMILY = 'FAMILY',
}
registerEnumType(FoqualeSignatory, {
  name: 'FoqualeSignatory',
  description:
    'Who signs a FOQUALE contract: the tutor and the young person always, the family when the young person is a minor on the day it comes into force.',
});

@ObjectType({
  description:
    'The FOQUALE network of a bassin: the Éducation nationale schools and services of a PSAD perimeter.',
})
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

@ObjectType({
  description: 'A bilan de situation: a regular review of the path with the young person and the tutor.',
})
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
  description:
    'A contrat « Formation Qualification Emploi », signed by the tutor, the young person and the family, formalising a personalised return path.',
})
export class FoqualeContract {
  @Field(() => ID)
  id: string;

  @Field(() => Int, {
    description: 'Changes with every step: send it back as `expectedVersion` to change the contract.',
  })
  version: number;

  @Field(() => FoqualeContractState)
  state: FoqualeContractState;

  @Field(() => LocalDate, { description: 'Day of the bilan de positionnement (CIO psychologist and MLDS).' })
  initialReviewOn: string;

  @Field({ description: 'Needs found by the initial review.' })
  needs: string;

  @Field(() => String, {
    nullable: true,
    description: 'Skills found by the initial review (null on contracts recorded before it noted them).',
  })
  skills: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'School level found by the initial review (null on contracts recorded before it noted it).',
  })
  level: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The Éducation nationale tutor who follows the young person throughout the path; null until assigned.',
  })
  tutorName: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'When the tutor was assigned (null on contracts recorded before the lifecycle dated it).',
  })
  tutorAssignedOn: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The return path chosen (school place, micro-lycée, MLDS action, PAFI, service civique, apprenticeship…); null until chosen.',
  })
  solution: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the offer chosen as the solution, which may be another partner’s.',
  })
  solutionOfferId: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'When the solution was chosen (null on contracts recorded before the lifecycle dated it).',
  })
  solutionChosenOn: string | null;

  @Field(() => LocalDate, { nullable: true })
  tutorSignedOn: string | null;

  @Field(() => LocalDate, { nullable: true })
  youngPersonSignedOn: string | null;

  @Field(() => LocalDate, { nullable: true })
  familySignedOn: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The day the contract came into force (its last required signature); null until then.',
  })
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
  tutorOrganisationId: string | null;
}

@ObjectType({
  description:
    'When the next bilan de situation of a contract in force is due, and by how much it is overdue.',
})
export class SituationReviewDue {
  @Field(() => LocalDate, {
    description: 'The last bilan de situation (or the signature, before any) plus the network’s interval.',
  })
  dueOn: string;

  @Field(() => Int, { description: 'Days past `dueOn` (0 while it is not past).' })
  daysOverdue: number;
}
