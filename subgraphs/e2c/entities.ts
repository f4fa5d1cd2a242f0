import { partnerKitEntities } from '../../platform/partner-kit/tables';

/**
 * E2C sites are organisations; the E2C pathway is an offer; each trainee has a follow-up with dated events.
 */
export const entities = partnerKitEntities('follow-ups');
