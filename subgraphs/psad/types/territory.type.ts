import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum TerritoryKind {
  ACADEMIE = 'ACADEMIE',
  DEPARTEMENT = 'DEPARTEMENT',
  BASSIN = 'BASSIN',
}
registerEnumType(TerritoryKind, { name: 'TerritoryKind' });

@ObjectType({ description: 'Académie > département > bassin. A bassin is the unit of a FOQUALE network.' })
export class Territory {
  @Field()
  code: string;

  @Field(() => TerritoryKind)
  kind: TerritoryKind;

  @Field()
  name: string;

  parentCode: string | null;
}
