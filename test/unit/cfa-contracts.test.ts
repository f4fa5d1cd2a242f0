import type { OrganisationRecord } from '../../platform/partner-kit/entities';
import { SUBGRAPHS } from '../../platform/partners';
import { contractStatus } from '../../subgraphs/cfa/contracts';
import type { ApprenticeshipContractRecord } from '../../subgraphs/cfa/entities';
import type { CfaContext } from '../../subgraphs/cfa/loaders';
import {
  activeContractCfas,
  ApprenticeshipYoungResolver,
} from '../../subgraphs/cfa/resolvers/contract.resolver';
import { ApprenticeshipStatus } from '../../subgraphs/cfa/types/contract.type';

describe('contractStatus', () => {
  const cap = { diploma: 'CAP', startedOn: '2023-09-04', brokenOn: null };

  it('is ACTIVE until the usual length of the diploma has passed', () => {
    expect(contractStatus(cap, '2025-09-03')).toBe(ApprenticeshipStatus.ACTIVE);
    expect(contractStatus(cap, '2025-09-04')).toBe(ApprenticeshipStatus.COMPLETED);
  });

  it('gives a Bac pro three years, whatever the spelling', () => {
    const bacPro = { diploma: 'Bac pro', startedOn: '2023-09-04', brokenOn: null };
    expect(contractStatus(bacPro, '2025-09-04')).toBe(ApprenticeshipStatus.ACTIVE);
    expect(contractStatus(bacPro, '2026-09-04')).toBe(ApprenticeshipStatus.COMPLETED);
  });

  it('is BROKEN once broken, even past the usual length', () => {
    expect(contractStatus({ ...cap, brokenOn: '2024-01-15' }, '2030-01-01')).toBe(
      ApprenticeshipStatus.BROKEN,
    );
  });

  it('never guesses an end for a diploma whose usual length it does not know', () => {
    expect(
      contractStatus(
        { diploma: 'Titre professionnel', startedOn: '2015-01-05', brokenOn: null },
        '2030-01-01',
      ),
    ).toBe(ApprenticeshipStatus.ACTIVE);
  });
});

describe('contract statuses in a request', () => {
  // A CAP begun on 2023-09-04 is completed on 2025-09-04, a day that begins at 22:00 UTC in Paris.
  const record: ApprenticeshipContractRecord = {
    id: 'c1',
    youngId: 'y1',
    cfaId: 'cfa1',
    employer: 'Boulangerie Durand',
    trade: 'Boulanger',
    diploma: 'CAP',
    startedOn: '2023-09-04',
    brokenOn: null,
    breakReason: null,
  };
  const contextAt = (now: string) =>
    ({
      profile: SUBGRAPHS.cfa,
      loaders: {
        contractsByYoung: { load: async () => [record] },
        organisationById: { load: async () => ({ id: 'cfa1', code: 'CFA-GRENOBLE' }) as OrganisationRecord },
      },
      now: () => new Date(now),
    }) as unknown as CfaContext;
  const statusAt = async (now: string) => {
    const [contract] = await new ApprenticeshipYoungResolver().apprenticeshipContracts(
      { id: 'y1' },
      contextAt(now),
    );
    return contract.status;
  };

  it('are those of the day of the context clock, not of the machine clock', async () => {
    expect(await statusAt('2024-06-01T10:00:00Z')).toBe(ApprenticeshipStatus.ACTIVE);
    expect(await activeContractCfas({ id: 'y1' }, contextAt('2024-06-01T10:00:00Z'))).toEqual([
      'CFA-GRENOBLE',
    ]);
    expect(await activeContractCfas({ id: 'y1' }, contextAt('2030-01-01T10:00:00Z'))).toEqual([]);
  });

  it('change on the Paris day, not the UTC day', async () => {
    expect(await statusAt('2025-09-03T21:59:59Z')).toBe(ApprenticeshipStatus.ACTIVE);
    expect(await statusAt('2025-09-03T22:00:00Z')).toBe(ApprenticeshipStatus.COMPLETED);
  });
});
