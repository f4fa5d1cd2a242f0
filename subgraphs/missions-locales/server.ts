import { SUBGRAPHS } from '../../platform/partners';
import type { SubgraphDefinition } from '../../platform/server/definition';
import { loadDemo } from './demo';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { buildSchema } from './schema';

/**
 * Missions locales: sites, their programmes (CEJ, PACEA, service civique) and the follow-ups of the young
 * people they accompany.
 */
export const missionsLocales: SubgraphDefinition = {
  profile: SUBGRAPHS['missions-locales'],
  entities,
  migrations,
  buildSchema,
  createLoaders,
  loadDemo,
  purgeExpired,
};
