import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../platform/graphql/types';

export enum ObligationStatus {
  IN_TRAINING = 'IN_TRAINING',
  IN_SUPPORT = 'IN_SUPPORT',
  NOT_REACHED = 'NOT_REACHED',
  FULFILLED = 'FULFILLED',
  EXEMPTED = 'EXEMPTED',
}
registerEnumType(ObligationStatus, {
  name: 'ObligationStatus',
  description: 'Where a 16-18 year-old stands with the obligation de formation (since 2020).',
  valuesConfig: {
    IN_TRAINING: { description: 'In school, apprenticeship or training.' },
    IN_SUPPORT: {
      description: 'Accompanied by the Mission locale towards a solution (CEJ, PACEA, service civique…).',
    },
    NOT_REACHED: { description: 'The Mission locale has not reached the young person yet.' },
    FULFILLED: { description: 'The obligation is fulfilled; the Mission locale no longer follows it.' },
    EXEMPTED: { description: 'Exempted from the obligation.' },
  },
});

@ObjectType({
  description:
    'The obligation de formation (16-18) of a young person, as the Mission locale in charge follows it.',
})
export class ObligationDeFormation {
  @Field(() => ObligationStatus)
  status: ObligationStatus;

  @Field(() => LocalDate, { description: 'Since when the current status holds.' })
  since: string;

  youngId: string;
  missionLocaleId: string;
}

@ObjectType({
  description:
    'A dated step of the obligation de formation: a contact, a proposal, an entry into a solution…',
})
export class ObligationStep {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  steppedOn: string;

  @Field()
  label: string;
}
