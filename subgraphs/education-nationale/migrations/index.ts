import { CreateAccessTrail1764000009000, CreateAccessTrailCheckpoints1764000009100 } from '../../../platform/audit/migration';
import { CreateDatasetMarker1763999999000 } from '../../../platform/database/dataset-marker';
import { CreateOffers1764000000100, CreateOrganisations1764000000000 } from '../../../platform/partner-kit/migrations';
import { CreateEducationNationaleTables1764000002000 } from './1764000002000-create-education-nationale-tables';

/** The kit's schools (organisations) and offers, then the FOQUALE and schooling tables; no follow-up tables. */
export const migrations = [CreateDatasetMarker1763999999000, CreateOrganisations1764000000000, CreateOffers1764000000100, CreateEducationNationaleTables1764000002000, CreateAccessTrail1764000009000, CreateAccessTrailCheckpoints1764000009100];
