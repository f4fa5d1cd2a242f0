import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { contributedType } from '../../../platform/graphql/partner-types';
import { LocalDate, TrajectoryEvent } from '../../../platform/graphql/types';
import { Category } from '../../../platform/policy/category';
import { CONTRIBUTING_SUBGRAPHS, SUBGRAPHS } from '../../../platform/partners';
import type { DataCategory } from '../../../platform/policy/types';

export enum Sex {
  F = 'F',
  M = 'M',
}
registerEnumType(Sex, { name: 'Sex' });

/** Field names of the partners' trajectory contributions, as they arrive in an entity representation. */
export const CONTRIBUTED_EVENT_FIELDS = CONTRIBUTING_SUBGRAPHS.map(
  (name) => `${SUBGRAPHS[name].fieldPrefix}Events`,
);
/** Field names of the partners' lists of organisations that actively follow the person. */
export const CONTRIBUTED_FOLLOWER_FIELDS = CONTRIBUTING_SUBGRAPHS.map(
  (name) => `${SUBGRAPHS[name].fieldPrefix}Followers`,
);

/** What psad requires from every partner to establish who follows the person. */
export const FOLLOWERS_SELECTION = CONTRIBUTED_FOLLOWER_FIELDS.join(' ');
/** What psad requires from every partner to merge the trajectory (and to decide on psad's own events). */
export const TRAJECTORY_SELECTION = `${CONTRIBUTED_EVENT_FIELDS.map((field) => `${field} { id partner at kind summary }`).join(' ')} ${FOLLOWERS_SELECTION}`;

/**
 * A psad field about the person: tagged with its category, and requiring the partners' followers
 * so that psad can decide "does the caller's organisation follow this person?" like everyone else.
 */
export function PsadPersonalData(category: DataCategory): PropertyDecorator & MethodDecorator {
  const tag = Category(category);
  const requires = Directive(`@requires(fields: "${FOLLOWERS_SELECTION}")`);
  return (target: object, property: string | symbol, descriptor?: PropertyDescriptor) => {
    tag(target, property, descriptor as never);
    requires(target, property, descriptor as never);
  };
}

/** Every field below is nullable: a field the caller may not see is null with a FORBIDDEN error. */
@ObjectType({
  description: 'A young person, as the hub knows them across partners. psad owns the identity record.',
})
@Directive('@key(fields: "id")')
export class Young {
  @Field(() => ID, { description: 'The hub’s pseudonymous id; the NIR never enters the hub.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Identifiant national élève, when known.' })
  @PsadPersonalData('IDENTITY')
  ine: string | null;

  @Field(() => String, { nullable: true })
  @PsadPersonalData('IDENTITY')
  firstName: string;

  @Field(() => String, { nullable: true })
  @PsadPersonalData('IDENTITY')
  lastName: string;

  @Field(() => LocalDate, { nullable: true })
  @PsadPersonalData('IDENTITY')
  birthDate: string;

  @Field(() => Sex, { nullable: true })
  @PsadPersonalData('IDENTITY')
  sex: Sex;

  @Field(() => String, { nullable: true, description: 'Commune of residence.' })
  @PsadPersonalData('CONTACT')
  commune: string;

  bassinCode: string;
}

/** The partners' contributions, @external here: the gateway fetches them for psad's @requires. */
function declareContributions(): void {
  for (const name of CONTRIBUTING_SUBGRAPHS) {
    const field = `${SUBGRAPHS[name].fieldPrefix}Events`;
    const PartnerEvent = contributedType(SUBGRAPHS[name], TrajectoryEvent);
    Field(() => [PartnerEvent], { nullable: true })(Young.prototype, field);
    Directive('@external')(Young.prototype, field);
  }
  for (const field of CONTRIBUTED_FOLLOWER_FIELDS) {
    // Each partner's report, signed by it for the request (platform/auth/facts.ts).
    Field(() => String, { nullable: true })(Young.prototype, field);
    Directive('@external')(Young.prototype, field);
  }
}
declareContributions();
