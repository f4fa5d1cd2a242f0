import { BASSINS } from '../../platform/reference/territories';
import { PURPOSES, type Caller, type Purpose, type Role } from '../../platform/auth/claims';
import { parisDay } from '../../platform/calendar';
import { Partner } from '../../platform/partners';
import { DEPENDS_ON_ROW, decide, decideOperations, decideWithoutSubject } from '../../platform/policy/engine';
import {
  HABILITATIONS,
  REGISTER_COLUMNS,
  habilitationRows,
  habilitationStatus,
  habilitationsCsv,
  matchesCodePattern,
  standingOn,
  type Habilitation,
} from '../../platform/policy/habilitations';
import { CATEGORIES, CONDITIONS, ROLE_RULES } from '../../platform/policy/rules';
import { DATA_CATEGORIES, type Subject } from '../../platform/policy/types';
import {
  grantOf,
  purposesOf,
  isIndividual,
  needsHabilitation,
  ageRuleApplies,
  oppositionMayApply,
  legalDutyCovers,
  NOW,
  ALLOWED,
  refused,
  ORGANISATION_KINDS,
  demoCodesOf,
  ORGANISATION_OF,
  caller,
  personFor,
  partnerOf,
  ownRowsOf,
  anotherPartnerThan,
  request,
  usablePurpose,
  BREAK,
  CELLS,
} from '../support/policy-engine';

/**
 * The policy engine against the policy data: every role × category × condition, the operation
 * level, purposes and habilitations. The rules of DESIGN.md §5 one by one: policy-rules.test.ts.
 */

// ── The matrix, generated from the policy data: every role × category × condition ───────────────

describe.each(CELLS)('$role × $category', ({ role, category }) => {
  const grant = grantOf(role, category);
  const purpose = usablePurpose(role, category);
  const who = caller(role, purpose);

  if (ROLE_RULES[role].aggregatesOnly && isIndividual(category)) {
    it('is refused: aggregates only', () => {
      expect(decide(request(who, category))).toEqual(refused('AGGREGATES_ONLY'));
      expect(decideWithoutSubject(who, category, NOW)).toEqual(refused('AGGREGATES_ONLY'));
    });
    return;
  }
  if (!grant) {
    it('is refused: not granted to the role, even when every condition holds', () => {
      expect(decide(request(who, category))).toEqual(refused('ROLE_NOT_GRANTED'));
      expect(decideWithoutSubject(who, category, NOW)).toEqual(refused('ROLE_NOT_GRANTED'));
    });
    return;
  }

  const aboutSomeone = isIndividual(category);
  it(`is allowed when ${grant.when.length ? grant.when.join(' + ') : 'nothing'} holds, under ${purpose}`, () => {
    expect(decide(request(who, category, { subject: aboutSomeone ? personFor(who) : null }))).toEqual(
      ALLOWED,
    );
  });

  for (const condition of grant.when) {
    it(`is refused with ${CONDITIONS[condition].refusal} when ${condition} does not hold (and every other does)`, () => {
      const row = BREAK[condition]({ who, owner: ownRowsOf(role), subject: personFor(who) });
      expect(decide(request(who, category, row))).toEqual(refused(CONDITIONS[condition].refusal));
    });
  }

  for (const other of PURPOSES.filter((p) => !purposesOf(grant, category).includes(p))) {
    it(`is refused with PURPOSE_MISMATCH under ${other}`, () => {
      expect(decide(request(caller(role, other), category))).toEqual(refused('PURPOSE_MISMATCH'));
    });
  }

  if (CATEGORIES[category].kind === 'CASE_RECORD') {
    const underAge = ageRuleApplies(category, grant);
    it(`is ${underAge ? 'refused with UNDER_16' : 'allowed'} for a person aged 15`, () => {
      expect(decide(request(who, category, { subject: personFor(who, { age: 15 }) }))).toEqual(
        underAge ? refused('UNDER_16') : ALLOWED,
      );
    });
    it('is allowed at 16', () => {
      expect(decide(request(who, category, { subject: personFor(who, { age: 16 }) }))).toEqual(ALLOWED);
    });
  }

  if (aboutSomeone && partnerOf(role) === null) {
    it('is not hidden by an opposition: the caller is no other partner', () => {
      const opposedToAll = personFor(who, { oppositions: Object.values(Partner) });
      expect(
        decide(request(who, category, { owner: Partner.EDUCATION_NATIONALE, subject: opposedToAll })),
      ).toEqual(ALLOWED);
    });
  }

  if (oppositionMayApply(role, category)) {
    it('stays visible on the partner’s own rows despite an opposition to that partner', () => {
      const owner = ownRowsOf(role);
      expect(
        decide(request(who, category, { owner, subject: personFor(who, { oppositions: [owner] }) })),
      ).toEqual(ALLOWED);
    });
    if (!grant.when.includes('OWN_ORGANISATION_ROW')) {
      const owner = anotherPartnerThan(role);
      const duty = legalDutyCovers(role, category);
      it(`is ${duty ? 'allowed (legal duty of the obligation de formation)' : 'refused with OPPOSITION'} on another partner’s rows the person opposed sharing`, () => {
        const opposed = personFor(who, { oppositions: [owner], obligationDeFormation: true });
        expect(decide(request(who, category, { owner, subject: opposed }))).toEqual(
          duty ? ALLOWED : refused('OPPOSITION'),
        );
      });
      it('is refused with OPPOSITION when the obligation de formation does not apply', () => {
        const opposed = personFor(who, { oppositions: [owner], obligationDeFormation: false, age: 19 });
        expect(decide(request(who, category, { owner, subject: opposed }))).toEqual(refused('OPPOSITION'));
      });
      it('is allowed again once the opposition is withdrawn, or when it concerns another partner', () => {
        expect(
          decide(request(who, category, { owner, subject: personFor(who, { oppositions: [] }) })),
        ).toEqual(ALLOWED);
        const elsewhere = Object.values(Partner).filter((p) => p !== owner);
        expect(
          decide(request(who, category, { owner, subject: personFor(who, { oppositions: elsewhere }) })),
        ).toEqual(ALLOWED);
      });
    }
  }
});

