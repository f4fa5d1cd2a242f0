import {
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
} from '../../../platform/audit/migration';
import { CreateDatasetMarker1763999999000 } from '../../../platform/database/dataset-marker';
import { CreateIdempotentWrites1764000009500 } from '../../../platform/database/idempotency';
import {
  CreateOffers1764000000100,
  CreateOrganisations1764000000000,
} from '../../../platform/partner-kit/migrations';
import { AddOfferAudiences1764000000900 } from '../../../platform/partner-kit/offer-audience-migration';
import {
  AddOfferWrites1764000000400,
  CreatePlaceReservations1764000000300,
} from '../../../platform/partner-kit/write-migrations';
import { CreateEducationNationaleTables1764000002000 } from './1764000002000-create-education-nationale-tables';
import { FoqualeContractLifecycle1764000002100 } from './1764000002100-foquale-contract-lifecycle';

/**
 * The kit's schools (organisations) and offers, then the FOQUALE and schooling tables; no follow-up tables.
 */
export const migrations = [
  CreateDatasetMarker1763999999000,
  CreateOrganisations1764000000000,
  CreateOffers1764000000100,
  CreatePlaceReservations1764000000300,
  AddOfferWrites1764000000400,
  AddOfferAudiences1764000000900,
  CreateEducationNationaleTables1764000002000,
  FoqualeContractLifecycle1764000002100,
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
  CreateIdempotentWrites1764000009500,
];
