import { partnerKitMigrations } from '../../../platform/partner-kit/tables';
import { CreateApprenticeshipContracts1764000005000 } from './1764000005000-create-apprenticeship-contracts';

/**
 * CFA keeps the partner kit's tables (organisations, offers, follow-ups) and its apprenticeship contracts.
 */
export const migrations = partnerKitMigrations('follow-ups', CreateApprenticeshipContracts1764000005000);
