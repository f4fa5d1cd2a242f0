import type { DataSource } from 'typeorm';
import { createFollowUpLoaders, type FollowUpLoaders } from '../../platform/partner-kit/follow-ups';

export type PartnerLoaders = FollowUpLoaders;

export function createLoaders(db: DataSource): PartnerLoaders {
  return createFollowUpLoaders(db);
}
