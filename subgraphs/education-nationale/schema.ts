import { buildFederatedSchema } from '../../platform/graphql/federation';
import { SUBGRAPHS } from '../../platform/partners';
import { attestedAccess } from '../../platform/policy/subject';
import { FoqualeContractResolver, FoqualeNetworkResolver } from './resolvers/foquale.resolver';
import { OfferConnection, offerReference } from './resolvers/offer.resolver';
import { DropoutSignalResolver, EnrolmentResolver, SchoolResolver } from './resolvers/schooling.resolver';
import { YoungResolver, youngReference } from './resolvers/young.resolver';
import { Young } from './types/young.type';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [YoungResolver, EnrolmentResolver, DropoutSignalResolver, SchoolResolver, FoqualeContractResolver, FoqualeNetworkResolver],
    orphanedTypes: [Young, OfferConnection],
    referenceResolvers: { ...youngReference, ...offerReference },
    access: attestedAccess(SUBGRAPHS['education-nationale'].partner),
  });
}
