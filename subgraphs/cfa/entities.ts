import { FollowUpEventRecord, FollowUpRecord, OfferRecord, OrganisationRecord } from '../../platform/partner-kit/entities';

/** CFA: centres, apprenticeship and prépa-apprentissage places, and follow-ups with dated events. */
export const entities = [OrganisationRecord, OfferRecord, FollowUpRecord, FollowUpEventRecord];
