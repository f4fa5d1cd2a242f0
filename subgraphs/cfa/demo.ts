import type { EntityManager } from 'typeorm';
import type { DemoWorld } from '../../demo/world';
import { loadFollowUps, loadOrganisationsAndOffers } from '../../platform/partner-kit/demo';

export async function loadDemo(manager: EntityManager, world: DemoWorld): Promise<void> {
  await loadOrganisationsAndOffers(manager, world, 'cfa');
  await loadFollowUps(manager, world, 'cfa');
}
