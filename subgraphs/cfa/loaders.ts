import type { DataSource } from 'typeorm';
import { rowsByYoung } from '../../platform/database/loaders';
import type { OrganisationRecord } from '../../platform/partner-kit/entities';
import { createFollowUpLoaders, organisationOf } from '../../platform/partner-kit/follow-ups';
import type { SubgraphContext } from '../../platform/server/definition';
import { ApprenticeshipContractRecord } from './entities';

export function createLoaders(db: DataSource) {
  return {
    ...createFollowUpLoaders(db),
    contractsByYoung: rowsByYoung(db.getRepository(ApprenticeshipContractRecord), {
      startedOn: 'ASC',
      id: 'ASC',
    }),
  };
}

export type CfaLoaders = ReturnType<typeof createLoaders>;
export type CfaContext = SubgraphContext<CfaLoaders>;

/** The organisation of a contract, through the per-request loader. */
export function cfaOf(
  contract: Pick<ApprenticeshipContractRecord, 'cfaId'>,
  loaders: CfaLoaders,
): Promise<OrganisationRecord> {
  return organisationOf(loaders, contract.cfaId, 'An apprenticeship contract');
}
