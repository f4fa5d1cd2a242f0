import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../platform/graphql/types';

export enum ApprenticeshipStatus {
  ACTIVE = 'ACTIVE',
  BROKEN = 'BROKEN',
  COMPLETED = 'COMPLETED',
}
registerEnumType(ApprenticeshipStatus, {
  name: 'ApprenticeshipStatus',
  description: 'Where an apprenticeship contract stands today.',
  valuesConfig: {
    ACTIVE: { description: 'In force.' },
    BROKEN: {
      description: 'Broken before its end: the apprentice may be décroché and needs a new solution.',
    },
    COMPLETED: {
      description:
        'Not broken, and past the usual length of a contract for its diploma (CAP, BP: 2 years; Bac pro: 3 years…).',
    },
  },
});

export enum ContractBreakReason {
  EMPLOYER_INITIATIVE = 'EMPLOYER_INITIATIVE',
  APPRENTICE_INITIATIVE = 'APPRENTICE_INITIATIVE',
  MUTUAL_AGREEMENT = 'MUTUAL_AGREEMENT',
  TRIAL_PERIOD = 'TRIAL_PERIOD',
}
registerEnumType(ContractBreakReason, {
  name: 'ContractBreakReason',
  description: 'Why an apprenticeship contract was broken (rupture du contrat d’apprentissage).',
  valuesConfig: {
    TRIAL_PERIOD: { description: 'By either party during the first 45 days of work with the employer.' },
  },
});

@ObjectType({
  description: 'An apprenticeship contract between a young person and an employer, trained by a CFA.',
})
export class ApprenticeshipContract {
  @Field(() => ID, { description: 'Unique across partners (`cfa:<local id>`).' })
  id: string;

  @Field()
  employer: string;

  @Field()
  trade: string;

  @Field({ description: 'The diploma prepared: CAP, BP, Bac pro…' })
  diploma: string;

  @Field(() => LocalDate)
  startedOn: string;

  @Field(() => LocalDate, { nullable: true })
  brokenOn: string | null;

  @Field(() => ContractBreakReason, {
    nullable: true,
    description: 'Null when the contract is not broken, or the reason was not recorded.',
  })
  breakReason: ContractBreakReason | null;

  @Field(() => ApprenticeshipStatus)
  status: ApprenticeshipStatus;

  cfaId: string;
}
