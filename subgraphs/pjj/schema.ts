import { buildFederatedSchema } from '../../platform/graphql/federation';
import { SUBGRAPHS } from '../../platform/partners';
import { attestedAccess } from '../../platform/policy/subject';
import { PjjSignalResolver } from './resolvers/signal.resolver';
import { YoungResolver, youngReference } from './resolvers/young.resolver';
import { Young } from './types/young.type';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [YoungResolver, PjjSignalResolver],
    orphanedTypes: [Young],
    referenceResolvers: youngReference,
    access: attestedAccess(SUBGRAPHS.pjj.partner),
  });
}
