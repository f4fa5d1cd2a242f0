import {
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
} from '../../../platform/audit/migration';
import { CreateDatasetMarker1763999999000 } from '../../../platform/database/dataset-marker';
import { CreateIdempotentWrites1764000009500 } from '../../../platform/database/idempotency';
import { CreateOrganisations1764000000000 } from '../../../platform/partner-kit/migrations';
import { CreatePjjSignals1764000003000 } from './1764000003000-create-pjj-signals';
import { OneSignalInForce1764000003100 } from './1764000003100-one-signal-in-force';

/**
 * The PJJ keeps its units (the kit's organisation table) and its published signals; no offers, no follow-ups.
 */
export const migrations = [
  CreateDatasetMarker1763999999000,
  CreateOrganisations1764000000000,
  CreatePjjSignals1764000003000,
  OneSignalInForce1764000003100,
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
  CreateIdempotentWrites1764000009500,
];
