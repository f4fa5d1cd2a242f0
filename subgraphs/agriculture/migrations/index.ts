import { CreateAccessTrail1764000009000, CreateAccessTrailCheckpoints1764000009100 } from '../../../platform/audit/migration';
import { CreateDatasetMarker1763999999000 } from '../../../platform/database/dataset-marker';
import { CreateFollowUps1764000000200, CreateOffers1764000000100, CreateOrganisations1764000000000 } from '../../../platform/partner-kit/migrations';

/** Enseignement agricole keeps the partner kit's tables: organisations, offers and follow-ups. */
export const migrations = [CreateDatasetMarker1763999999000, CreateOrganisations1764000000000, CreateOffers1764000000100, CreateFollowUps1764000000200, CreateAccessTrail1764000009000, CreateAccessTrailCheckpoints1764000009100];
