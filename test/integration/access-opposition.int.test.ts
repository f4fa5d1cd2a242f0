/**
 * Opposition on/off and a PSAD transfer, through the gateway, on the people the access matrix
 * set aside for them (test/support/access-matrix/world.ts): the person records or withdraws an
 * opposition (or the DPO does on their behalf), and the partners' visibility follows.
 */
import { type Caller } from '../../platform/auth/claims';
import { Partner, SUBGRAPHS } from '../../platform/partners';
import { answerTo, decide, WITHHELD } from '../../platform/policy/engine';
import { type DataCategory, type RefusalReason, type Subject } from '../../platform/policy/types';
import { NOW, Facts, SIRET, OPPOSING, OPPOSING_ADULT, TRANSFERRED } from '../support/access-matrix/world';
import { ROLE_ORGANISATIONS, bassinOfOrg, otherBassin, Outcome } from '../support/access-matrix/scenarios';
import {
  forbiddenOn,
  reasonsOn,
  professional,
  selfOf,
  DPO,
  followerRepresentation,
} from '../support/access-matrix/callers';
import { useMatrixHub } from '../support/access-matrix/hub';

const matrix = useMatrixHub();
const { ask, direct, withSuperuser } = matrix;

// ── Opposition on/off ───────────────────────────────────────────────────────────────────────────

const RECORD = `mutation ($id: ID!, $partner: Partner!) { recordOpposition(youngId: $id, partner: $partner) { id partner inForce recordedAt withdrawnAt } }`;
const WITHDRAW = `mutation ($id: ID!, $partner: Partner!) { withdrawOpposition(youngId: $id, partner: $partner) { id partner inForce recordedAt withdrawnAt } }`;
const oppositionRows = (youngId: string) =>
  withSuperuser(
    SUBGRAPHS.psad.database,
    async (client) =>
      (
        await client.query(
          'SELECT partner, recorded_by, withdrawn_at FROM opposition WHERE young_id = $1 ORDER BY recorded_at, id',
          [youngId],
        )
      ).rows,
  );

/**
 * The outcome of one field for one caller, through the gateway: the data, the refusal's reason, or
 * nothing at all where the person holds data (an opposition withholds it as if there were none).
 */
async function outcomeOf(
  caller: Caller,
  facts: Facts,
  field: string,
  selection: string,
): Promise<Outcome | 'UNREACHABLE' | typeof WITHHELD> {
  const answer = await ask(caller, `{ young(id: "${facts.young.id}") { ${selection} } }`);
  if (answer.data?.young === null) return 'UNREACHABLE';
  const reasons = reasonsOn(answer, `Young.${field}`);
  if (reasons.length > 0) {
    expect(answer.data!.young[field]).toBeNull();
    return reasons[0] as RefusalReason;
  }
  const value: unknown = answer.data!.young[field];
  if (value === null || (Array.isArray(value) && value.length === 0)) return WITHHELD;
  return 'ALLOWED';
}

