import type { DataSource } from 'typeorm';
import { rowByYoung, rowsByYoung } from '../../platform/database/loaders';
import type { OrganisationRecord } from '../../platform/partner-kit/entities';
import { createFollowUpLoaders, organisationOf } from '../../platform/partner-kit/follow-ups';
import type { SubgraphContext } from '../../platform/server/definition';
import { ObligationDeFormationRecord, ObligationStepRecord } from './entities';

export function createLoaders(db: DataSource) {
  return {
    ...createFollowUpLoaders(db),
    obligationByYoung: rowByYoung(db.getRepository(ObligationDeFormationRecord)),
    obligationStepsByYoung: rowsByYoung(db.getRepository(ObligationStepRecord), {
      steppedOn: 'ASC',
      id: 'ASC',
    }),
  };
}

export type MissionsLocalesLoaders = ReturnType<typeof createLoaders>;
export type MissionsLocalesContext = SubgraphContext<MissionsLocalesLoaders>;

/** The organisation of a obligation, through the per-request loader. */
export function missionLocaleOf(
  obligation: Pick<ObligationDeFormationRecord, 'missionLocaleId'>,
  loaders: MissionsLocalesLoaders,
): Promise<OrganisationRecord> {
  return organisationOf(loaders, obligation.missionLocaleId, 'An obligation de formation');
}
