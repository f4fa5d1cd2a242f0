import { groupLoader, uniqueLoader } from '../../platform/database/loaders';
import type { OrganisationRecord } from '../../platform/partner-kit/entities';
import { TrajectoryEventKind } from '../../platform/graphql/types';
import { Partner, SUBGRAPHS } from '../../platform/partners';
import type {
  ObligationDeFormationRecord,
  ObligationStepRecord,
} from '../../subgraphs/missions-locales/entities';
import { obligationEvents, obligationStepEvents } from '../../subgraphs/missions-locales/events';
import type { MissionsLocalesContext } from '../../subgraphs/missions-locales/loaders';

const missionsLocales = SUBGRAPHS['missions-locales'];

const step = (id: string, youngId: string, steppedOn: string, label: string): ObligationStepRecord => ({
  id,
  youngId,
  steppedOn,
  label,
});

describe('obligationStepEvents', () => {
  it('turns each step into an OBLIGATION_STEP event naming the Mission locale', () => {
    const events = obligationStepEvents(
      missionsLocales,
      [step('s1', 'y1', '2025-01-15', 'premier contact'), step('s2', 'y1', '2025-02-03', 'entrée en CEJ')],
      'Mission locale de Grenoble',
    );
    expect(events).toEqual([
      {
        id: 'missions-locales:s1',
        partner: Partner.MISSIONS_LOCALES,
        at: new Date('2025-01-15T09:00:00Z'),
        kind: TrajectoryEventKind.OBLIGATION_STEP,
        summary: 'Obligation de formation : premier contact (Mission locale de Grenoble)',
      },
      {
        id: 'missions-locales:s2',
        partner: Partner.MISSIONS_LOCALES,
        at: new Date('2025-02-03T09:00:00Z'),
        kind: TrajectoryEventKind.OBLIGATION_STEP,
        summary: 'Obligation de formation : entrée en CEJ (Mission locale de Grenoble)',
      },
    ]);
  });
});

describe('obligationEvents', () => {
  const obligations: ObligationDeFormationRecord[] = [
    { youngId: 'y1', missionLocaleId: 'ml1', status: 'IN_SUPPORT', since: '2025-02-03' },
    { youngId: 'y2', missionLocaleId: 'ml2', status: 'NOT_REACHED', since: '2025-01-10' },
  ];
  const steps = [
    step('s1', 'y1', '2025-02-03', 'entrée en CEJ'),
    step('s2', 'y2', '2025-01-10', 'courrier sans réponse'),
  ];
  const missionLocales = [
    { id: 'ml1', name: 'ML Grenoble' },
    { id: 'ml2', name: 'ML Valence' },
  ] as OrganisationRecord[];

  function contextCounting(fetches: Record<string, number>): MissionsLocalesContext {
    const counted =
      <T>(name: string, rows: T[], matches: (row: T, ids: readonly string[]) => boolean) =>
      async (ids: readonly string[]) => {
        fetches[name] = (fetches[name] ?? 0) + 1;
        return rows.filter((row) => matches(row, ids));
      };
    const loaders = {
      obligationByYoung: uniqueLoader(
        counted('obligations', obligations, (row, ids) => ids.includes(row.youngId)),
        (row) => row.youngId,
      ),
      obligationStepsByYoung: groupLoader(
        counted('steps', steps, (row, ids) => ids.includes(row.youngId)),
        (row) => row.youngId,
      ),
      organisationById: uniqueLoader(
        counted('organisations', missionLocales, (row, ids) => ids.includes(row.id)),
        (row) => row.id,
      ),
    };
    return { profile: missionsLocales, loaders } as unknown as MissionsLocalesContext;
  }

  it('loads obligations, steps and Missions locales of every person in one batch each', async () => {
    const fetches: Record<string, number> = {};
    const context = contextCounting(fetches);
    const [first, second] = await Promise.all([
      obligationEvents({ id: 'y1' }, context),
      obligationEvents({ id: 'y2' }, context),
    ]);
    expect(first.map((event) => event.summary)).toEqual([
      'Obligation de formation : entrée en CEJ (ML Grenoble)',
    ]);
    expect(second.map((event) => event.summary)).toEqual([
      'Obligation de formation : courrier sans réponse (ML Valence)',
    ]);
    expect(fetches).toEqual({ obligations: 1, steps: 1, organisations: 1 });
  });

  it('contributes nothing for a person without an obligation', async () => {
    expect(await obligationEvents({ id: 'someone-else' }, contextCounting({}))).toEqual([]);
  });
});
