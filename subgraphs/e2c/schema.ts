import { buildFederatedSchema } from '../../platform/graphql/federation';
import { SUBGRAPHS } from '../../platform/partners';
import { attestedAccess } from '../../platform/policy/subject';
import { AccessLog, AccessLogResolver, accessLogReference } from './resolvers/access-log.resolver';
import { FollowUpResolver } from '../../platform/partner-kit/follow-ups';
import { OfferConnection, offerReference } from './resolvers/offer.resolver';
import { Young, YoungResolver, youngReference } from './resolvers/young.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [YoungResolver, FollowUpResolver, AccessLogResolver],
    orphanedTypes: [Young, OfferConnection, AccessLog],
    referenceResolvers: { ...youngReference, ...offerReference, ...accessLogReference },
    access: attestedAccess(SUBGRAPHS.e2c.partner),
  });
}
