import {
  FollowUpEventRecord,
  FollowUpRecord,
  OfferRecord,
  OrganisationRecord,
  PlaceReservationRecord,
} from '../../platform/partner-kit/entities';

/**
 * E2C sites are organisations; the E2C pathway is an offer; each trainee has a follow-up with dated events.
 */
export const entities = [
  OrganisationRecord,
  OfferRecord,
  PlaceReservationRecord,
  FollowUpRecord,
  FollowUpEventRecord,
];
