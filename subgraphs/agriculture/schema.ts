import { buildFederatedSchema } from '../../platform/graphql/federation';
import { CandidateOffersResolver } from './resolvers/suggestion.resolver';
import { AccessLog, AccessLogResolver, accessLogReference } from './resolvers/access-log.resolver';
import { FollowUpResolver } from '../../platform/partner-kit/follow-ups';
import { OfferConnection, offerReference } from './resolvers/offer.resolver';
import {
  Young,
  YoungResolver,
  youngAccess,
  youngReference,
  youngWriteResolvers,
} from './resolvers/young.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      YoungResolver,
      FollowUpResolver,
      AccessLogResolver,
      ...youngWriteResolvers,
      CandidateOffersResolver,
    ],
    orphanedTypes: [Young, OfferConnection, AccessLog],
    referenceResolvers: { ...youngReference, ...offerReference, ...accessLogReference },
    access: youngAccess,
  });
}
