import { buildFederatedSchema } from '../../platform/graphql/federation';
import { AccessLog, AccessLogResolver, accessLogReference } from './resolvers/access-log.resolver';
import { PjjSignalResolver } from './resolvers/signal.resolver';
import { PjjSignalWriteResolver } from './resolvers/signal-writes.resolver';
import { YoungResolver, youngAccess, youngReference } from './resolvers/young.resolver';
import { Young } from './types/young.type';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [YoungResolver, PjjSignalResolver, PjjSignalWriteResolver, AccessLogResolver],
    orphanedTypes: [Young, AccessLog],
    referenceResolvers: { ...youngReference, ...accessLogReference },
    access: youngAccess,
  });
}
