import { In, type DataSource } from 'typeorm';
import { groupLoader, rowById, rowByYoung, rowsByYoung, uniqueLoader } from '../../platform/database/loaders';
import { IsNull } from 'typeorm';
import { CaseTransitionRecord } from './entities';
import {
  CaseContactRecord,
  OrganisationDirectoryRecord,
  LegalRepresentativeRecord,
  OppositionRecord,
  PsadCaseRecord,
  ReferralRecord,
  SieiListingRecord,
  TerritoryRecord,
  YoungContactRecord,
  YoungRecord,
} from './entities';

export function createLoaders(db: DataSource) {
  return {
    youngById: rowById(db.getRepository(YoungRecord)),
    territoryByCode: uniqueLoader(
      (codes: readonly string[]) => db.getRepository(TerritoryRecord).findBy({ code: In([...codes]) }),
      (row) => row.code,
    ),
    listingsByYoung: rowsByYoung(db.getRepository(SieiListingRecord), { detectedOn: 'ASC', id: 'ASC' }),
    casesByYoung: rowsByYoung(db.getRepository(PsadCaseRecord), { openedOn: 'ASC', id: 'ASC' }),
    contactsByYoung: rowsByYoung(db.getRepository(CaseContactRecord), { at: 'ASC', id: 'ASC' }),
    oppositionsInForceByYoung: groupLoader(
      (ids: readonly string[]) =>
        db.getRepository(OppositionRecord).find({ where: { youngId: In([...ids]), withdrawnAt: IsNull() } }),
      (row) => row.youngId,
    ),
    contactDetailsByYoung: rowByYoung(db.getRepository(YoungContactRecord)),
    representativesByYoung: rowsByYoung(db.getRepository(LegalRepresentativeRecord), {
      relationship: 'DESC',
      id: 'ASC',
    }),
    contactsByCase: groupLoader(
      (ids: readonly string[]) =>
        db
          .getRepository(CaseContactRecord)
          .find({ where: { caseId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
      (row) => row.caseId,
    ),
    transitionsByCase: groupLoader(
      (ids: readonly string[]) =>
        db
          .getRepository(CaseTransitionRecord)
          .find({ where: { caseId: In([...ids]) }, order: { version: 'ASC', id: 'ASC' } }),
      (row) => row.caseId,
    ),
    directoryByCode: uniqueLoader(
      (codes: readonly string[]) =>
        db.getRepository(OrganisationDirectoryRecord).findBy({ code: In([...codes]) }),
      (row) => row.code,
    ),
    referralsByYoung: rowsByYoung(db.getRepository(ReferralRecord), { proposedAt: 'ASC', id: 'ASC' }),
    transitionsByYoung: rowsByYoung(db.getRepository(CaseTransitionRecord), { at: 'ASC', id: 'ASC' }),
  };
}

export type PsadLoaders = ReturnType<typeof createLoaders>;
