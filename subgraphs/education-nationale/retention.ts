import { partnerKitRetention, retentionPurge } from '../../platform/partner-kit/tables';
import { SUBGRAPHS } from '../../platform/partners';

/**
 * Éducation nationale: the bilans de situation of a closed FOQUALE contract, then the contract
 * (an open one and its bilans stay); ended enrolments (a current one stays); GPDS signals from
 * the day they were raised (a dated observation, with no open state); place reservations no
 * longer holding a place; closed offers no reservation names. No follow-up table here, so nothing
 * else points at an offer (a contract names its solution by a global id, without a foreign key,
 * and keeps its `solution` text).
 */
export const RETENTION_PLAN = partnerKitRetention(
  'offers',
  {
    table: 'situation_review',
    category: 'FOQUALE_CONTRACT',
    parent: { table: 'foquale_contract', key: 'id', foreignKey: 'contract_id' },
    endsOn: 'closed_on',
  },
  { table: 'foquale_contract', category: 'FOQUALE_CONTRACT', endsOn: 'closed_on' },
  { table: 'enrolment', category: 'SCHOOLING', endsOn: 'ended_on' },
  { table: 'dropout_signal', category: 'SCHOOLING', endsOn: 'signalled_on' },
);

export const purgeExpired = retentionPurge(SUBGRAPHS['education-nationale'], RETENTION_PLAN);
