import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { isHubId } from '../database/loaders';
import { AccessLogEntry } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import { Category } from '../policy/category';
import { readTrail, type StoredAccessRecord } from './trail';

/**
 * `accessLog(youngId)` (DESIGN.md §4): who accessed a person's data, merged across every
 * partner's trail. It works like `offers(filter)`: an `AccessLog` entity keyed by the person's
 * hub id, to which every subgraph contributes the records of its own trail (`<prefix>AccessRecords`
 * and `<prefix>AccessRecordCount`, @inaccessible), and which psad merges newest first.
 */

/**
 * How many of a person's records each subgraph contributes: its newest. A long trail then costs
 * what a short one does, and psad's merge is exact for any page up to this size (each subgraph
 * sent at least that many of its newest); `totalCount` still counts them all.
 */
export const ACCESS_RECORDS_PER_SUBGRAPH = 500;

/** The names of a subgraph's contribution to `AccessLog`, as they arrive in psad's representation. */
export function accessRecordsField(profile: SubgraphProfile): string {
  return `${profile.fieldPrefix}AccessRecords`;
}
export function accessRecordCountField(profile: SubgraphProfile): string {
  return `${profile.fieldPrefix}AccessRecordCount`;
}

/**
 * What an entry shows of a stored record: neither the other people the request concerned, nor the chain's
 * position and hashes.
 */
export function toAccessLogEntry(record: StoredAccessRecord, profile: SubgraphProfile): AccessLogEntry {
  return {
    at: record.at,
    partner: profile.partner,
    requestId: record.requestId,
    callerSub: record.callerSub,
    callerRole: record.callerRole,
    callerOrg: record.callerOrg,
    purpose: record.purpose,
    categoriesReturned: record.categoriesReturned,
    categoriesDenied: record.categoriesDenied,
    fieldsReturned: record.fieldsReturned,
    fieldsDenied: record.fieldsDenied,
  };
}

export interface AccessLogContribution {
  /** The subgraph's newest records about the person, newest first. */
  records: AccessLogEntry[];
  /** How many records about the person its trail holds in all. */
  total: number;
}

/**
 * One subgraph's part of a person's access log, read from its own trail in one statement. Any
 * string can arrive as an entity key: one that is not a hub id is about no one.
 */
export async function readAccessLog(
  db: DataSource,
  profile: SubgraphProfile,
  youngId: string,
): Promise<AccessLogContribution> {
  if (!isHubId(youngId)) return { records: [], total: 0 };
  const { records, total } = await readTrail(db, youngId, { newest: ACCESS_RECORDS_PER_SUBGRAPH });
  return { records: records.map((record) => toAccessLogEntry(record, profile)), total };
}

const reads = new WeakMap<object, Promise<AccessLogContribution>>();

/**
 * Both contribution fields come from one read, once per representation (a request may hold several people's
 * logs).
 */
function readOnce(
  log: { youngId: string },
  db: DataSource,
  profile: SubgraphProfile,
): Promise<AccessLogContribution> {
  let read = reads.get(log);
  if (!read) {
    read = readAccessLog(db, profile, log.youngId);
    reads.set(log, read);
  }
  return read;
}

/**
 * A partner's side of `AccessLog`: given the person's hub id, it contributes its own trail's
 * records about them. Both fields carry the ACCESS_LOG category, so that the subgraph's guard
 * decides again on them whatever the gateway did (defence in depth): only the person themself
 * and the DPO get anything. The guard decides the trail on the person's id alone (see
 * `trailSubject`) — no need for psad's attested subject, which would cost the followers of
 * every partner for a question that does not depend on them.
 */
export function defineAccessLogContribution(profile: SubgraphProfile) {
  @ObjectType('AccessLog')
  @Directive('@key(fields: "youngId")')
  class AccessLog {
    @Field(() => ID)
    youngId: string;
  }

  @Resolver(() => AccessLog)
  class AccessLogResolver {
    @FieldResolver(() => [AccessLogEntry], {
      name: accessRecordsField(profile),
      nullable: true,
      description: `${profile.label}’s newest records about the person, newest first.`,
    })
    @Directive('@inaccessible')
    @Category('ACCESS_LOG')
    async records(@Root() log: AccessLog, @Ctx() context: { db: DataSource }): Promise<AccessLogEntry[]> {
      return (await readOnce(log, context.db, profile)).records;
    }

    @FieldResolver(() => Int, {
      name: accessRecordCountField(profile),
      nullable: true,
      description: `How many records about the person ${profile.label}’s trail holds.`,
    })
    @Directive('@inaccessible')
    @Category('ACCESS_LOG')
    async total(@Root() log: AccessLog, @Ctx() context: { db: DataSource }): Promise<number> {
      return (await readOnce(log, context.db, profile)).total;
    }
  }

  const referenceResolvers = {
    AccessLog: {
      // Only the key: the trail is read by the fields above, once the guard has decided.
      __resolveReference(reference: { youngId: string }): { youngId: string } {
        return { youngId: reference.youngId };
      },
    },
  };
  return { AccessLog, AccessLogResolver, referenceResolvers };
}
