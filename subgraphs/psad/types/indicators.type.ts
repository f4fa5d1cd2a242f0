import { Field, Int, ObjectType } from 'type-graphql';
import { Territory } from './territory.type';

@ObjectType({
  description:
    'Counts for one bassin over one two-month period. A count between 1 and 4 is null: too few people not to be recognisable.',
})
export class IndicatorRow {
  @Field(() => Territory)
  territory: Territory;

  @Field(() => Int, { nullable: true, description: 'Young people newly listed by the SIEI.' })
  listed: number | null;

  @Field(() => Int, { nullable: true, description: 'PSAD cases opened.' })
  casesOpened: number | null;

  @Field(() => Int, { nullable: true, description: 'Young people the PSAD tried to reach.' })
  contacted: number | null;

  @Field(() => Int, { nullable: true, description: 'Cases closed with the young person in a solution.' })
  inSolution: number | null;

  @Field(() => Int, { nullable: true, description: 'Cases closed as unreachable or refused.' })
  unreachableOrRefused: number | null;

  @Field({ description: 'Whether at least one count of this row was suppressed.' })
  suppressed: boolean;
}

@ObjectType({
  description:
    'The bimonthly figures of a territory (circulaire 2013-035): aggregates only, no personal data.',
})
export class Indicators {
  @Field({ description: 'The territory asked for (bassin, département or académie code).' })
  scope: string;

  @Field({ description: 'The two-month period, e.g. 2025-B5 for September-October 2025.' })
  period: string;

  @Field(() => Int, { description: 'Counts below this (and above zero) are suppressed.' })
  minimumCount: number;

  @Field(() => [IndicatorRow], { description: 'One row per bassin of the scope.' })
  rows: IndicatorRow[];
}
