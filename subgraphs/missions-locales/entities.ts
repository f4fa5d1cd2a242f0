import { FollowUpEventRecord, FollowUpRecord, OfferRecord, OrganisationRecord } from '../../platform/partner-kit/entities';

/** Missions locales: sites, programmes (CEJ, PACEA, service civique), and follow-ups with dated events. */
export const entities = [OrganisationRecord, OfferRecord, FollowUpRecord, FollowUpEventRecord];
