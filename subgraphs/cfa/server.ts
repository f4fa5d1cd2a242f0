import { definePartnerSubgraph } from '../../platform/partner-kit/subgraph';
import { loadDemo } from './demo';
import { entities } from './entities';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { schema } from './schema';

/** CFA: apprenticeship training centres, their places and the follow-ups of their apprentices. */
export const cfa = definePartnerSubgraph(schema, { entities, migrations, loadDemo, purgeExpired });
