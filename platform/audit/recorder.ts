import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Caller } from '../auth/claims';
import { createLogger, messageLogger } from '../observability/logger';
import type { DataCategory } from '../policy/types';
import { appendAccessRecord, type AccessRecord } from './trail';

/**
 * What a subgraph request's resolvers tell the trail. Resolvers (or the policy check that guards
 * a field) call `note` for each personal field they return or refuse; the plugin below turns
 * everything noted during the request into one record.
 */
export interface AccessCollector {
  note(youngId: string, category: DataCategory, field: string, granted: boolean): void;
  /** The request's record, or null when nothing personal was touched (offers, aggregates, introspection). */
  record(): AccessRecord | null;
  /**
   * Writes what was noted so far as a record of its own, now, and starts afresh: a write calls it
   * before it writes anything, so that no write stands without its trace. Throws
   * AUDIT_UNAVAILABLE (nothing written then) when the trail cannot take it.
   */
  commit(): Promise<void>;
}

/** The part of a subgraph's context the trail plugin needs. */
export interface AuditedContext {
  access: AccessCollector;
}

export const AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE';
export const AUDIT_UNAVAILABLE_MESSAGE = 'The access trail could not be written: nothing is returned';

/**
 * One collector per request, created with the request's context; `append` writes a record to the
 * subgraph's trail (for `commit`).
 */
export function createAccessCollector(
  caller: Caller,
  requestId: string,
  at: Date = new Date(),
  append?: (record: AccessRecord) => Promise<unknown>,
): AccessCollector {
  const youngIds = new Set<string>();
  const categoriesReturned = new Set<DataCategory>();
  const categoriesDenied = new Set<DataCategory>();
  const fieldsReturned = new Set<string>();
  const fieldsDenied = new Set<string>();
  return {
    async commit() {
      const record = this.record();
      if (!record) return;
      if (!append) throw new Error('This access collector cannot write to a trail');
      try {
        await append(record);
      } catch {
        throw new GraphQLError('The access trail could not be written: nothing was written', {
          extensions: { code: AUDIT_UNAVAILABLE },
        });
      }
      for (const set of [youngIds, categoriesReturned, categoriesDenied, fieldsReturned, fieldsDenied])
        set.clear();
    },
    note(youngId, category, field, granted) {
      youngIds.add(youngId);
      (granted ? categoriesReturned : categoriesDenied).add(category);
      (granted ? fieldsReturned : fieldsDenied).add(field);
    },
    record() {
      if (youngIds.size === 0) return null;
      return {
        at,
        requestId,
        callerSub: caller.sub,
        callerRole: caller.role,
        callerOrg: caller.org,
        purpose: caller.purpose,
        youngIds: [...youngIds],
        categoriesReturned: [...categoriesReturned],
        categoriesDenied: [...categoriesDenied],
        fieldsReturned: [...fieldsReturned],
        fieldsDenied: [...fieldsDenied],
      };
    },
  };
}

/**
 * Writes one access record per subgraph request, after execution and before the response leaves,
 * and waits for its commit. If the record cannot be written, the response is replaced by an
 * AUDIT_UNAVAILABLE error with no data: nothing leaves the subgraph unaudited. (With graphql 16
 * there is no incremental delivery, so the whole response is still held here.)
 */
export function accessTrailPlugin(
  db: DataSource,
  log: (message: string) => void = messageLogger(createLogger('access-trail'), 'error'),
  /** Wraps each write (the subgraph times them: `hub_trail_write_duration_seconds`). */
  around: <T>(write: () => Promise<T>) => Promise<T> = (write) => write(),
): ApolloServerPlugin<AuditedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const record = contextValue.access.record();
          if (!record) return;
          try {
            await around(() => appendAccessRecord(db, record));
          } catch (error) {
            // The message only: a driver's detail could quote the row, and the row names young people.
            log(
              `[access-trail] request ${record.requestId}: ${error instanceof Error ? error.message : 'unknown error'}`,
            );
            response.body = {
              kind: 'single',
              singleResult: {
                data: null,
                errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: AUDIT_UNAVAILABLE } }],
              },
            };
          }
        },
      };
    },
  };
}
