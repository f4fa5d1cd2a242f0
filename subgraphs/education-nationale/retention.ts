import type { EntityManager } from 'typeorm';
import { CLOSED_OFFERS_NO_LONGER_RESERVED, PLACE_RESERVATIONS } from '../../platform/partner-kit/retention';
import { SUBGRAPHS } from '../../platform/partners';
import { runRetentionPlan, type PurgeReport, type RetentionPlan } from '../../platform/retention/purge';

/**
 * Éducation nationale: the bilans de situation of a closed FOQUALE contract, then the contract
 * (an open one and its bilans stay); ended enrolments (a current one stays); GPDS signals from
 * the day they were raised (a dated observation, with no open state); place reservations no
 * longer holding a place; closed offers no reservation names. No follow-up table here, so nothing
 * else points at an offer (a contract names its solution by a global id, without a foreign key,
 * and keeps its `solution` text).
 */
export const RETENTION_PLAN: RetentionPlan = [
  {
    table: 'situation_review',
    category: 'FOQUALE_CONTRACT',
    parent: { table: 'foquale_contract', key: 'id', foreignKey: 'contract_id' },
    endsOn: 'closed_on',
  },
  { table: 'foquale_contract', category: 'FOQUALE_CONTRACT', endsOn: 'closed_on' },
  { table: 'enrolment', category: 'SCHOOLING', endsOn: 'ended_on' },
  { table: 'dropout_signal', category: 'SCHOOLING', endsOn: 'signalled_on' },
  PLACE_RESERVATIONS,
  CLOSED_OFFERS_NO_LONGER_RESERVED,
];

/**
 * Deletes, in one transaction, what Éducation nationale holds past its category's period on the day of `now`.
 */
export function purgeExpired(manager: EntityManager, now: Date): Promise<PurgeReport> {
  return runRetentionPlan(manager, now, SUBGRAPHS['education-nationale'], RETENTION_PLAN);
}
