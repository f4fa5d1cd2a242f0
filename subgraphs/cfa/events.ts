import { instantOn } from '../../platform/calendar';
import { TrajectoryEventKind, type TrajectoryEvent } from '../../platform/graphql/types';
import { globalId } from '../../platform/partner-kit/offers';
import type { YoungReference } from '../../platform/partner-kit/young';
import type { SubgraphProfile } from '../../platform/partners';
import type { ApprenticeshipContractRecord } from './entities';
import { cfaOf, type CfaContext } from './loaders';

const BREAK_LABELS: Record<string, string> = {
  EMPLOYER_INITIATIVE: 'à l’initiative de l’employeur',
  APPRENTICE_INITIATIVE: 'à l’initiative de l’apprenti(e)',
  MUTUAL_AGREEMENT: 'd’un commun accord',
  TRIAL_PERIOD: 'pendant la période d’essai',
};

/**
 * A contract's start, and its break if any, as trajectory events naming the trade, the employer and the CFA.
 */
export function contractEvents(
  profile: SubgraphProfile,
  contract: ApprenticeshipContractRecord,
  cfaName: string,
): TrajectoryEvent[] {
  const what = `${contract.diploma} ${contract.trade} chez ${contract.employer} (${cfaName})`;
  const events: TrajectoryEvent[] = [
    {
      id: globalId(profile, `${contract.id}:started`),
      partner: profile.partner,
      at: instantOn(contract.startedOn, '09:00'),
      kind: TrajectoryEventKind.APPRENTICESHIP_STARTED,
      summary: `Entrée en apprentissage : ${what}`,
    },
  ];
  if (contract.brokenOn) {
    const reason = contract.breakReason
      ? ` ${BREAK_LABELS[contract.breakReason] ?? contract.breakReason}`
      : '';
    events.push({
      id: globalId(profile, `${contract.id}:broken`),
      partner: profile.partner,
      at: instantOn(contract.brokenOn, '17:00'),
      kind: TrajectoryEventKind.APPRENTICESHIP_BROKEN,
      summary: `Rupture du contrat d’apprentissage${reason} : ${what}`,
    });
  }
  return events;
}

/** The CFA's events beyond follow-ups (the kit's `extraEvents`): its apprenticeship contracts. */
export async function apprenticeshipEvents(
  young: YoungReference,
  context: CfaContext,
): Promise<TrajectoryEvent[]> {
  const contracts = await context.loaders.contractsByYoung.load(young.id);
  // The CFAs of all contracts (and of all people in the request) load in one batch.
  const events = await Promise.all(
    contracts.map(async (contract) =>
      contractEvents(context.profile, contract, (await cfaOf(contract, context.loaders)).name),
    ),
  );
  return events.flat();
}
