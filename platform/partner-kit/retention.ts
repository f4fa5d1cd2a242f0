import { parisDayOf, type ExpiringRows } from '../retention/purge';

/**
 * What expires in the partner kit's tables (migrations.ts), for every partner that holds them.
 * `partnerKitRetention` (tables.ts) puts them around the partner's own rows, in this order: notes
 * before their follow-ups, follow-ups and reservations before the offers they name.
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
export const FOLLOW_UPS: ExpiringRows = {
  table: 'follow_up',
  category: 'FOLLOW_UP_SUMMARY',
  endsOn: 'closed_on',
};

/**
 * A place reservation from the day it stopped holding a place: its cancellation, or else the day
 * its offer ended or was closed (whichever came first). One on an offer still running stays.
 * Listed before the offers, which it points at.
 */
export const PLACE_RESERVATIONS: ExpiringRows = {
  table: 'place_reservation',
  category: 'FOLLOW_UP_SUMMARY',
  endsOn: `COALESCE(${parisDayOf('cancelled_at')},
    (SELECT LEAST(offer.ends_on, (offer.closed_at AT TIME ZONE 'Europe/Paris')::date) FROM offer WHERE offer.id = place_reservation.offer_id))`,
};

/** A reservation names its offer (foreign key): the offer stays while one does. */
const NOT_RESERVED =
  'NOT EXISTS (SELECT 1 FROM place_reservation WHERE place_reservation.offer_id = offer.id)';

/**
 * An offer from the day the partner closed it. One whose session merely ended is still the
 * partner's published offer until the partner closes it: when to close is the partner's call.
 */
export const CLOSED_OFFERS: ExpiringRows = {
  table: 'offer',
  category: 'OFFERS',
  endsOn: parisDayOf('closed_at'),
};

/**
 * The same where place reservations are kept (every partner holding offers, since reservations came): no
 * remaining reservation names it.
 */
export const CLOSED_OFFERS_NO_LONGER_RESERVED: ExpiringRows = { ...CLOSED_OFFERS, onlyIf: NOT_RESERVED };

/**
 * The same, where follow-ups point at offers (`follow_up.offer_id` has a foreign key): an offer a
 * remaining follow-up names is kept with it, since the follow-up must still say what it was.
 */
export const CLOSED_OFFERS_NO_LONGER_NAMED: ExpiringRows = {
  ...CLOSED_OFFERS,
  onlyIf: 'NOT EXISTS (SELECT 1 FROM follow_up WHERE follow_up.offer_id = offer.id)',
};

/**
 * The same, with place reservations kept too: neither a remaining follow-up nor a remaining reservation names
 * it.
 */
export const CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED: ExpiringRows = {
  ...CLOSED_OFFERS,
  onlyIf: `${CLOSED_OFFERS_NO_LONGER_NAMED.onlyIf} AND ${NOT_RESERVED}`,
};
