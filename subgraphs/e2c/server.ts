import { definePartnerSubgraph } from '../../platform/partner-kit/subgraph';
import { loadDemo } from './demo';
import { entities } from './entities';
import { migrations } from './migrations';
import { purgeExpired } from './retention';
import { schema } from './schema';

/** École de la deuxième chance: its sites, its pathways and the follow-ups of its trainees. */
export const e2c = definePartnerSubgraph(schema, { entities, migrations, loadDemo, purgeExpired });
