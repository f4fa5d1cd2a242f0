import { SUBGRAPHS } from '../../platform/partners';
import type { SubgraphDefinition } from '../../platform/server/definition';
import { loadDemo } from './demo';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { buildSchema } from './schema';

/** PSAD: identities (hub id, INE), SIEI listings, cases and territories; merges trajectories and offers. */
export const psad: SubgraphDefinition = {
  profile: SUBGRAPHS.psad,
  entities,
  migrations,
  buildSchema,
  createLoaders,
  loadDemo,
  purgeExpired,
};
