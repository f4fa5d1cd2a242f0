import { compareOffers, type OfferSearch } from '../../platform/graphql/offer-search';
import { encodeCursor } from '../../platform/graphql/pagination';
import type { Offer, PageInfo, TrajectoryEvent } from '../../platform/graphql/types';

/** Event lists as they arrive from partners: dates are JSON strings, a missing partner's list is null. */
type ContributedEvent = Omit<TrajectoryEvent, 'at'> & { at: Date | string };

/**
 * One chronological list from psad's own events and every partner's contribution, limited to
 * [from, to]. Ties are broken by partner then id, so the order is the same on every call.
 */
export function mergeTrajectory(lists: (ContributedEvent[] | null | undefined)[], from?: Date | null, to?: Date | null): TrajectoryEvent[] {
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
    (a, b) => a.at.getTime() - b.at.getTime() || a.partner.localeCompare(b.partner) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
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
export function mergeOffers(contributions: { offers: Offer[] | null | undefined; count: number | null | undefined }[], search: OfferSearch): MergedOffers {
  const all = contributions.flatMap((c) => c.offers ?? []).sort(compareOffers);
  const totalCount = contributions.reduce((sum, c) => sum + (c.count ?? 0), 0);
  const nodes = all.slice(search.offset, search.offset + search.first);
  const edges = nodes.map((node, index) => ({ cursor: encodeCursor({ offset: search.offset + index + 1 }), node }));
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
