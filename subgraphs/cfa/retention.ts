import { partnerKitRetention, retentionPurge } from '../../platform/partner-kit/tables';
import { SUBGRAPHS } from '../../platform/partners';

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
export const RETENTION_PLAN = partnerKitRetention('follow-ups', {
  table: 'apprenticeship_contract',
  category: 'FOLLOW_UP_SUMMARY',
  endsOn: CONTRACT_ENDED_BY,
});

export const purgeExpired = retentionPurge(SUBGRAPHS.cfa, RETENTION_PLAN);
