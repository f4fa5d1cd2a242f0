import { contractStatus } from '../../subgraphs/cfa/contracts';
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
