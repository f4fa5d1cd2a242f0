import type { EntityManager } from 'typeorm';
import { stepsOf, type DemoWorld } from '../../demo/world';
import { loadFollowUps, loadOrganisationsAndOffers } from '../../demo/partner-kit-loader';
import { derivedId, insertInChunks } from '../../platform/database/bulk-insert';
import { ApprenticeshipContractRecord } from './entities';

export async function loadDemo(manager: EntityManager, world: DemoWorld): Promise<void> {
  await loadOrganisationsAndOffers(manager, world, 'cfa');
  await loadFollowUps(manager, world, 'cfa');
  const contracts = world.youngs.flatMap((young) =>
    stepsOf(young, 'apprenticeship').map((contract, index) =>
      Object.assign(new ApprenticeshipContractRecord(), {
        id: derivedId(young.id, `apprenticeship-${index}`),
        youngId: young.id,
        cfaId: contract.cfaId,
        employer: contract.employer,
        trade: contract.trade,
        diploma: contract.diploma,
        startedOn: contract.startedOn,
        brokenOn: contract.brokenOn,
        breakReason: contract.breakReason,
      }),
    ),
  );
  await insertInChunks(manager, ApprenticeshipContractRecord, contracts);
}
