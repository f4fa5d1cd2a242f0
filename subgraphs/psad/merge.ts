import { compareOffers, type OfferSearch } from '../../platform/graphql/offer-search';
import { encodeCursor } from '../../platform/graphql/pagination';
import type { AccessLogEntry, Offer, PageInfo, TrajectoryEvent } from '../../platform/graphql/types';

/** Event lists as they arrive from partners: dates are JSON strings, a missing partner's list is null. */
type ContributedEvent = Omit<TrajectoryEvent, 'at'> & { at: Date | string };

/**
 * One chronological list from psad's own events and every partner's contribution, limited to
 * [from, to]. Ties are broken by partner then id, so the order is the same on every call.
 */
export function mergeTrajectory(
  lists: (ContributedEvent[] | null | undefined)[],
  from?: Date | null,
  to?: Date | null,
): TrajectoryEvent[] {
  const events: TrajectoryEvent[] = [];
  for (const list of lists) {
    for (const event of list ?? []) {
      const at = event.at instanceof Date ? event.at : new Date(event.at);
      if (from && at < from) continue;
      if (to && at > to) continue;
      events.push({ ...event, at });
    }
  }
  return events.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      a.partner.localeCompare(b.partner) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export interface MergedOffers {
  nodes: Offer[];
  edges: { cursor: string; node: Offer }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Cuts the requested page out of the partners' contributions. Each partner returned its first
 * `offset + first` matches in the merge order, so the page of the merged list is exact.
 */
export function mergeOffers(
  contributions: { offers: Offer[] | null | undefined; count: number | null | undefined }[],
  search: OfferSearch,
): MergedOffers {
  const all = contributions.flatMap((c) => c.offers ?? []).sort(compareOffers);
  const totalCount = contributions.reduce((sum, c) => sum + (c.count ?? 0), 0);
  const nodes = all.slice(search.offset, search.offset + search.first);
  const edges = nodes.map((node, index) => ({
    cursor: encodeCursor({ offset: search.offset + index + 1 }),
    node,
  }));
  return {
    nodes,
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: search.offset + nodes.length < totalCount,
      hasPreviousPage: search.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Access records as they arrive from partners: dates are JSON strings, a missing partner's list is null. */
type ContributedAccessRecord = Omit<AccessLogEntry, 'at'> & { at: Date | string };

export interface MergedAccessLog {
  /** Every contributed record, newest first. */
  records: AccessLogEntry[];
  /** How many records the partners that answered hold about the person. */
  totalCount: number;
}

/**
 * One access log from every subgraph's newest records, newest first. Ties (one request served by
 * several partners within the same millisecond) are broken by partner then request id, so the
 * order is the same on every call. Each subgraph sent its newest records, so any prefix of the
 * merge no longer than what each sent is exact.
 */
export function mergeAccessRecords(
  contributions: {
    records: ContributedAccessRecord[] | null | undefined;
    count: number | null | undefined;
  }[],
): MergedAccessLog {
  const records = contributions
    .flatMap((contribution) => contribution.records ?? [])
    .map((record) => ({ ...record, at: record.at instanceof Date ? record.at : new Date(record.at) }))
    .sort(
      (a, b) =>
        b.at.getTime() - a.at.getTime() ||
        a.partner.localeCompare(b.partner) ||
        (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0),
    );
  return {
    records,
    totalCount: contributions.reduce((sum, contribution) => sum + (contribution.count ?? 0), 0),
  };
}
