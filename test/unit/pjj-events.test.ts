import { groupLoader, uniqueLoader } from '../../platform/database/loaders';
import type { OrganisationRecord } from '../../platform/partner-kit/entities';
import { TrajectoryEventKind } from '../../platform/graphql/types';
import { Partner, SUBGRAPHS } from '../../platform/partners';
import type { PjjSignalRecord } from '../../subgraphs/pjj/entities';
import {
  currentSignal,
  isInForce,
  pjjEvents,
  pjjSignalEvent,
  signalsInForce,
} from '../../subgraphs/pjj/events';
import type { PjjContext } from '../../subgraphs/pjj/loaders';

const pjj = SUBGRAPHS.pjj;

function signal(overrides: Partial<PjjSignalRecord> = {}): PjjSignalRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    youngId: 'young-1',
    unitId: 'unit-1',
    contactName: 'Claire Martin',
    contactPhone: '04 76 00 00 00',
    publishedOn: '2025-03-10',
    withdrawnOn: null,
    ...overrides,
  };
}

describe('isInForce', () => {
  it('holds from the day of publication until the day before withdrawal', () => {
    const withdrawn = signal({ publishedOn: '2025-03-10', withdrawnOn: '2025-06-01' });
    expect(isInForce(withdrawn, '2025-03-09')).toBe(false);
    expect(isInForce(withdrawn, '2025-03-10')).toBe(true);
    expect(isInForce(withdrawn, '2025-05-31')).toBe(true);
    expect(isInForce(withdrawn, '2025-06-01')).toBe(false);
  });

  it('holds indefinitely for a signal never withdrawn', () => {
    expect(isInForce(signal(), '2030-01-01')).toBe(true);
  });
});

describe('currentSignal', () => {
  it('is the latest publication still in force', () => {
    const older = signal({ id: 'a', publishedOn: '2024-01-01' });
    const newer = signal({ id: 'b', publishedOn: '2025-01-01' });
    const withdrawn = signal({ id: 'c', publishedOn: '2025-02-01', withdrawnOn: '2025-02-15' });
    expect(currentSignal([older, newer, withdrawn], '2025-04-01')?.id).toBe('b');
  });

  it('is null once every signal is withdrawn, so nothing of them is shown', () => {
    const signals = [signal({ withdrawnOn: '2025-04-01' })];
    expect(currentSignal(signals, '2025-04-01')).toBeNull();
    expect(signalsInForce(signals, '2025-04-01')).toEqual([]);
  });
});

describe('pjjSignalEvent', () => {
  it('says a follow-up is active and whom to contact, and nothing else', () => {
    expect(pjjSignalEvent(pjj, signal(), 'UEMO Grenoble')).toEqual({
      id: 'pjj:00000000-0000-4000-8000-000000000001',
      partner: Partner.PJJ,
      at: new Date('2025-03-10T09:00:00Z'),
      kind: TrajectoryEventKind.PJJ_SIGNAL,
      summary: 'Suivi PJJ actif : contacter Claire Martin (UEMO Grenoble)',
    });
  });
});

describe('pjjEvents', () => {
  it('builds one event per signal in force, loading every person’s signals and units in one batch each', async () => {
    const rows = [
      signal({ id: 's1', youngId: 'y1', unitId: 'u1' }),
      signal({ id: 's2', youngId: 'y2', unitId: 'u2' }),
      signal({ id: 's3', youngId: 'y2', unitId: 'u1', withdrawnOn: '2025-03-20' }),
    ];
    const units = [
      { id: 'u1', name: 'UEMO Grenoble' },
      { id: 'u2', name: 'UEMO Valence' },
    ] as OrganisationRecord[];
    const fetches = { signals: 0, units: 0 };
    const loaders = {
      signalsByYoung: groupLoader(
        async (ids: readonly string[]) => {
          fetches.signals += 1;
          return rows.filter((row) => ids.includes(row.youngId));
        },
        (row) => row.youngId,
      ),
      organisationById: uniqueLoader(
        async (ids: readonly string[]) => {
          fetches.units += 1;
          return units.filter((unit) => ids.includes(unit.id));
        },
        (unit) => unit.id,
      ),
    };
    const context = { profile: pjj, loaders } as unknown as PjjContext;

    const [first, second] = await Promise.all([
      pjjEvents({ id: 'y1' }, context, '2025-04-01'),
      pjjEvents({ id: 'y2' }, context, '2025-04-01'),
    ]);

    expect(first.map((e) => e.summary)).toEqual([
      'Suivi PJJ actif : contacter Claire Martin (UEMO Grenoble)',
    ]);
    expect(second.map((e) => e.id)).toEqual(['pjj:s2']);
    expect(fetches).toEqual({ signals: 1, units: 1 });
  });
});
