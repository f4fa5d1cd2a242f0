import type { GraphQLSchema } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccessCollector } from '../audit/recorder';
import type { Caller } from '../auth/claims';
import type { RequestFacts } from '../auth/facts';
import type { WriteAttestation } from '../auth/internal-token';
import type { SubgraphStorage } from '../database/open';
import type { SubgraphProfile } from '../partners';
import type { GuardContext } from '../policy/context';
import type { PurgeReport } from '../retention/purge';
import type { NoticeContext } from './notices';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext<Loaders> extends GuardContext, NoticeContext {
  /** Collects what this request read about whom, for the subgraph's access trail. */
  access: AccessCollector;
  profile: SubgraphProfile;
  /**
   * The caller the gateway verified and vouched for in its internal token; nothing else about the caller is
   * trusted.
   */
  caller: Caller;
  /** The gateway's request id, taken from the same signed token. */
  requestId: string;
  /**
   * For a mutation, what the gateway gathered about each person it names, by hub id, from the same signed
   * token.
   */
  attestedSubjects: Readonly<Record<string, WriteAttestation>>;
  db: DataSource;
  /** This request's access facts: signed by this subgraph, or checked against their owner's key. */
  facts: RequestFacts;
  /** Per-request DataLoaders: created for each request, so batching never leaks data across callers. */
  loaders: Loaders;
}

/**
 * Everything that makes a subgraph, in the same shape for all seven. The server factory, the
 * composition script, the demo loader and the tests only ever see this.
 */
export interface SubgraphDefinition<Loaders = unknown, Demo = unknown> extends SubgraphStorage {
  buildSchema(): Promise<GraphQLSchema>;
  createLoaders(db: DataSource): Loaders;
  /**
   * Writes this partner's share of the demo dataset; called inside one transaction. The platform
   * does not know the demo's shape (demo/ sits above it): each subgraph names it.
   */
  loadDemo(manager: EntityManager, demo: Demo): Promise<void>;
  /**
   * Deletes, in one transaction, this partner's rows whose category's retention period
   * (platform/policy/retention.ts) ran out before `now`; never a row still open or in force.
   * Run by `npm run retention:purge`, as the schema owner.
   */
  purgeExpired(manager: EntityManager, now: Date): Promise<PurgeReport>;
}
