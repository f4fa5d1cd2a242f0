import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import {
  ACCESS_RECORDS_PER_SUBGRAPH,
  accessRecordCountField,
  accessRecordsField,
  readAccessLog,
} from '../../../platform/audit/access-log';
import { isHubId } from '../../../platform/database/loaders';
import { AccessLogEntry } from '../../../platform/graphql/types';
import { CONTRIBUTING_SUBGRAPHS, SUBGRAPHS } from '../../../platform/partners';
import { Category } from '../../../platform/policy/category';
import { DEPENDS_ON_ROW, decideWithoutSubject } from '../../../platform/policy/engine';
import { forbidden } from '../../../platform/policy/guard';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import type { PsadLoaders } from '../loaders';
import { mergeAccessRecords, type MergedAccessLog } from '../merge';
import { AccessLog, REQUIRES_ACCESS_RECORDS, YoungExport } from '../types/access-log.type';
import { Young } from '../types/young.type';
import { findReadable } from './young.resolver';

type Context = SubgraphContext<PsadLoaders>;
type AccessLogRepresentation = Record<string, unknown> & { youngId: string };

function checkHubId(youngId: string): void {
  if (!isHubId(youngId)) throw badUserInput(`"${youngId.slice(0, 40)}" is not a hub id (a UUID)`, 'youngId');
}

/*
 * Who may read a log: the ACCESS_LOG category (rules.ts) grants it to the person themself (SELF)
 * and to the DPO, to no one else. `@Category('ACCESS_LOG')` on the fields below makes the gateway
 * refuse every other role before any subgraph is called, and psad's guard decide SELF on the
 * `youngId` argument or parent; every partner's guard decides again on its own contribution.
 * Guarded reads are traced under ACCESS_LOG only (see guard.ts): the log is not case content.
 */
@Resolver(() => AccessLog)
export class AccessLogResolver {
  @Query(() => AccessLog, {
    nullable: true,
    description:
      'Who accessed this young person’s data, when, what and why, across every partner (newest first). For the person themself and the DPO only; ' +
      'the records are kept even when the person’s record is not (retention), so any hub id is accepted.',
  })
  @Category('ACCESS_LOG')
  accessLog(@Arg('youngId', () => ID) youngId: string): Pick<AccessLog, 'youngId'> {
    checkHubId(youngId);
    return { youngId };
  }

  @FieldResolver(() => [AccessLogEntry], {
    description: `The newest records first, from every partner that answered (a partner that could not is named in \`errors\`); at most ${ACCESS_RECORDS_PER_SUBGRAPH}.`,
  })
  @Directive(REQUIRES_ACCESS_RECORDS)
  @Category('ACCESS_LOG')
  async records(
    @Root() log: AccessLogRepresentation,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: Context,
  ): Promise<AccessLogEntry[]> {
    // Each subgraph sends its newest ACCESS_RECORDS_PER_SUBGRAPH: a longer page would no longer be exact.
    if (!Number.isInteger(first) || first < 0 || first > ACCESS_RECORDS_PER_SUBGRAPH) {
      throw badUserInput(
        `"first" must be between 0 and ${ACCESS_RECORDS_PER_SUBGRAPH}, got ${first}`,
        'first',
      );
    }
    return (await merged(log, context)).records.slice(0, first);
  }

  @FieldResolver(() => Int, {
    description: 'How many records the partners that answered hold about the person, beyond the page too.',
  })
  @Directive(REQUIRES_ACCESS_RECORDS)
  @Category('ACCESS_LOG')
  async totalCount(@Root() log: AccessLogRepresentation, @Ctx() context: Context): Promise<number> {
    return (await merged(log, context)).totalCount;
  }
}

const mergedCache = new WeakMap<object, Promise<MergedAccessLog>>();

/**
 * psad's own trail and the partners' contributions, merged once per representation however many of its fields
 * were asked.
 */
function merged(log: AccessLogRepresentation, context: Context): Promise<MergedAccessLog> {
  let result = mergedCache.get(log);
  if (!result) {
    result = readAccessLog(context.db, SUBGRAPHS.psad, log.youngId).then((own) =>
      mergeAccessRecords([
        { records: own.records, count: own.total },
        ...CONTRIBUTING_SUBGRAPHS.map((name) => ({
          records: log[accessRecordsField(SUBGRAPHS[name])] as AccessLogEntry[] | null | undefined,
          count: log[accessRecordCountField(SUBGRAPHS[name])] as number | null | undefined,
        })),
      ]),
    );
    mergedCache.set(log, result);
  }
  return result;
}

/**
 * The right of access (RGPD art. 15, DESIGN.md §5): the person's record and their access log in
 * one answer. The same audience as the log — the person themself, or the DPO on their behalf —
 * hence the same category. The record is the `Young` entity itself, so every partner's fields
 * resolve through the federated path under their own categories: the person sees all of it
 * (`young` holds SELF on every case category). The DPO holds no case-content grant, not even the
 * identity: for the DPO the export carries the log and the hub id only, and `young` is refused
 * explicitly — the DPO sends the log to the person, who gets their record with their own access.
 */
@Resolver(() => YoungExport)
export class YoungExportResolver {
  @Query(() => YoungExport, {
    nullable: true,
    description:
      'A young person’s copy of what the hub holds about them and of who accessed it (RGPD art. 15): for the person themself; the DPO, acting on ' +
      'their behalf, gets the access log but no case content.',
  })
  @Category('ACCESS_LOG')
  exportYoung(@Arg('youngId', () => ID) youngId: string, @Ctx() context: Context): YoungExport {
    checkHubId(youngId);
    return { youngId, generatedAt: context.now() };
  }

  @FieldResolver(() => Young, {
    nullable: true,
    description: 'The record, with every partner’s fields; null when the hub holds no record for this id.',
  })
  async young(@Root() copy: YoungExport, @Ctx() context: Context): Promise<Young | null> {
    // What `young(id)` would answer this caller, with the refusal said rather than a silent null:
    // a caller with no grant on identities at all (the DPO) is refused before the record is read.
    const operation = decideWithoutSubject(context.caller, 'IDENTITY', context.now());
    if (operation !== DEPENDS_ON_ROW && !operation.allowed) {
      context.access.note(copy.youngId, 'IDENTITY', 'YoungExport.young', false);
      throw forbidden('YoungExport.young', 'IDENTITY', operation.reason);
    }
    return findReadable(copy.youngId, context);
  }

  @FieldResolver(() => AccessLog, { description: 'Who accessed the person’s data, across every partner.' })
  accessLog(@Root() copy: YoungExport): Pick<AccessLog, 'youngId'> {
    return { youngId: copy.youngId };
  }
}

export const accessLogReference = {
  AccessLog: {
    // The representation carries the partners' contributions, which `merged` reads.
    __resolveReference(reference: AccessLogRepresentation): AccessLogRepresentation {
      return reference;
    },
  },
};
