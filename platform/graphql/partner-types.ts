import { Directive, ObjectType } from 'type-graphql';
import type { SubgraphProfile } from '../partners';

/** A class type-graphql can extend: the shared shape of a contributed value type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ValueClass = abstract new (...args: any[]) => object;

const declared = new Map<string, ValueClass>();

/**
 * The value type one partner contributes to psad through an `@inaccessible` field that psad
 * `@requires` (its trajectory events, its candidate offers), under the partner's own name:
 * `<Prefix><base name>`, with the fields of `base`. Federation 2 lets several subgraphs return
 * one shared value type from such fields, but Hive Gateway's supergraph loader (graphql-tools'
 * isolation of computed fields) then finds one "canonical" definition per subgraph and refuses
 * the supergraph; one name per partner keeps it servable by any gateway
 * (docs/performance.md#portability). Call it before the schema is built, never from a type
 * thunk: type-graphql copies its metadata before it runs the thunks.
 */
export function contributedType<Base extends ValueClass>(profile: SubgraphProfile, base: Base): Base {
  const name = `${profile.fieldPrefix[0].toUpperCase()}${profile.fieldPrefix.slice(1)}${base.name}`;
  const known = declared.get(name);
  if (known) return known as Base;
  @ObjectType(name, { description: `${profile.label}’s contribution of a ${base.name}, for psad.` })
  @Directive('@shareable')
  @Directive('@inaccessible')
  abstract class Contributed extends base {}
  declared.set(name, Contributed);
  return Contributed;
}
