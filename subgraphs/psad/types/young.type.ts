import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate, TrajectoryEvent } from '../../../platform/graphql/types';
import { CONTRIBUTING_SUBGRAPHS, SUBGRAPHS } from '../../../platform/partners';

export enum Sex {
  F = 'F',
  M = 'M',
}
registerEnumType(Sex, { name: 'Sex' });

/** The selection psad requires from every other partner to merge the trajectory. */
export const CONTRIBUTED_EVENTS = CONTRIBUTING_SUBGRAPHS.map((name) => `${SUBGRAPHS[name].fieldPrefix}Events { id partner at kind summary }`).join(' ');

/** Field names of the partners' contributions, as they arrive in an entity representation. */
export const CONTRIBUTED_EVENT_FIELDS = CONTRIBUTING_SUBGRAPHS.map((name) => `${SUBGRAPHS[name].fieldPrefix}Events`);

@ObjectType({ description: 'A young person, as the hub knows them across partners. psad owns the identity record.' })
@Directive('@key(fields: "id")')
export class Young {
  @Field(() => ID, { description: 'The hub’s pseudonymous id; the NIR never enters the hub.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Identifiant national élève, when known.' })
  ine: string | null;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field(() => LocalDate)
  birthDate: string;

  @Field(() => Sex)
  sex: Sex;

  @Field()
  commune: string;

  bassinCode: string;

  // Partners' trajectory contributions, @external here: the gateway fetches them and hands them to `trajectory`.
  @Field(() => [TrajectoryEvent], { nullable: true })
  @Directive('@external')
  educationNationaleEvents?: TrajectoryEvent[] | null;

  @Field(() => [TrajectoryEvent], { nullable: true })
  @Directive('@external')
  missionsLocalesEvents?: TrajectoryEvent[] | null;

  @Field(() => [TrajectoryEvent], { nullable: true })
  @Directive('@external')
  e2cEvents?: TrajectoryEvent[] | null;

  @Field(() => [TrajectoryEvent], { nullable: true })
  @Directive('@external')
  cfaEvents?: TrajectoryEvent[] | null;

  @Field(() => [TrajectoryEvent], { nullable: true })
  @Directive('@external')
  agricultureEvents?: TrajectoryEvent[] | null;

  @Field(() => [TrajectoryEvent], { nullable: true })
  @Directive('@external')
  pjjEvents?: TrajectoryEvent[] | null;
}
