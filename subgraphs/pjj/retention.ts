import type { EntityManager } from 'typeorm';
import { SUBGRAPHS } from '../../platform/partners';
import { runRetentionPlan, type PurgeReport, type RetentionPlan } from '../../platform/retention/purge';

/**
 * PJJ: a withdrawn signal, at the first purge after its withdrawal (PJJ_SIGNAL has no period); a published
 * one stays.
 */
export const RETENTION_PLAN: RetentionPlan = [
  { table: 'pjj_signal', category: 'PJJ_SIGNAL', endsOn: 'withdrawn_on' },
];

/** Deletes, in one transaction, what the PJJ holds past its category's period on the day of `now`. */
export function purgeExpired(manager: EntityManager, now: Date): Promise<PurgeReport> {
  return runRetentionPlan(manager, now, SUBGRAPHS.pjj, RETENTION_PLAN);
}
