import type { DataSource } from 'typeorm';
import { createFollowUpLoaders, type FollowUpLoaders } from '../../platform/partner-kit/follow-ups';

export type E2cLoaders = FollowUpLoaders;

export function createLoaders(db: DataSource): E2cLoaders {
  return createFollowUpLoaders(db);
}
