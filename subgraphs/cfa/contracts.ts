import { addYears } from '../../platform/calendar';
import type { ApprenticeshipContractRecord } from './entities';
import { ApprenticeshipStatus } from './types/contract.type';

/**
 * Usual length of an apprenticeship contract, in years, by diploma prepared. The hub does not
 * hold the contract's own end date, so COMPLETED is derived from these; a diploma not listed
 * here never counts as completed.
 */
const USUAL_YEARS: Record<string, number> = {
  CAP: 2,
  CAPA: 2,
  BP: 2,
  BPA: 2,
  'BAC PRO': 3,
  BTS: 2,
  BTSA: 2,
  MC: 1,
};

/** The status of a contract on `day` (ISO date): a break wins, then the usual length of its diploma. */
export function contractStatus(
  contract: Pick<ApprenticeshipContractRecord, 'diploma' | 'startedOn' | 'brokenOn'>,
  day: string,
): ApprenticeshipStatus {
  if (contract.brokenOn) return ApprenticeshipStatus.BROKEN;
  const years = USUAL_YEARS[contract.diploma.trim().toUpperCase()];
  return years !== undefined && addYears(contract.startedOn, years) <= day
    ? ApprenticeshipStatus.COMPLETED
    : ApprenticeshipStatus.ACTIVE;
}
