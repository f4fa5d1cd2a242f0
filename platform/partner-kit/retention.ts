import { parisDayOf, type ExpiringRows } from '../retention/purge';

/**
 * What expires in the partner kit's tables (migrations.ts), for every partner that holds them.
 * A partner's `retention.ts` lists these among its own, in this order: notes before their
 * follow-ups, follow-ups before the offers they name.
 */

/**
 * The dated steps and interview notes of a closed follow-up. FOLLOW_UP_DETAIL, the most sensitive
 * of what they hold (`FollowUp.events` is that category), although the trajectory also shows them
 * as summaries: the follow-up's own opening and closing stay until the follow-up goes.
 */
export const FOLLOW_UP_EVENTS: ExpiringRows = {
  table: 'follow_up_event',
  category: 'FOLLOW_UP_DETAIL',
  parent: { table: 'follow_up', key: 'id', foreignKey: 'follow_up_id' },
  endsOn: 'closed_on',
};

/** A follow-up from its closure; an open one (`closed_on` NULL) stays. */
export const FOLLOW_UPS: ExpiringRows = { table: 'follow_up', category: 'FOLLOW_UP_SUMMARY', endsOn: 'closed_on' };

/**
 * An offer from the day the partner closed it. One whose session merely ended is still the
 * partner's published offer until the partner closes it: when to close is the partner's call.
 */
export const CLOSED_OFFERS: ExpiringRows = { table: 'offer', category: 'OFFERS', endsOn: parisDayOf('closed_at') };

/**
 * The same, where follow-ups point at offers (`follow_up.offer_id` has a foreign key): an offer a
 * remaining follow-up names is kept with it, since the follow-up must still say what it was.
 */
export const CLOSED_OFFERS_NO_LONGER_NAMED: ExpiringRows = {
  ...CLOSED_OFFERS,
  onlyIf: 'NOT EXISTS (SELECT 1 FROM follow_up WHERE follow_up.offer_id = offer.id)',
};