// ── The operation level agrees with the row level ──────────────────────────────────────────────

describe('decideWithoutSubject', () => {
  /** The rows a test can think of for this caller: every condition met, each broken, under age, opposed. */
  function rows(who: Caller): { owner: Partner; subject: Subject }[] {
    const base = { who, owner: ownRowsOf(who.role), subject: personFor(who) };
    const other = anotherPartnerThan(who.role);
    return [
      base,
      ...Object.values(BREAK).map((breakIt) => breakIt(base)),
      { owner: base.owner, subject: personFor(who, { age: 14 }) },
      { owner: other, subject: personFor(who, { oppositions: [other], obligationDeFormation: false }) },
    ];
  }

  const combinations = CELLS.flatMap(({ role, category }) =>
    PURPOSES.map((purpose) => ({ role, category, purpose })),
  );

  it.each(combinations)(
    '$role × $category under $purpose: a final answer holds for every row; DEPENDS_ON_ROW means rows differ',
    ({ role, category, purpose }) => {
      const who = caller(role, purpose);
      const operation = decideWithoutSubject(who, category, NOW);
      const outcomes = rows(who).map(({ owner, subject }) =>
        decide(request(who, category, { owner, subject })),
      );
      if (operation === DEPENDS_ON_ROW) {
        expect(outcomes[0]).toEqual(ALLOWED);
        expect(outcomes.some((outcome) => !outcome.allowed)).toBe(true);
      } else {
        for (const outcome of outcomes) expect(outcome).toEqual(operation);
      }
    },
  );

  it('lists, for a caller, what it may ask for at all', () => {
    const decisions = decideOperations(caller('dashboard', 'PILOTAGE_AGREGE'), NOW);
    expect(decisions.AGGREGATES).toEqual(ALLOWED);
    expect(decisions.OFFERS).toEqual(ALLOWED);
    expect(decisions.IDENTITY).toEqual(refused('AGGREGATES_ONLY'));
    expect(decideOperations(caller('psad-coordinator', 'REPERAGE_SIEI'), NOW).IDENTITY).toBe(DEPENDS_ON_ROW);
    expect(decideOperations(caller('dpo', 'ACCOMPAGNEMENT'), NOW).ACCESS_LOG).toEqual(ALLOWED);
  });
});

// ── Rules of DESIGN.md §5, one by one ──────────────────────────────────────────────────────────

