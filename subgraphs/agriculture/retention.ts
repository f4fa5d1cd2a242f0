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
 * Enseignement agricole: closed follow-ups (notes first); place reservations no longer holding a place;
 * closed offers no remaining follow-up or reservation names.
 */
export const RETENTION_PLAN: RetentionPlan = [
  FOLLOW_UP_EVENTS,
  FOLLOW_UPS,
  PLACE_RESERVATIONS,
  CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED,
];

/**
 * Deletes, in one transaction, what the enseignement agricole holds past its category's period on the day of
 * `now`.
 */
export function purgeExpired(manager: EntityManager, now: Date): Promise<PurgeReport> {
  return runRetentionPlan(manager, now, SUBGRAPHS.agriculture, RETENTION_PLAN);
}
