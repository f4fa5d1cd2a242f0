import type { DataSource } from 'typeorm';
import { rowById, rowsByYoung } from '../../platform/database/loaders';
import { OrganisationRecord } from '../../platform/partner-kit/entities';
import {
  DropoutSignalRecord,
  EnrolmentRecord,
  FoqualeContractRecord,
  FoqualeNetworkRecord,
  SituationReviewRecord,
} from './entities';

/** Per-request loaders: each answers every key asked in the same tick with one statement. */
export function createLoaders(db: DataSource) {
  return {
    enrolmentsByYoung: rowsByYoung(db.getRepository(EnrolmentRecord), { startedOn: 'ASC', id: 'ASC' }),
    signalsByYoung: rowsByYoung(db.getRepository(DropoutSignalRecord), { signalledOn: 'ASC', id: 'ASC' }),
    contractsByYoung: rowsByYoung(db.getRepository(FoqualeContractRecord), {
      initialReviewOn: 'ASC',
      id: 'ASC',
    }),
    /**
     * Also serves `FoqualeContract.reviews`: a contract's reviews are among its holder's, already fetched for
     * the trajectory.
     */
    reviewsByYoung: rowsByYoung(db.getRepository(SituationReviewRecord), { reviewedOn: 'ASC', id: 'ASC' }),
    organisationById: rowById(db.getRepository(OrganisationRecord)),
    networkById: rowById(db.getRepository(FoqualeNetworkRecord)),
  };
}

export type EducationNationaleLoaders = ReturnType<typeof createLoaders>;
