import { partnerKitMigrations } from '../../../platform/partner-kit/tables';
import { CreateEducationNationaleTables1764000002000 } from './1764000002000-create-education-nationale-tables';
import { FoqualeContractLifecycle1764000002100 } from './1764000002100-foquale-contract-lifecycle';

/**
 * The kit's schools (organisations) and offers, then the FOQUALE and schooling tables; no follow-up tables.
 */
export const migrations = partnerKitMigrations(
  'offers',
  CreateEducationNationaleTables1764000002000,
  FoqualeContractLifecycle1764000002100,
);
