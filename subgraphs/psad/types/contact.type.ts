import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum Relationship {
  MOTHER = 'MOTHER',
  FATHER = 'FATHER',
  GUARDIAN = 'GUARDIAN',
  OTHER = 'OTHER',
}
registerEnumType(Relationship, {
  name: 'Relationship',
  description: 'How a legal representative is related to the young person.',
});

@ObjectType({ description: 'How to reach the young person.' })
export class Contact {
  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  address: string | null;
}

@ObjectType({
  description: 'A legal representative (for a minor, the family who signs the FOQUALE contract).',
})
export class LegalRepresentative {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Relationship)
  relationship: Relationship;

  @Field(() => String, { nullable: true })
  phone: string | null;
}
