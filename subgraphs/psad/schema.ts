import { buildFederatedSchema } from '../../platform/graphql/federation';
import { PsadCaseResolver } from './resolvers/case.resolver';
import { OfferResolver, offerReference } from './resolvers/offer.resolver';
import { TerritoryResolver } from './resolvers/territory.resolver';
import { YoungResolver, youngReference } from './resolvers/young.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [YoungResolver, PsadCaseResolver, TerritoryResolver, OfferResolver],
    referenceResolvers: { ...youngReference, ...offerReference },
  });
}
