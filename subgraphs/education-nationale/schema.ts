import type { PartnerSchema } from '../../platform/partner-kit/subgraph';
import { createLoaders, type EducationNationaleLoaders } from './loaders';
import { DropoutSignalWriteResolver } from './resolvers/dropout-signal-writes.resolver';
import { FoqualeContractWriteResolver } from './resolvers/foquale-writes.resolver';
import { FoqualeContractResolver, FoqualeNetworkResolver } from './resolvers/foquale.resolver';
import { DropoutSignalResolver, EnrolmentResolver, SchoolResolver } from './resolvers/schooling.resolver';
import { kit, YoungResolver } from './resolvers/young.resolver';

/** Schooling, GPDS signals and FOQUALE contracts, with the kit's offers and reservations (no follow-ups). */
export const schema: PartnerSchema<EducationNationaleLoaders> = {
  kit,
  resolvers: [
    YoungResolver,
    EnrolmentResolver,
    DropoutSignalResolver,
    SchoolResolver,
    FoqualeContractResolver,
    FoqualeNetworkResolver,
    FoqualeContractWriteResolver,
    DropoutSignalWriteResolver,
  ],
  createLoaders,
};
