import type { DataSource } from 'typeorm';
import { rowById, rowsByYoung } from '../../platform/database/loaders';
import { OrganisationRecord } from '../../platform/partner-kit/entities';
import { organisationOf } from '../../platform/partner-kit/follow-ups';
import type { SubgraphContext } from '../../platform/server/definition';
import { PjjSignalRecord } from './entities';

export function createLoaders(db: DataSource) {
  return {
    signalsByYoung: rowsByYoung(db.getRepository(PjjSignalRecord), { publishedOn: 'ASC', id: 'ASC' }),
    organisationById: rowById(db.getRepository(OrganisationRecord)),
  };
}

export type PjjLoaders = ReturnType<typeof createLoaders>;
export type PjjContext = SubgraphContext<PjjLoaders>;

/** The organisation of a signal, through the per-request loader. */
export function unitOf(
  signal: Pick<PjjSignalRecord, 'unitId'>,
  loaders: PjjLoaders,
): Promise<OrganisationRecord> {
  return organisationOf(loaders, signal.unitId, 'A PJJ signal');
}
