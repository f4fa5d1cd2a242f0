import { partnerKitMigrations } from '../../../platform/partner-kit/tables';
import { CreateObligationDeFormation1764000004000 } from './1764000004000-create-obligation-de-formation';

/**
 * Missions locales keeps the partner kit's tables (organisations, offers, follow-ups) and the obligation de
 * formation.
 */
export const migrations = partnerKitMigrations('follow-ups', CreateObligationDeFormation1764000004000);
