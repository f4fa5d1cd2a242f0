import { SUBGRAPHS } from '../../platform/partners';
import type { SubgraphDefinition } from '../../platform/server/definition';
import { loadDemo } from './demo';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { buildSchema } from './schema';

/** CFA: apprenticeship training centres, their places and the follow-ups of their apprentices. */
export const cfa: SubgraphDefinition = {
  profile: SUBGRAPHS.cfa,
  entities,
  migrations,
  buildSchema,
  createLoaders,
  loadDemo,
  purgeExpired,
};
