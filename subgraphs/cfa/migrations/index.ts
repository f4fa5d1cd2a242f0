import {
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
} from '../../../platform/audit/migration';
import { CreateDatasetMarker1763999999000 } from '../../../platform/database/dataset-marker';
import { CreateIdempotentWrites1764000009500 } from '../../../platform/database/idempotency';
import {
  CreateFollowUps1764000000200,
  CreateOffers1764000000100,
  CreateOrganisations1764000000000,
} from '../../../platform/partner-kit/migrations';
import { AddOfferAudiences1764000000900 } from '../../../platform/partner-kit/offer-audience-migration';
import {
  AddFollowUpWrites1764000000500,
  OneOpenFollowUpPerOrganisation1764000000600,
  AddOfferWrites1764000000400,
  CreatePlaceReservations1764000000300,
} from '../../../platform/partner-kit/write-migrations';
import { CreateApprenticeshipContracts1764000005000 } from './1764000005000-create-apprenticeship-contracts';

/**
 * CFA keeps the partner kit's tables (organisations, offers, follow-ups) and its apprenticeship contracts.
 */
export const migrations = [
  CreateDatasetMarker1763999999000,
  CreateOrganisations1764000000000,
  CreateOffers1764000000100,
  CreateFollowUps1764000000200,
  CreatePlaceReservations1764000000300,
  AddOfferWrites1764000000400,
  AddOfferAudiences1764000000900,
  AddFollowUpWrites1764000000500,
  OneOpenFollowUpPerOrganisation1764000000600,
  CreateApprenticeshipContracts1764000005000,
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
  CreateIdempotentWrites1764000009500,
];
