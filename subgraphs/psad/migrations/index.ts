import { CreateDatasetMarker1763999999000 } from '../../../platform/database/dataset-marker';
import { CreatePsadTables1764000001000 } from './1764000001000-create-psad-tables';

export const migrations = [CreateDatasetMarker1763999999000, CreatePsadTables1764000001000];
