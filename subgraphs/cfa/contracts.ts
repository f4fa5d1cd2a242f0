import type { ApprenticeshipContractRecord } from './entities';
import { ApprenticeshipStatus } from './types/contract.type';

/**
 * Usual length of an apprenticeship contract, in months, by diploma prepared. The hub does not
 * hold the contract's own end date, so COMPLETED is derived from these; a diploma not listed
 * here never counts as completed.
 */
const USUAL_MONTHS: Record<string, number> = {
  CAP: 24,
  CAPA: 24,
  BP: 24,
  BPA: 24,
  'BAC PRO': 36,
  BTS: 24,
  BTSA: 24,
  MC: 12,
};

function addMonths(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** The status of a contract on `day` (ISO date): a break wins, then the usual length of its diploma. */
export function contractStatus(
  contract: Pick<ApprenticeshipContractRecord, 'diploma' | 'startedOn' | 'brokenOn'>,
  day: string,
): ApprenticeshipStatus {
  if (contract.brokenOn) return ApprenticeshipStatus.BROKEN;
  const months = USUAL_MONTHS[contract.diploma.trim().toUpperCase()];
  return months !== undefined && addMonths(contract.startedOn, months) <= day
    ? ApprenticeshipStatus.COMPLETED
    : ApprenticeshipStatus.ACTIVE;
}
