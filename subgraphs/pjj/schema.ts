import { buildFederatedSchema } from '../../platform/graphql/federation';
import { PjjSignalResolver } from './resolvers/signal.resolver';
import { YoungResolver, youngReference } from './resolvers/young.resolver';
import { Young } from './types/young.type';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [YoungResolver, PjjSignalResolver],
    orphanedTypes: [Young],
    referenceResolvers: youngReference,
  });
}
