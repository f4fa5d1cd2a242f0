import { CreateAccessTrail1764000009000, CreateAccessTrailCheckpoints1764000009100 } from '../../../platform/audit/migration';
import { CreateDatasetMarker1763999999000 } from '../../../platform/database/dataset-marker';
import { CreateFollowUps1764000000200, CreateOffers1764000000100, CreateOrganisations1764000000000 } from '../../../platform/partner-kit/migrations';

/** E2C keeps only the partner kit's tables: its sites, its pathways (offers) and its follow-ups. */
export const migrations = [CreateDatasetMarker1763999999000, CreateOrganisations1764000000000, CreateOffers1764000000100, CreateFollowUps1764000000200, CreateAccessTrail1764000009000, CreateAccessTrailCheckpoints1764000009100];
