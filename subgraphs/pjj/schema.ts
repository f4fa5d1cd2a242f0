import type { PartnerSchema } from '../../platform/partner-kit/subgraph';
import { createLoaders, type PjjLoaders } from './loaders';
import { PjjSignalResolver } from './resolvers/signal.resolver';
import { PjjSignalWriteResolver } from './resolvers/signal-writes.resolver';
import { YoungResolver } from './resolvers/young.resolver';
import { kit } from './types/young.type';

/** The PJJ's published signals, with the kit's access trail. */
export const schema: PartnerSchema<PjjLoaders> = {
  kit,
  resolvers: [YoungResolver, PjjSignalResolver, PjjSignalWriteResolver],
  createLoaders,
};