describe('opposition: recorded by the person (or the DPO on their behalf), it hides a partner’s rows from the other partners until withdrawn', () => {
  const person = OPPOSING;
  const bassin = person.young.bassin;
  const self = selfOf(person);
  // The Mission locale that follows the person (open PSAD case and follow-up), and two other partners'
  // callers.
  const adviser = professional(
    'ml-advisor',
    person.followersBy.psad.find((code) => SIRET.test(code))!,
    [bassin],
  );
  const coordinator = professional('psad-coordinator', `PSAD-${bassin}`, [bassin]);
  const network = professional(
    'foquale-network',
    ROLE_ORGANISATIONS['foquale-network'].find((code) => bassinOfOrg(code) === bassin)!,
    [bassin],
  );
  const FIELDS: [string, string, Partner, DataCategory][] = [
    ['firstName', 'firstName', Partner.PSAD, 'IDENTITY'],
    [
      'missionsLocalesFollowUps',
      'missionsLocalesFollowUps { id }',
      Partner.MISSIONS_LOCALES,
      'FOLLOW_UP_SUMMARY',
    ],
    [
      'obligationDeFormation',
      'obligationDeFormation { status }',
      Partner.MISSIONS_LOCALES,
      'OBLIGATION_FORMATION',
    ],
  ];
  const CALLERS: [string, Caller][] = [
    ['the Mission locale (the partner opposed to)', adviser],
    ['the PSAD coordinator', coordinator],
    ['the FOQUALE network', network],
    ['the person', self],
  ];

  /**
   * Every caller × field through the gateway, with what the engine says on the subject carrying these
   * oppositions; returns the literal table.
   */
  async function views(
    oppositions: Partner[],
  ): Promise<Record<string, Record<string, Outcome | 'UNREACHABLE' | typeof WITHHELD>>> {
    const subject: Subject = { ...person.subject, oppositions };
    const table: Record<string, Record<string, Outcome | 'UNREACHABLE' | typeof WITHHELD>> = {};
    for (const [name, caller] of CALLERS) {
      table[name] = {};
      const reachable = (() => {
        const identity = decide({
          caller,
          category: 'IDENTITY',
          owner: Partner.PSAD,
          subject: { ...person.rootSubject, oppositions },
          now: NOW,
        });
        return identity.allowed || identity.reason === 'NOT_FOLLOWING';
      })();
      for (const [field, selection, owner, category] of FIELDS) {
        const observed = await outcomeOf(caller, person, field, selection);
        const decision = decide({ caller, category, owner, subject, now: NOW });
        expect({ caller: name, field, observed }).toEqual({
          caller: name,
          field,
          observed: reachable
            ? decision.allowed
              ? 'ALLOWED'
              : answerTo(caller.role, category, decision.reason)
            : 'UNREACHABLE',
        });
        table[name][field] = observed;
      }
    }
    return table;
  }

  it('is chosen well: 16 or 17 (the obligation de formation applies), followed by a Mission locale, with its follow-ups and obligation record', () => {
    expect(person.subject.obligationDeFormation).toBe(true);
    expect(person.subject.followers).toContain(adviser.org);
  });

  it('before any opposition, every caller sees the Mission locale’s rows its grants allow', async () => {
    expect(await oppositionRows(person.young.id)).toEqual([]);
    expect(await views([])).toEqual({
      'the Mission locale (the partner opposed to)': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the PSAD coordinator': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the FOQUALE network': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the person': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
    });
  });

  // The other partners used to be told OPPOSITION, which says that the person objected: they now see the
  // Mission locale's rows as if it held none (issue 11, class 4).
  it('the person opposes the Mission locale’s sharing: the other partners lose its rows (withheld as if there were none), except the obligation-de-formation status the PSAD must know (16-17); the Mission locale and the person keep everything', async () => {
    const recorded = await ask(self, RECORD, { id: person.young.id, partner: 'MISSIONS_LOCALES' });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordOpposition).toMatchObject({
      partner: 'MISSIONS_LOCALES',
      inForce: true,
      withdrawnAt: null,
    });
    expect(await oppositionRows(person.young.id)).toEqual([
      { partner: 'MISSIONS_LOCALES', recorded_by: person.young.id, withdrawn_at: null },
    ]);
    expect(await views([Partner.MISSIONS_LOCALES])).toEqual({
      'the Mission locale (the partner opposed to)': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the PSAD coordinator': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: WITHHELD,
        obligationDeFormation: 'ALLOWED',
      },
      'the FOQUALE network': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: WITHHELD,
        obligationDeFormation: WITHHELD,
      },
      'the person': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
    });
    // The merged trajectory holds none of the Mission locale's events, and names neither it nor the opposition.
    const trajectory = await ask(network, `{ young(id: "${person.young.id}") { trajectory { partner } } }`);
    expect(
      (trajectory.data!.young.trajectory as { partner: string }[]).filter(
        (e) => e.partner === 'MISSIONS_LOCALES',
      ),
    ).toEqual([]);
    expect(JSON.stringify(trajectory.errors ?? [])).not.toMatch(/OPPOSITION|MISSIONS_LOCALES/);
  });

  it('the person sees their oppositions; no one else does (not even through the caseload): ROLE_NOT_GRANTED at the gateway', async () => {
    const own = await ask(self, `{ young(id: "${person.young.id}") { oppositions { partner inForce } } }`);
    expect(own).toMatchObject({
      data: { young: { oppositions: [{ partner: 'MISSIONS_LOCALES', inForce: true }] } },
    });
    for (const caller of [adviser, coordinator, network]) {
      const answer = await ask(caller, `{ young(id: "${person.young.id}") { oppositions { partner } } }`);
      expect(
        forbiddenOn(answer, 'Young.oppositions').map((e) => [
          e.extensions!.reason,
          e.extensions!.serviceName,
        ]),
      ).toEqual([['ROLE_NOT_GRANTED', undefined]]);
    }
  });

  it('the DPO records, on the person’s behalf, an opposition to the PSAD’s sharing: the Mission locale keeps the identity (legal duty, 16-17), the FOQUALE network loses the person (at psad, the refusal a person of another bassin gets)', async () => {
    const recorded = await ask(DPO, RECORD, { id: person.young.id, partner: 'PSAD' });
    expect(recorded.data!.recordOpposition).toMatchObject({ partner: 'PSAD', inForce: true });
    const table = await views([Partner.MISSIONS_LOCALES, Partner.PSAD]);
    expect(table['the Mission locale (the partner opposed to)'].firstName).toBe('ALLOWED');
    expect(table['the PSAD coordinator'].firstName).toBe('ALLOWED');
    // Identity refused for a reason no follow-up could change: `young(id)` is null; psad itself says why.
    expect(table['the FOQUALE network'].firstName).toBe('UNREACHABLE');
    const direct_ = await direct(
      'psad',
      network,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { firstName } } }',
      { r: [followerRepresentation(person)] },
    );
    expect(direct_.errors?.map((e) => e.extensions?.reason)).toEqual(['OUT_OF_TERRITORY']);
    expect((await oppositionRows(person.young.id)).map((row) => [row.partner, row.recorded_by])).toEqual([
      ['MISSIONS_LOCALES', person.young.id],
      ['PSAD', DPO.sub],
    ]);
  });

  it('refuses, with nothing written: anyone but the person or the DPO (ROLE_NOT_GRANTED), another young person (NOT_SELF), bad input (BAD_USER_INPUT with the field)', async () => {
    const before = await oppositionRows(person.young.id);
    const cases: [Caller, string, Record<string, unknown>, Record<string, unknown>][] = [
      [
        coordinator,
        RECORD,
        { id: person.young.id, partner: 'CFA' },
        { code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' },
      ],
      [
        adviser,
        WITHDRAW,
        { id: person.young.id, partner: 'MISSIONS_LOCALES' },
        { code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' },
      ],
      [
        professional('dashboard', 'RECTORAT-GRENOBLE', [bassin], 'PILOTAGE_AGREGE'),
        RECORD,
        { id: person.young.id, partner: 'CFA' },
        { code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' },
      ],
      [
        { ...self, sub: TRANSFERRED.young.id },
        RECORD,
        { id: person.young.id, partner: 'CFA' },
        { code: 'FORBIDDEN', reason: 'NOT_SELF' },
      ],
      [
        { ...self, sub: TRANSFERRED.young.id },
        WITHDRAW,
        { id: person.young.id, partner: 'MISSIONS_LOCALES' },
        { code: 'FORBIDDEN', reason: 'NOT_SELF' },
      ],
      [
        self,
        RECORD,
        { id: person.young.id, partner: 'MISSIONS_LOCALES' },
        { code: 'BAD_USER_INPUT', field: 'partner' },
      ],
      [self, WITHDRAW, { id: person.young.id, partner: 'E2C' }, { code: 'BAD_USER_INPUT', field: 'partner' }],
      // A hub id nobody has is no longer refused: it is answered as a person is (test/adversarial/existence).
      [DPO, RECORD, { id: 'not-a-hub-id', partner: 'CFA' }, { code: 'BAD_USER_INPUT', field: 'youngId' }],
    ];
    for (const [caller, mutation, variables, extensions] of cases) {
      const answer = await ask(caller, mutation, variables);
      expect({
        caller: caller.role,
        variables,
        data: answer.data,
        errors: answer.errors?.map((e) => e.extensions),
      }).toEqual({
        caller: caller.role,
        variables,
        data: null,
        errors: [expect.objectContaining(extensions)],
      });
    }
    expect(await oppositionRows(person.young.id)).toEqual(before);
  });

  it('withdrawn (by the person, and by the DPO), the rows are shared again; the history stays, and a new opposition can be recorded', async () => {
    const mine = await ask(self, WITHDRAW, { id: person.young.id, partner: 'MISSIONS_LOCALES' });
    expect(mine.data!.withdrawOpposition).toMatchObject({
      partner: 'MISSIONS_LOCALES',
      inForce: false,
      withdrawnAt: expect.any(String),
    });
    const onBehalf = await ask(DPO, WITHDRAW, { id: person.young.id, partner: 'PSAD' });
    expect(onBehalf.data!.withdrawOpposition).toMatchObject({ partner: 'PSAD', inForce: false });
    expect(await views([])).toEqual({
      'the Mission locale (the partner opposed to)': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the PSAD coordinator': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the FOQUALE network': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
      'the person': {
        firstName: 'ALLOWED',
        missionsLocalesFollowUps: 'ALLOWED',
        obligationDeFormation: 'ALLOWED',
      },
    });
    const history = await ask(
      self,
      `{ young(id: "${person.young.id}") { oppositions { partner inForce } } }`,
    );
    expect(history.data!.young.oppositions).toEqual([
      { partner: 'MISSIONS_LOCALES', inForce: false },
      { partner: 'PSAD', inForce: false },
    ]);
    const again = await ask(self, RECORD, { id: person.young.id, partner: 'MISSIONS_LOCALES' });
    expect(again.data!.recordOpposition).toMatchObject({ inForce: true });
    expect(
      (await ask(self, WITHDRAW, { id: person.young.id, partner: 'MISSIONS_LOCALES' })).data!
        .withdrawOpposition,
    ).toMatchObject({ inForce: false });
  });

  it('at 18 the obligation de formation no longer applies: an opposition to the Mission locale hides its obligation status from the PSAD too', async () => {
    const adult = OPPOSING_ADULT;
    const psad = professional('psad-coordinator', `PSAD-${adult.young.bassin}`, [adult.young.bassin]);
    expect(await outcomeOf(psad, adult, 'obligationDeFormation', 'obligationDeFormation { status }')).toBe(
      'ALLOWED',
    );
    expect(
      (await ask(DPO, RECORD, { id: adult.young.id, partner: 'MISSIONS_LOCALES' })).data!.recordOpposition,
    ).toMatchObject({ inForce: true });
    try {
      expect(
        decide({
          caller: psad,
          category: 'OBLIGATION_FORMATION',
          owner: Partner.MISSIONS_LOCALES,
          subject: { ...adult.subject, oppositions: [Partner.MISSIONS_LOCALES] },
          now: NOW,
        }),
      ).toEqual({ allowed: false, reason: 'OPPOSITION' });
      expect(await outcomeOf(psad, adult, 'obligationDeFormation', 'obligationDeFormation { status }')).toBe(
        WITHHELD,
      );
    } finally {
      await ask(DPO, WITHDRAW, { id: adult.young.id, partner: 'MISSIONS_LOCALES' });
    }
    expect(await outcomeOf(psad, adult, 'obligationDeFormation', 'obligationDeFormation { status }')).toBe(
      'ALLOWED',
    );
  });
});

// ── PSAD transfer ───────────────────────────────────────────────────────────────────────────────

describe('a PSAD transfer moves the visibility with the person', () => {
  const person = TRANSFERRED;
  const from = person.young.bassin;
  const to = otherBassin(from);
  const oldCoordinator = professional('psad-coordinator', `PSAD-${from}`, [from]);
  const newCoordinator = professional('psad-coordinator', `PSAD-${to}`, [to]);
  const moveTo = (bassin: string) =>
    withSuperuser(SUBGRAPHS.psad.database, (client) =>
      client.query('UPDATE young SET bassin_code = $1 WHERE id = $2', [bassin, person.young.id]),
    );
  const caseload = async (caller: Caller) => {
    const answer = await ask(
      caller,
      `query ($name: String!) { youngs(filter: { name: $name }, first: 100) { nodes { id } } }`,
      { name: person.young.lastName },
    );
    return (answer.data!.youngs.nodes as { id: string }[]).map((node) => node.id);
  };
  const identity = (caller: Caller) =>
    ask(caller, `{ young(id: "${person.young.id}") { firstName bassin { code } } }`);

  afterAll(async () => {
    await moveTo(from);
  });

  it('before: the coordinator of the old bassin (whose PSAD has an open case) sees the person; the new one does not', async () => {
    expect(person.followersBy.psad).toContain(oldCoordinator.org);
    expect((await identity(oldCoordinator)).data!.young).toEqual({
      firstName: person.young.firstName,
      bassin: { code: from },
    });
    expect((await identity(newCoordinator)).data!.young).toBeNull();
    expect(await caseload(oldCoordinator)).toContain(person.young.id);
    expect(await caseload(newCoordinator)).not.toContain(person.young.id);
  });

  it('after the move: the old perimeter gets OUT_OF_TERRITORY (young(id) null, the open case notwithstanding), the new one sees the person', async () => {
    await moveTo(to);
    const moved: Subject = { ...person.subject, bassin: to };
    expect(
      decide({ caller: oldCoordinator, category: 'IDENTITY', owner: Partner.PSAD, subject: moved, now: NOW }),
    ).toEqual({ allowed: false, reason: 'OUT_OF_TERRITORY' });
    expect(
      decide({ caller: newCoordinator, category: 'IDENTITY', owner: Partner.PSAD, subject: moved, now: NOW }),
    ).toEqual({ allowed: true });

    const old = await identity(oldCoordinator);
    expect(old).toMatchObject({ data: { young: null } });
    const direct_ = await direct(
      'psad',
      oldCoordinator,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { firstName } } }',
      { r: [followerRepresentation(person)] },
    );
    expect(direct_.data).toEqual({ _entities: [{ firstName: null }] });
    expect(direct_.errors?.map((e) => e.extensions?.reason)).toEqual(['OUT_OF_TERRITORY']);
    expect(await caseload(oldCoordinator)).not.toContain(person.young.id);

    expect((await identity(newCoordinator)).data!.young).toEqual({
      firstName: person.young.firstName,
      bassin: { code: to },
    });
    expect(await caseload(newCoordinator)).toContain(person.young.id);
    // Partners decide on psad's attestation, which carries the new bassin.
    const attested = await matrix.hub.querySubgraph(
      'psad',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { accessSubject } } }',
      { r: [followerRepresentation(person)] },
    );
    const fact = await matrix.hub.readFact(
      (attested.data!._entities as { accessSubject: string }[])[0].accessSubject,
    );
    expect(JSON.parse(String(fact.subject))).toMatchObject({ bassin: to });
  });
});
