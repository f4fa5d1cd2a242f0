import {
  In,
  type FindOptionsOrder,
  type FindOptionsWhere,
  type ObjectLiteral,
  type Repository,
} from 'typeorm';
import type DataLoader from 'dataloader';
import { requestLoader } from './batch-window';

/**
 * A per-request loader answering "all rows for this key" with one statement for every key
 * asked at the same level of the request (see BatchWindow). `fetch` must return rows for any
 * subset of the keys.
 */
export function groupLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return requestLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** A per-request loader answering "the row with this key, or null" with one statement per level. */
export function uniqueLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return requestLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, V>(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** The hub's pseudonymous ids are UUIDs. */
export const HUB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isHubId(value: string): boolean {
  return HUB_ID.test(value);
}

/**
 * Rows of `repository` about young people, grouped by `youngId`, in `order`. Any string can
 * arrive as an entity reference, so ids that are not hub ids match nothing here instead of
 * failing the whole batch in PostgreSQL; when none is left, no statement is sent.
 */
export function rowsByYoung<T extends ObjectLiteral & { youngId: string }>(
  repository: Repository<T>,
  order: FindOptionsOrder<T>,
) {
  return groupLoader(
    async (ids: readonly string[]) => {
      const valid = ids.filter(isHubId);
      return valid.length === 0
        ? []
        : repository.find({ where: { youngId: In(valid) } as FindOptionsWhere<T>, order });
    },
    (row: T) => row.youngId,
  );
}

/** The single row about each young person (e.g. a status), with the same hub-id guard as `rowsByYoung`. */
export function rowByYoung<T extends ObjectLiteral & { youngId: string }>(repository: Repository<T>) {
  return uniqueLoader(
    async (ids: readonly string[]) => {
      const valid = ids.filter(isHubId);
      return valid.length === 0 ? [] : repository.findBy({ youngId: In(valid) } as FindOptionsWhere<T>);
    },
    (row: T) => row.youngId,
  );
}

/** Rows by primary key `id` (uuid), one statement per level. */
export function rowById<T extends ObjectLiteral & { id: string }>(repository: Repository<T>) {
  return uniqueLoader(
    (ids: readonly string[]) => repository.findBy({ id: In([...ids]) } as FindOptionsWhere<T>),
    (row: T) => row.id,
  );
}
