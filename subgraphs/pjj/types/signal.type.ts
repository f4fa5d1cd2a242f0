import { Field, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../platform/graphql/types';

@ObjectType({
  description:
    'A PJJ follow-up is active and whom to contact, published by the PJJ. It never says why: judicial measures stay outside the hub.',
})
export class PjjSignal {
  @Field({
    description: 'Always true: the hub shows a signal only while the PJJ publishes it, never once withdrawn.',
  })
  active: boolean;

  @Field({ description: 'The PJJ educator to contact.' })
  contactName: string;

  @Field()
  contactPhone: string;

  @Field(() => LocalDate)
  publishedOn: string;

  unitId: string;
}