describe('purposes', () => {
  it('aggregated steering never opens an individual record', () => {
    for (const category of DATA_CATEGORIES.filter((c) => CATEGORIES[c].kind === 'CASE_RECORD')) {
      expect(decide(request(caller('psad-coordinator', 'PILOTAGE_AGREGE'), category))).toEqual(
        refused('PURPOSE_MISMATCH'),
      );
    }
    expect(
      decide(request(caller('psad-coordinator', 'PILOTAGE_AGREGE'), 'AGGREGATES', { subject: null })),
    ).toEqual(ALLOWED);
  });

  it('interview notes serve only the accompaniment', () => {
    const ml = caller('ml-advisor', 'SUIVI_OF');
    expect(decide(request(ml, 'FOLLOW_UP_DETAIL'))).toEqual(refused('PURPOSE_MISMATCH'));
    expect(decide(request({ ...ml, purpose: 'ACCOMPAGNEMENT' }, 'FOLLOW_UP_DETAIL'))).toEqual(ALLOWED);
  });

  it('the person reads their own record whatever purpose the token declares', () => {
    for (const purpose of PURPOSES)
      expect(decide(request(caller('young', purpose), 'FOLLOW_UP_DETAIL'))).toEqual(ALLOWED);
  });
});

describe('habilitations', () => {
  const cfa = (purpose: Purpose) => caller('cfa-staff', purpose);

  it('an expired habilitation grants nothing: CFA staff under SUIVI_OF (experiment ended 2026-08-31)', () => {
    expect(decide(request(cfa('SUIVI_OF'), 'IDENTITY'))).toEqual(refused('HABILITATION_EXPIRED'));
    expect(decideWithoutSubject(cfa('SUIVI_OF'), 'IDENTITY', NOW)).toEqual(refused('HABILITATION_EXPIRED'));
    expect(decide(request(cfa('ACCOMPAGNEMENT'), 'IDENTITY'))).toEqual(ALLOWED);
  });

  it('expires at midnight, Paris time, after its last day', () => {
    expect(decide(request(cfa('SUIVI_OF'), 'IDENTITY', { now: new Date('2026-08-31T21:59:59Z') }))).toEqual(
      ALLOWED,
    );
    expect(decide(request(cfa('SUIVI_OF'), 'IDENTITY', { now: new Date('2026-08-31T22:00:00Z') }))).toEqual(
      refused('HABILITATION_EXPIRED'),
    );
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('the purpose is checked before the habilitation', () => {
    expect(decide(request(cfa('SUIVI_OF'), 'FOLLOW_UP_DETAIL'))).toEqual(refused('PURPOSE_MISMATCH'));
  });

  it('a purpose the organisation was never authorised for is NO_HABILITATION', () => {
    expect(decide(request(caller('e2c-staff', 'REPERAGE_SIEI'), 'IDENTITY'))).toEqual(
      refused('NO_HABILITATION'),
    );
    expect(decide(request(caller('en-referent', 'SUIVI_OF'), 'SCHOOLING'))).toEqual(
      refused('NO_HABILITATION'),
    );
  });

  it('an organisation outside the register is NO_HABILITATION, whatever its role claim', () => {
    expect(
      decide(request(caller('psad-coordinator', 'REPERAGE_SIEI', { org: '0381234A' }), 'IDENTITY')),
    ).toEqual(refused('NO_HABILITATION'));
    expect(
      decide(request(caller('foquale-network', 'REPERAGE_SIEI', { org: '0691234A' }), 'IDENTITY')),
    ).toEqual(refused('NO_HABILITATION'));
  });

  it('is not needed for offers, aggregates, or the person’s own record', () => {
    expect(
      decide(request(caller('e2c-staff', 'REPERAGE_SIEI', { org: 'UNKNOWN' }), 'OFFERS', { subject: null })),
    ).toEqual(ALLOWED);
    expect(
      decide(
        request(caller('dashboard', 'PILOTAGE_AGREGE', { org: 'UNKNOWN' }), 'AGGREGATES', { subject: null }),
      ),
    ).toEqual(ALLOWED);
    expect(decide(request(caller('young', 'ACCOMPAGNEMENT', { org: 'UNKNOWN' }), 'IDENTITY'))).toEqual(
      ALLOWED,
    );
  });

  it('an entry not yet in force grants nothing, and is not reported as expired', () => {
    const future: Habilitation = {
      ...HABILITATIONS[0],
      id: 'FUTURE',
      validFrom: '2030-01-01',
      validUntil: '2031-12-31',
    };
    const query = {
      role: future.role,
      org: 'PSAD-38-GRE',
      purpose: future.purposes[0],
      category: future.categories[0],
    };
    expect(standingOn(future, NOW)).toBe('NOT_YET_IN_FORCE');
    expect(habilitationStatus(query, NOW, [future])).toBe('NONE');
    expect(
      habilitationStatus(query, NOW, [
        future,
        { ...future, id: 'PAST', validFrom: '2020-01-01', validUntil: '2021-01-01' },
      ]),
    ).toBe('EXPIRED');
    expect(habilitationStatus(query, NOW, [future, HABILITATIONS[0]])).toBe('IN_FORCE');
  });

  it('matches organisation codes by pattern', () => {
    expect(matchesCodePattern('PSAD-*', 'PSAD-38-GRE')).toBe(true);
    expect(matchesCodePattern('PSAD-*', 'XPSAD-38-GRE')).toBe(false);
    expect(matchesCodePattern('038####@', '0381234A')).toBe(true);
    expect(matchesCodePattern('038####@', '0381234')).toBe(false);
    expect(matchesCodePattern('038####@', '0691234A')).toBe(false);
    expect(matchesCodePattern('##############', '12345678901234')).toBe(true);
    expect(matchesCodePattern('##############', '1234567890123')).toBe(false);
    expect(matchesCodePattern('A.B', 'AxB')).toBe(false);
  });
});

describe('the register of habilitations', () => {
  it('has unique ids and valid date ranges', () => {
    expect(new Set(HABILITATIONS.map((h) => h.id)).size).toBe(HABILITATIONS.length);
    for (const h of HABILITATIONS) {
      expect(h.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(h.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(h.validFrom <= h.validUntil).toBe(true);
      expect(h.dpo.length).toBeGreaterThan(0);
      expect(h.legalBasis.length).toBeGreaterThan(0);
    }
  });

  it('never authorises more than the rules grant the role', () => {
    for (const h of HABILITATIONS) {
      for (const category of h.categories) {
        const grant = grantOf(h.role, category);
        expect({
          habilitation: h.id,
          category,
          granted: grant !== null && h.purposes.some((p) => purposesOf(grant, category).includes(p)),
        }).toEqual({
          habilitation: h.id,
          category,
          granted: true,
        });
      }
    }
  });

  it('lets every granted cell be used by the demo organisations, under at least one purpose', () => {
    for (const { role, category } of CELLS) {
      if (!grantOf(role, category) || !needsHabilitation(role, category)) continue;
      const purpose = usablePurpose(role, category);
      expect({
        role,
        category,
        status: habilitationStatus({ role, org: ORGANISATION_OF[role], purpose, category }, NOW),
      }).toEqual({ role, category, status: 'IN_FORCE' });
    }
  });

  it('covers every demo organisation of each partner role, and every PSAD', () => {
    const covered = (role: Role, org: string) =>
      PURPOSES.some(
        (purpose) => habilitationStatus({ role, org, purpose, category: 'IDENTITY' }, NOW) === 'IN_FORCE',
      );
    for (const role of Object.keys(ORGANISATION_KINDS) as Role[]) {
      const codes = demoCodesOf(role);
      expect(codes.length).toBeGreaterThan(0);
      for (const org of codes)
        expect({ role, org, covered: covered(role, org) }).toEqual({ role, org, covered: true });
    }
    for (const bassin of BASSINS) expect(covered('psad-coordinator', `PSAD-${bassin.code}`)).toBe(true);
  });

  it('holds at least one expired entry, for the tests and the demo to show', () => {
    expect(HABILITATIONS.filter((h) => standingOn(h, NOW) === 'EXPIRED').map((h) => h.id)).toEqual([
      'HAB-CFA-RUPTURES-OF',
    ]);
  });

  it('exports as flat rows and as CSV', () => {
    const rows = habilitationRows();
    expect(rows).toHaveLength(HABILITATIONS.length);
    expect(Object.keys(rows[0])).toEqual([...REGISTER_COLUMNS]);
    const lines = habilitationsCsv().trimEnd().split('\r\n');
    expect(lines[0]).toBe(REGISTER_COLUMNS.join(';'));
    expect(lines).toHaveLength(HABILITATIONS.length + 1);
    expect(habilitationsCsv([{ ...HABILITATIONS[0], holder: 'A; "B"' }]).split('\r\n')[1]).toContain(
      '"A; ""B"""',
    );
  });
});
