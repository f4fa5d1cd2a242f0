import { buildFederatedSchema } from '../../platform/graphql/federation';
import { AccessLog, AccessLogResolver, accessLogReference } from './resolvers/access-log.resolver';
import { FollowUpResolver } from '../../platform/partner-kit/follow-ups';
import { ApprenticeshipContractResolver, ApprenticeshipYoungResolver } from './resolvers/contract.resolver';
import { OfferConnection, offerReference } from './resolvers/offer.resolver';
import { Young, YoungResolver, youngAccess, youngReference } from './resolvers/young.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [YoungResolver, ApprenticeshipYoungResolver, ApprenticeshipContractResolver, FollowUpResolver, AccessLogResolver],
    orphanedTypes: [Young, OfferConnection, AccessLog],
    referenceResolvers: { ...youngReference, ...offerReference, ...accessLogReference },
    access: youngAccess,
  });
}
