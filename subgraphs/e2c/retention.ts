import { partnerKitRetention, retentionPurge } from '../../platform/partner-kit/tables';
import { SUBGRAPHS } from '../../platform/partners';

/**
 * E2C: closed follow-ups (notes first); place reservations no longer holding a place; closed offers no
 * remaining follow-up or reservation names.
 */
export const RETENTION_PLAN = partnerKitRetention('follow-ups');

export const purgeExpired = retentionPurge(SUBGRAPHS.e2c, RETENTION_PLAN);
