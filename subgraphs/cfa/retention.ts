import type { EntityManager } from 'typeorm';
import {
  CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED,
  FOLLOW_UPS,
  FOLLOW_UP_EVENTS,
  PLACE_RESERVATIONS,
} from '../../platform/partner-kit/retention';
import { SUBGRAPHS } from '../../platform/partners';
import { runRetentionPlan, type PurgeReport, type RetentionPlan } from '../../platform/retention/purge';

/**
 * The day an apprenticeship contract ended: its break, or else its latest possible term. The
 * table records no normal end; a contract lasts at most three years (code du travail art.
 * L6222-7-1), plus one year when the apprentice failed the exam (art. L6222-11): four years after
 * it started, no unbroken contract can still be in force.
 */
const CONTRACT_ENDED_BY = "COALESCE(broken_on, (started_on + interval '4 years')::date)";

/**
 * CFA: closed follow-ups (notes first); ended apprenticeship contracts; place reservations no longer holding
 * a place; closed offers no remaining follow-up or reservation names.
 */
export const RETENTION_PLAN: RetentionPlan = [
  FOLLOW_UP_EVENTS,
  FOLLOW_UPS,
  { table: 'apprenticeship_contract', category: 'FOLLOW_UP_SUMMARY', endsOn: CONTRACT_ENDED_BY },
  PLACE_RESERVATIONS,
  CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED,
];

/** Deletes, in one transaction, what the CFA hold past its category's period on the day of `now`. */
export function purgeExpired(manager: EntityManager, now: Date): Promise<PurgeReport> {
  return runRetentionPlan(manager, now, SUBGRAPHS.cfa, RETENTION_PLAN);
}
