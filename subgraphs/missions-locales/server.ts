import { definePartnerSubgraph } from '../../platform/partner-kit/subgraph';
import { loadDemo } from './demo';
import { entities } from './entities';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { schema } from './schema';

/**
 * Missions locales: sites, their programmes (CEJ, PACEA, service civique) and the follow-ups of the young
 * people they accompany.
 */
export const missionsLocales = definePartnerSubgraph(schema, {
  entities,
  migrations,
  loadDemo,
  purgeExpired,
});
