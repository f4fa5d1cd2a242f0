import { In, type DataSource } from 'typeorm';
import { groupLoader, uniqueLoader } from '../../platform/database/loaders';
import { CaseContactRecord, PsadCaseRecord, SieiListingRecord, TerritoryRecord, YoungRecord } from './entities';

export function createLoaders(db: DataSource) {
  return {
    youngById: uniqueLoader((ids: readonly string[]) => db.getRepository(YoungRecord).findBy({ id: In([...ids]) }), (row) => row.id),
    territoryByCode: uniqueLoader((codes: readonly string[]) => db.getRepository(TerritoryRecord).findBy({ code: In([...codes]) }), (row) => row.code),
    listingsByYoung: groupLoader(
      (ids: readonly string[]) => db.getRepository(SieiListingRecord).find({ where: { youngId: In([...ids]) }, order: { detectedOn: 'ASC', id: 'ASC' } }),
      (row) => row.youngId,
    ),
    casesByYoung: groupLoader(
      (ids: readonly string[]) => db.getRepository(PsadCaseRecord).find({ where: { youngId: In([...ids]) }, order: { openedOn: 'ASC', id: 'ASC' } }),
      (row) => row.youngId,
    ),
    contactsByYoung: groupLoader(
      (ids: readonly string[]) => db.getRepository(CaseContactRecord).find({ where: { youngId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
      (row) => row.youngId,
    ),
    contactsByCase: groupLoader(
      (ids: readonly string[]) => db.getRepository(CaseContactRecord).find({ where: { caseId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
      (row) => row.caseId,
    ),
  };
}

export type PsadLoaders = ReturnType<typeof createLoaders>;
