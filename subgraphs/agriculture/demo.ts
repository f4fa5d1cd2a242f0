import type { EntityManager } from 'typeorm';
import type { DemoWorld } from '../../demo/world';
import { loadFollowUps, loadOrganisationsAndOffers } from '../../demo/partner-kit-loader';

export async function loadDemo(manager: EntityManager, world: DemoWorld): Promise<void> {
  await loadOrganisationsAndOffers(manager, world, 'agriculture');
  await loadFollowUps(manager, world, 'agriculture');
}
