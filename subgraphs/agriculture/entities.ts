import { partnerKitEntities } from '../../platform/partner-kit/tables';

/** Enseignement agricole: lycées agricoles and CFPPA, training places, and follow-ups with dated events. */
export const entities = partnerKitEntities('follow-ups');
