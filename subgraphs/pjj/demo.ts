import type { EntityManager } from 'typeorm';
import { stepsOf, type DemoWorld } from '../../demo/world';
import { loadOrganisationsAndOffers } from '../../demo/partner-kit-loader';
import { derivedId, insertInChunks } from '../../platform/database/bulk-insert';
import { PjjSignalRecord } from './entities';

/** The PJJ's share of the demo world: its units and the signals it published. */
export async function loadDemo(manager: EntityManager, world: DemoWorld): Promise<void> {
  await loadOrganisationsAndOffers(manager, world, 'pjj', false);
  const signals = world.youngs.flatMap((young) =>
    stepsOf(young, 'pjj-signal').map((signal, index) =>
      Object.assign(new PjjSignalRecord(), {
        id: derivedId(young.id, `pjj-signal-${index}`),
        youngId: young.id,
        unitId: signal.unitId,
        contactName: signal.contactName,
        contactPhone: signal.contactPhone,
        publishedOn: signal.publishedOn,
        withdrawnOn: signal.withdrawnOn,
      }),
    ),
  );
  await insertInChunks(manager, PjjSignalRecord, signals);
}
