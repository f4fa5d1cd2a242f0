import { buildFederatedSchema } from '../../platform/graphql/federation';
import { CandidateOffersResolver } from './resolvers/suggestion.resolver';
import { AccessLog, AccessLogResolver, accessLogReference } from './resolvers/access-log.resolver';
import { FoqualeContractResolver, FoqualeNetworkResolver } from './resolvers/foquale.resolver';
import { DropoutSignalWriteResolver } from './resolvers/dropout-signal-writes.resolver';
import { FoqualeContractWriteResolver } from './resolvers/foquale-writes.resolver';
import { OfferConnection, offerReference } from './resolvers/offer.resolver';
import { DropoutSignalResolver, EnrolmentResolver, SchoolResolver } from './resolvers/schooling.resolver';
import { YoungResolver, offerWriteResolvers, youngAccess, youngReference } from './resolvers/young.resolver';
import { Young } from './types/young.type';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      YoungResolver,
      EnrolmentResolver,
      DropoutSignalResolver,
      SchoolResolver,
      FoqualeContractResolver,
      FoqualeNetworkResolver,
      FoqualeContractWriteResolver,
      DropoutSignalWriteResolver,
      AccessLogResolver,
      ...offerWriteResolvers,
      CandidateOffersResolver,
    ],
    orphanedTypes: [Young, OfferConnection, AccessLog],
    referenceResolvers: { ...youngReference, ...offerReference, ...accessLogReference },
    access: youngAccess,
  });
}
