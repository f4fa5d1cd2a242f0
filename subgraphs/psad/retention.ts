import type { EntityManager } from 'typeorm';
import { SUBGRAPHS } from '../../platform/partners';
import {
  parisDayOf,
  runRetentionPlan,
  type PurgeReport,
  type RetentionPlan,
} from '../../platform/retention/purge';
import { OPPOSITION_CATEGORY } from './types/opposition.type';

/**
 * Whether psad holds nothing else about the person in `young` (the row being considered): every
 * table that says something about them besides the identity, its contact and its family. Checked
 * after those tables were purged, so "nothing else" means "nothing else within its period".
 */
const NOTHING_ELSE_ABOUT_THEM = [
  'NOT EXISTS (SELECT 1 FROM siei_listing WHERE siei_listing.young_id = young.id)',
  'NOT EXISTS (SELECT 1 FROM psad_case WHERE psad_case.young_id = young.id)',
  'NOT EXISTS (SELECT 1 FROM opposition WHERE opposition.young_id = young.id)',
  'NOT EXISTS (SELECT 1 FROM referral WHERE referral.young_id = young.id)',
].join(' AND ');

const OF_THE_PERSON = { table: 'young', key: 'id', foreignKey: 'young_id' };

/**
 * PSAD, children before parents:
 * - the contact attempts of a closed case (their coordinator's note makes them FOLLOW_UP_DETAIL),
 *   and its history of transitions and assignments (FOLLOW_UP_DETAIL too: each status change says
 *   why, in the coordinator's words), then the closed case itself; an open case, its contacts and
 *   its history stay; a reopened case keeps its whole history;
 * - SIEI listings from their detection;
 * - withdrawn oppositions, from the withdrawal (an opposition in force stays, and keeps the
 *   identity with it: it is a right the person exercises);
 * - answered referrals (fiches de liaison), from the answer, as follow-up summaries;
 * - the family, one year after the person comes of age, whatever else remains;
 * - last, the identity record and its contact details: only past the 30th birthday and when
 *   nothing of the above remains. psad cannot see the partners' databases, so a partner row
 *   still open past that age (an apprenticeship signed at 29) would outlive the identity it hangs
 *   on; the age bound is set past every programme's age limit to make that the exception.
 */
export const RETENTION_PLAN: RetentionPlan = [
  {
    table: 'case_contact',
    category: 'FOLLOW_UP_DETAIL',
    parent: { table: 'psad_case', key: 'id', foreignKey: 'case_id' },
    endsOn: 'closed_on',
  },
  {
    table: 'case_transition',
    category: 'FOLLOW_UP_DETAIL',
    parent: { table: 'psad_case', key: 'id', foreignKey: 'case_id' },
    endsOn: 'closed_on',
  },
  { table: 'psad_case', category: 'FOLLOW_UP_SUMMARY', endsOn: 'closed_on' },
  { table: 'siei_listing', category: 'SCHOOLING', endsOn: 'detected_on' },
  { table: 'opposition', category: OPPOSITION_CATEGORY, endsOn: parisDayOf('withdrawn_at') },
  // A referral, from its answer (a pending one stays): it was the grounds of a follow, kept as long as one.
  { table: 'referral', category: 'FOLLOW_UP_SUMMARY', endsOn: parisDayOf('decided_at') },
  {
    table: 'legal_representative',
    category: 'LEGAL_REPRESENTATIVES',
    parent: OF_THE_PERSON,
    endsOn: 'birth_date',
  },
  {
    table: 'young_contact',
    category: 'CONTACT',
    parent: OF_THE_PERSON,
    endsOn: 'birth_date',
    onlyIf: NOTHING_ELSE_ABOUT_THEM,
  },
  { table: 'young', category: 'IDENTITY', endsOn: 'birth_date', onlyIf: NOTHING_ELSE_ABOUT_THEM },
];

/** Deletes, in one transaction, what psad holds past its category's period on the day of `now`. */
export function purgeExpired(manager: EntityManager, now: Date): Promise<PurgeReport> {
  return runRetentionPlan(manager, now, SUBGRAPHS.psad, RETENTION_PLAN);
}
