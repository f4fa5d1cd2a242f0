import {
  FollowUpEventRecord,
  FollowUpRecord,
  OfferRecord,
  OrganisationRecord,
  PlaceReservationRecord,
} from '../../platform/partner-kit/entities';

/** Enseignement agricole: lycées agricoles and CFPPA, training places, and follow-ups with dated events. */
export const entities = [
  OrganisationRecord,
  OfferRecord,
  PlaceReservationRecord,
  FollowUpRecord,
  FollowUpEventRecord,
];
