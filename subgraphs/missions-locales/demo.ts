import type { EntityManager } from 'typeorm';
import { stepsOf, type DemoWorld } from '../../demo/world';
import { loadFollowUps, loadOrganisationsAndOffers } from '../../demo/partner-kit-loader';
import { derivedId, insertInChunks } from '../../platform/database/bulk-insert';
import { ObligationDeFormationRecord, ObligationStepRecord } from './entities';

export async function loadDemo(manager: EntityManager, world: DemoWorld): Promise<void> {
  await loadOrganisationsAndOffers(manager, world, 'missions-locales');
  await loadFollowUps(manager, world, 'missions-locales');
  await loadObligations(manager, world);
}

/**
 * The table keeps one obligation per person: should the world hold several for someone, the
 * latest gives the current status and Mission locale, and all their steps make the history.
 */
async function loadObligations(manager: EntityManager, world: DemoWorld): Promise<void> {
  const obligations: ObligationDeFormationRecord[] = [];
  const steps: ObligationStepRecord[] = [];
  for (const young of world.youngs) {
    const path = stepsOf(young, 'obligation-de-formation');
    const current = path.at(-1);
    if (!current) continue;
    obligations.push(
      Object.assign(new ObligationDeFormationRecord(), {
        youngId: young.id,
        missionLocaleId: current.missionLocaleId,
        status: current.status,
        since: current.since,
      }),
    );
    path
      .flatMap((obligation) => obligation.steps)
      .forEach((step, index) => {
        steps.push(
          Object.assign(new ObligationStepRecord(), {
            id: derivedId(young.id, `obligation-step-${index}`),
            youngId: young.id,
            steppedOn: step.on,
            label: step.label,
          }),
        );
      });
  }
  await insertInChunks(manager, ObligationDeFormationRecord, obligations);
  await insertInChunks(manager, ObligationStepRecord, steps);
}
