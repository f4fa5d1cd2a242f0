import { definePartnerSubgraph } from '../../platform/partner-kit/subgraph';
import { loadDemo } from './demo';
import { entities } from './entities';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { schema } from './schema';

/**
 * Éducation nationale: schools, EN solutions, FOQUALE networks, enrolments, GPDS signals, FOQUALE contracts
 * and their reviews.
 */
export const educationNationale = definePartnerSubgraph(schema, {
  entities,
  migrations,
  loadDemo,
  purgeExpired,
});
