import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { declareAccessSubject } from '../../../platform/policy/subject';
import { SUBGRAPHS } from '../../../platform/partners';

/** Éducation nationale's view of `Young` (owned by psad): only the key, which its own records hang on. */
@ObjectType('Young')
@Directive('@key(fields: "id")')
export class Young {
  @Field(() => ID, { description: 'The hub’s pseudonymous id.' })
  id: string;

  accessSubject?: string | null;
}
declareAccessSubject(Young, SUBGRAPHS['education-nationale']);
