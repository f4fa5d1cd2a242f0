import { definePartnerSubgraph } from '../../platform/partner-kit/subgraph';
import { loadDemo } from './demo';
import { entities } from './entities';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { schema } from './schema';

/**
 * PJJ, the firewall: its units and the signals it chose to publish; judicial measures never enter the hub.
 */
export const pjj = definePartnerSubgraph(schema, { entities, migrations, loadDemo, purgeExpired });
