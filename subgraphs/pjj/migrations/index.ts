import { partnerKitMigrations } from '../../../platform/partner-kit/tables';
import { CreatePjjSignals1764000003000 } from './1764000003000-create-pjj-signals';
import { OneSignalInForce1764000003100 } from './1764000003100-one-signal-in-force';

/**
 * The PJJ keeps its units (the kit's organisation table) and its published signals; no offers, no follow-ups.
 */
export const migrations = partnerKitMigrations(
  'organisations',
  CreatePjjSignals1764000003000,
  OneSignalInForce1764000003100,
);
