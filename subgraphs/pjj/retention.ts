import { partnerKitRetention, retentionPurge } from '../../platform/partner-kit/tables';
import { SUBGRAPHS } from '../../platform/partners';

/**
 * PJJ: a withdrawn signal, at the first purge after its withdrawal (PJJ_SIGNAL has no period); a published
 * one stays.
 */
export const RETENTION_PLAN = partnerKitRetention('organisations', {
  table: 'pjj_signal',
  category: 'PJJ_SIGNAL',
  endsOn: 'withdrawn_on',
});

export const purgeExpired = retentionPurge(SUBGRAPHS.pjj, RETENTION_PLAN);
