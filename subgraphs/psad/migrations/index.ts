import {
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
} from '../../../platform/audit/migration';
import { CreateFollowOpenings1764000009600 } from '../../../platform/audit/follow-register';
import { CreateDatasetMarker1763999999000 } from '../../../platform/database/dataset-marker';
import { CreatePsadTables1764000001000 } from './1764000001000-create-psad-tables';
import { CreateOpposition1764000001100 } from './1764000001100-create-opposition';
import { CreateContacts1764000001200 } from './1764000001200-create-contacts';
import { CreateCaseWorkflow1764000001300 } from './1764000001300-case-workflow';
import { CreateIdempotentWrites1764000009500 } from '../../../platform/database/idempotency';
import { AddBassinCoordinates1764000001900 } from './1764000001900-bassin-coordinates';
import { OppositionByHubId1764000001950 } from './1764000001950-opposition-by-hub-id';
import { OrganisationDirectory1764000001970 } from './1764000001970-organisation-directory';
import { CreateReferrals1764000002000 } from './1764000002000-referrals';

export const migrations = [
  CreateDatasetMarker1763999999000,
  CreatePsadTables1764000001000,
  CreateOpposition1764000001100,
  CreateContacts1764000001200,
  CreateCaseWorkflow1764000001300,
  AddBassinCoordinates1764000001900,
  OppositionByHubId1764000001950,
  OrganisationDirectory1764000001970,
  CreateReferrals1764000002000,
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
  CreateIdempotentWrites1764000009500,
  CreateFollowOpenings1764000009600,
];
