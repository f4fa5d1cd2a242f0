import { partnerKitMigrations } from '../../../platform/partner-kit/tables';

/** Enseignement agricole keeps the partner kit's tables: organisations, offers and follow-ups. */
export const migrations = partnerKitMigrations('follow-ups');
