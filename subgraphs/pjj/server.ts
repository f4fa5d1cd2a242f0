import { SUBGRAPHS } from '../../platform/partners';
import type { SubgraphDefinition } from '../../platform/server/definition';
import { loadDemo } from './demo';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { buildSchema } from './schema';

/**
 * PJJ, the firewall: its units and the signals it chose to publish; judicial measures never enter the hub.
 */
export const pjj: SubgraphDefinition = {
  profile: SUBGRAPHS.pjj,
  entities,
  migrations,
  buildSchema,
  createLoaders,
  loadDemo,
  purgeExpired,
};
