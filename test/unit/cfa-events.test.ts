import { groupLoader, uniqueLoader } from '../../platform/database/loaders';
import type { OrganisationRecord } from '../../platform/partner-kit/entities';
import { TrajectoryEventKind } from '../../platform/graphql/types';
import { Partner, SUBGRAPHS } from '../../platform/partners';
import type { ApprenticeshipContractRecord } from '../../subgraphs/cfa/entities';
import { apprenticeshipEvents, contractEvents } from '../../subgraphs/cfa/events';
import type { CfaContext } from '../../subgraphs/cfa/loaders';

const cfa = SUBGRAPHS.cfa;

function contract(overrides: Partial<ApprenticeshipContractRecord> = {}): ApprenticeshipContractRecord {
  return {
    id: 'c1',
    youngId: 'y1',
    cfaId: 'cfa1',
    employer: 'Boulangerie Durand',
    trade: 'Boulanger',
    diploma: 'CAP',
    startedOn: '2024-09-02',
    brokenOn: null,
    breakReason: null,
    ...overrides,
  };
}

describe('contractEvents', () => {
  it('records the start of a contract in force', () => {
    expect(contractEvents(cfa, contract(), 'CFA des métiers de Grenoble')).toEqual([
      {
        id: 'cfa:c1:started',
        partner: Partner.CFA,
        at: new Date('2024-09-02T09:00:00Z'),
        kind: TrajectoryEventKind.APPRENTICESHIP_STARTED,
        summary:
          'Entrée en apprentissage : CAP Boulanger chez Boulangerie Durand (CFA des métiers de Grenoble)',
      },
    ]);
  });

  it('records a break after the start, with its reason in words', () => {
    const events = contractEvents(
      cfa,
      contract({ brokenOn: '2024-10-04', breakReason: 'TRIAL_PERIOD' }),
      'CFA des métiers de Grenoble',
    );
    expect(events.map((event) => event.kind)).toEqual([
      TrajectoryEventKind.APPRENTICESHIP_STARTED,
      TrajectoryEventKind.APPRENTICESHIP_BROKEN,
    ]);
    expect(events[1]).toEqual({
      id: 'cfa:c1:broken',
      partner: Partner.CFA,
      at: new Date('2024-10-04T17:00:00Z'),
      kind: TrajectoryEventKind.APPRENTICESHIP_BROKEN,
      summary:
        'Rupture du contrat d’apprentissage pendant la période d’essai : CAP Boulanger chez Boulangerie Durand (CFA des métiers de Grenoble)',
    });
  });

  it('records a break whose reason was not recorded', () => {
    const [, broken] = contractEvents(cfa, contract({ brokenOn: '2025-01-10' }), 'CFA');
    expect(broken.summary).toBe(
      'Rupture du contrat d’apprentissage : CAP Boulanger chez Boulangerie Durand (CFA)',
    );
  });
});

describe('apprenticeshipEvents', () => {
  it('loads the contracts and CFAs of every person in one batch each', async () => {
    const contracts = [
      contract({
        id: 'c1',
        youngId: 'y1',
        cfaId: 'cfa1',
        brokenOn: '2024-11-15',
        breakReason: 'EMPLOYER_INITIATIVE',
      }),
      contract({ id: 'c2', youngId: 'y1', cfaId: 'cfa2', startedOn: '2025-01-06' }),
      contract({ id: 'c3', youngId: 'y2', cfaId: 'cfa1' }),
    ];
    const cfas = [
      { id: 'cfa1', name: 'CFA Grenoble' },
      { id: 'cfa2', name: 'CFA Voiron' },
    ] as OrganisationRecord[];
    const fetches = { contracts: 0, cfas: 0 };
    const loaders = {
      contractsByYoung: groupLoader(
        async (ids: readonly string[]) => {
          fetches.contracts += 1;
          return contracts.filter((row) => ids.includes(row.youngId));
        },
        (row) => row.youngId,
      ),
      organisationById: uniqueLoader(
        async (ids: readonly string[]) => {
          fetches.cfas += 1;
          return cfas.filter((row) => ids.includes(row.id));
        },
        (row) => row.id,
      ),
    };
    const context = { profile: cfa, loaders } as unknown as CfaContext;

    const [first, second] = await Promise.all([
      apprenticeshipEvents({ id: 'y1' }, context),
      apprenticeshipEvents({ id: 'y2' }, context),
    ]);

    expect(first.map((event) => event.id)).toEqual(['cfa:c1:started', 'cfa:c1:broken', 'cfa:c2:started']);
    expect(first[2].summary).toContain('(CFA Voiron)');
    expect(second.map((event) => event.id)).toEqual(['cfa:c3:started']);
    expect(fetches).toEqual({ contracts: 1, cfas: 1 });
  });
});
