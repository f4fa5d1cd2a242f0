import { definePartnerSubgraph } from '../../platform/partner-kit/subgraph';
import { loadDemo } from './demo';
import { entities } from './entities';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { schema } from './schema';

/**
 * Enseignement agricole: lycées agricoles and CFPPA, their training places and the follow-ups of their
 * learners.
 */
export const agriculture = definePartnerSubgraph(schema, { entities, migrations, loadDemo, purgeExpired });
