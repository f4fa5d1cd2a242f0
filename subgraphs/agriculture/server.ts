import { SUBGRAPHS } from '../../platform/partners';
import type { SubgraphDefinition } from '../../platform/server/definition';
import { loadDemo } from './demo';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { buildSchema } from './schema';

/**
 * Enseignement agricole: lycées agricoles and CFPPA, their training places and the follow-ups of their
 * learners.
 */
export const agriculture: SubgraphDefinition = {
  profile: SUBGRAPHS.agriculture,
  entities,
  migrations,
  buildSchema,
  createLoaders,
  loadDemo,
  purgeExpired,
};
