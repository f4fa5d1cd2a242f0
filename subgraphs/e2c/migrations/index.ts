import { partnerKitMigrations } from '../../../platform/partner-kit/tables';

/** E2C keeps only the partner kit's tables: its sites, its pathways (offers) and its follow-ups. */
export const migrations = partnerKitMigrations('follow-ups');
