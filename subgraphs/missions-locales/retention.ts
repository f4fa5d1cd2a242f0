import { partnerKitRetention, retentionPurge } from '../../platform/partner-kit/tables';
import { SUBGRAPHS } from '../../platform/partners';

/**
 * The day the obligation de formation of the row's person ended, at the latest. It ends at 18,
 * but this database holds no birth date; it starts at 16 and the current status (`since`) cannot
 * predate that, so two years after `since` the person is 18 or older. Never earlier than the
 * true end: an obligation in force is never purged.
 */
const OBLIGATION_ENDED_BY = "(since + interval '2 years')::date";

/**
 * Missions locales: closed follow-ups (notes first); the obligation de formation once it has
 * ended (its steps first); place reservations no longer holding a place; closed offers no remaining follow-up
 * or reservation names.
 */
export const RETENTION_PLAN = partnerKitRetention(
  'follow-ups',
  {
    table: 'obligation_step',
    category: 'OBLIGATION_FORMATION',
    parent: { table: 'obligation_de_formation', key: 'young_id', foreignKey: 'young_id' },
    endsOn: OBLIGATION_ENDED_BY,
  },
  { table: 'obligation_de_formation', category: 'OBLIGATION_FORMATION', endsOn: OBLIGATION_ENDED_BY },
);

export const purgeExpired = retentionPurge(SUBGRAPHS['missions-locales'], RETENTION_PLAN);
