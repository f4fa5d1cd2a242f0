import type { Caller, Purpose, Role } from '../../../platform/auth/claims';
import { SUBGRAPHS, SUBGRAPH_NAMES } from '../../../platform/partners';
import type { GraphQLAnswer } from '../../harness';
import type { Facts } from './world';

/** The FORBIDDEN errors an answer carries on `field` (`Type.field`). */
export const forbiddenOn = (answer: GraphQLAnswer, field: string) =>
  (answer.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions.field === field);
/** The refusal reasons an answer gives on `field`. */
export const reasonsOn = (answer: GraphQLAnswer, field: string) =>
  forbiddenOn(answer, field).map((e) => e.extensions!.reason);
/** A professional caller (the headline cells' callers). */
export const professional = (
  role: Role,
  org: string,
  territories: string[],
  purpose: Purpose = 'ACCOMPAGNEMENT',
): Caller => ({ sub: `headline-${role}`, role, org, territories, purpose });
/** The person themself. */
export const selfOf = (facts: Facts): Caller => ({
  sub: facts.young.id,
  role: 'young',
  org: 'SELF',
  territories: [],
  purpose: 'ACCOMPAGNEMENT',
});
/** The académie's data protection officer. */
export const DPO: Caller = {
  sub: 'dpo-academie',
  role: 'dpo',
  org: 'DPD-ACADEMIE-GRENOBLE',
  territories: [],
  purpose: 'PILOTAGE_AGREGE',
};

/** How the gateway asks psad about a person once every partner said who follows them. */
export const followerRepresentation = (facts: Facts) => ({
  __typename: 'Young',
  id: facts.young.id,
  ...Object.fromEntries(
    SUBGRAPH_NAMES.filter((name) => name !== 'psad').map((name) => [
      `${SUBGRAPHS[name].fieldPrefix}Followers`,
      facts.followersBy[name],
    ]),
  ),
});
