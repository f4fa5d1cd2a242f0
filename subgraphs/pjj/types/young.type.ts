import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { declareAccessSubject } from '../../../platform/policy/subject';
import { SUBGRAPHS } from '../../../platform/partners';

/**
 * The PJJ's view of `Young` (keyed by the hub id, owned by psad). The PJJ holds no follow-ups in
 * the hub, so it does not use the partner kit's `definePartnerYoung`: it only adds its signal.
 */
@ObjectType('Young')
@Directive('@key(fields: "id")')
export class Young {
  @Field(() => ID, { description: 'The hub’s pseudonymous id.' })
  id: string;

  accessSubject?: string | null;
}
declareAccessSubject(Young, SUBGRAPHS.pjj);
