import { SUBGRAPHS } from '../../platform/partners';
import type { SubgraphDefinition } from '../../platform/server/definition';
import { loadDemo } from './demo';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { buildSchema } from './schema';

/**
 * Éducation nationale: schools, EN solutions, FOQUALE networks, enrolments, GPDS signals, FOQUALE contracts
 * and their reviews.
 */
export const educationNationale: SubgraphDefinition = {
  profile: SUBGRAPHS['education-nationale'],
  entities,
  migrations,
  buildSchema,
  createLoaders,
  loadDemo,
  purgeExpired,
};
