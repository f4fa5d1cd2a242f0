import { generateCatalogue } from '../../demo/generate';
import { BASSINS } from '../../platform/reference/territories';
import type { OrganisationKind } from '../../demo/world';
import { PURPOSES, ROLES, type Caller, type Purpose, type Role } from '../../platform/auth/claims';
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
import {
  AGE_RULE,
  CATEGORIES,
  CONDITIONS,
  DECISION_ORDER,
  HABILITATION_RULE,
  LEGAL_DUTY_EXCEPTION,
  OPPOSITION_RULE,
  PUBLIC_GRANT,
  ROLE_RULES,
  type Condition,
  type Grant,
} from '../../platform/policy/rules';
import {
  DATA_CATEGORIES,
  REFUSAL_REASONS,
  type AccessRequest,
  type DataCategory,
  type Decision,
  type RefusalReason,
  type Subject,
} from '../../platform/policy/types';

// ── The oracle: expectations read the policy data directly, never the engine's helpers ─────────

const grantOf = (role: Role, category: DataCategory): Grant | null =>
  CATEGORIES[category].kind === 'PUBLIC' ? PUBLIC_GRANT : (ROLE_RULES[role].grants[category] ?? null);
const purposesOf = (grant: Grant, category: DataCategory): readonly Purpose[] =>
  grant.purposes ?? CATEGORIES[category].purposes;
const isIndividual = (category: DataCategory): boolean =>
  CATEGORIES[category].kind === 'CASE_RECORD' || CATEGORIES[category].kind === 'ACCESS_TRAIL';
const needsHabilitation = (role: Role, category: DataCategory): boolean =>
  ROLE_RULES[role].actsAs === 'PROFESSIONAL' &&
  HABILITATION_RULE.appliesTo.includes(CATEGORIES[category].kind);
const ageRuleApplies = (category: DataCategory, grant: Grant): boolean =>
  AGE_RULE.appliesTo.includes(CATEGORIES[category].kind) &&
  !grant.when.some((condition) => AGE_RULE.exemptWhen.includes(condition));
const oppositionMayApply = (role: Role, category: DataCategory): boolean =>
  ROLE_RULES[role].partner !== null && OPPOSITION_RULE.appliesTo.includes(CATEGORIES[category].kind);
const legalDutyCovers = (role: Role, category: DataCategory): boolean =>
  LEGAL_DUTY_EXCEPTION.roles.includes(role) && LEGAL_DUTY_EXCEPTION.categories.includes(category);

// ── Fixtures: callers from the demo's organisations, a person who meets every condition ─────────

const NOW = new Date('2026-11-23T10:00:00Z');
const HOME = '38-GRE';
const ELSEWHERE = '38-NOR';
const PERSON = '3f1c2b9e-5d4a-4c8e-9a7b-1e2d3c4b5a69';
const SOMEONE_ELSE = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

const ALLOWED: Decision = { allowed: true };
const refused = (reason: RefusalReason): Decision => ({ allowed: false, reason });

/** The demo organisations whose staff hold each partner role. */
const ORGANISATION_KINDS: Partial<Record<Role, OrganisationKind[]>> = {
  'foquale-network': ['MLDS', 'CIO'],
  'en-referent': ['COLLEGE', 'LYCEE_GENERAL', 'LYCEE_PROFESSIONNEL', 'MICRO_LYCEE'],
  'ml-advisor': ['MISSION_LOCALE'],
  'e2c-staff': ['E2C_SITE'],
  'cfa-staff': ['CFA'],
  'agri-staff': ['LYCEE_AGRICOLE', 'CFPPA'],
  'pjj-educator': ['PJJ_UNIT'],
};
const organisations = generateCatalogue().organisations;
const demoCodesOf = (role: Role): string[] =>
  organisations.filter((o) => ORGANISATION_KINDS[role]?.includes(o.kind)).map((o) => o.code);

const ORGANISATION_OF: Record<Role, string> = {
  'psad-coordinator': `PSAD-${HOME}`,
  'foquale-network': demoCodesOf('foquale-network')[0],
  'en-referent': demoCodesOf('en-referent')[0],
  'ml-advisor': demoCodesOf('ml-advisor')[0],
  'e2c-staff': demoCodesOf('e2c-staff')[0],
  'cfa-staff': demoCodesOf('cfa-staff')[0],
  'agri-staff': demoCodesOf('agri-staff')[0],
  'pjj-educator': demoCodesOf('pjj-educator')[0],
  dashboard: 'RECTORAT-GRENOBLE',
  young: PERSON,
  dpo: 'DPD-ACADEMIE-GRENOBLE',
};

function caller(role: Role, purpose: Purpose, changes: Partial<Caller> = {}): Caller {
  return {
    sub: role === 'young' ? PERSON : `agent-${role}`,
    role,
    org: ORGANISATION_OF[role],
    territories: [HOME],
    purpose,
    ...changes,
  };
}

/** A person who meets every condition any grant of this caller could ask for. */
function personFor(who: Caller, changes: Partial<Subject> = {}): Subject {
  return {
    youngId: PERSON,
    bassin: HOME,
    age: 17,
    followers: [who.org],
    schools: [who.org],
    oppositions: [],
    obligationDeFormation: true,
    ...changes,
  };
}

const partnerOf = (role: Role): Partner | null => ROLE_RULES[role].partner;
const ownRowsOf = (role: Role): Partner => partnerOf(role) ?? Partner.PSAD;
const anotherPartnerThan = (role: Role): Partner =>
  Object.values(Partner).find((p) => p !== partnerOf(role) && p !== Partner.PSAD) ?? Partner.PJJ;

function request(
  who: Caller,
  category: DataCategory,
  row: { owner?: Partner; subject?: Subject | null; now?: Date } = {},
): AccessRequest {
  return {
    caller: who,
    category,
    owner: row.owner ?? ownRowsOf(who.role),
    subject: row.subject === undefined ? personFor(who) : row.subject,
    now: row.now ?? NOW,
  };
}

/**
 * A declared purpose under which this role can use its grant on this category (a habilitation in force
 * exists).
 */
function usablePurpose(role: Role, category: DataCategory): Purpose {
  const grant = grantOf(role, category);
  const fitting = grant ? purposesOf(grant, category) : CATEGORIES[category].purposes;
  const usable = fitting.find(
    (purpose) =>
      !needsHabilitation(role, category) ||
      habilitationStatus({ role, org: ORGANISATION_OF[role], purpose, category }, NOW) === 'IN_FORCE',
  );
  return usable ?? fitting[0];
}

/** How to make one condition fail while every other still holds. */
const BREAK: Record<
  Condition,
  (row: { who: Caller; owner: Partner; subject: Subject }) => { owner: Partner; subject: Subject }
> = {
  IN_TERRITORY: ({ owner, subject }) => ({ owner, subject: { ...subject, bassin: ELSEWHERE } }),
  FOLLOWS: ({ owner, subject }) => ({ owner, subject: { ...subject, followers: ['00000000000000'] } }),
  OWN_SCHOOL: ({ owner, subject }) => ({ owner, subject: { ...subject, schools: ['0389999Z'] } }),
  SELF: ({ owner, subject }) => ({ owner, subject: { ...subject, youngId: SOMEONE_ELSE } }),
  OWN_PARTNER_ROW: ({ who, subject }) => ({ owner: anotherPartnerThan(who.role), subject }),
};

// ── The matrix, generated from the policy data: every role × category × condition ───────────────

const CELLS = ROLES.flatMap((role) => DATA_CATEGORIES.map((category) => ({ role, category })));

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
    if (!grant.when.includes('OWN_PARTNER_ROW')) {
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

describe('age', () => {
  it('a pupil under 16 is visible only to their own school’s prevention staff', () => {
    const referent = caller('en-referent', 'ACCOMPAGNEMENT');
    const pupil = personFor(referent, { age: 14, followers: [] });
    expect(decide(request(referent, 'IDENTITY', { subject: pupil }))).toEqual(ALLOWED);
    expect(decide(request(referent, 'IDENTITY', { subject: { ...pupil, schools: ['0389999Z'] } }))).toEqual(
      refused('NOT_FOLLOWING'),
    );
    const network = caller('foquale-network', 'ACCOMPAGNEMENT');
    expect(decide(request(network, 'IDENTITY', { subject: personFor(network, { age: 15 }) }))).toEqual(
      refused('UNDER_16'),
    );
    const psad = caller('psad-coordinator', 'REPERAGE_SIEI');
    expect(decide(request(psad, 'SCHOOLING', { subject: personFor(psad, { age: 15 }) }))).toEqual(
      refused('UNDER_16'),
    );
  });

  it('the person under 16 still reads their own record and trail', () => {
    const self = caller('young', 'ACCOMPAGNEMENT');
    expect(decide(request(self, 'SCHOOLING', { subject: personFor(self, { age: 15 }) }))).toEqual(ALLOWED);
    expect(decide(request(self, 'ACCESS_LOG', { subject: personFor(self, { age: 15 }) }))).toEqual(ALLOWED);
  });

  it('conditions are checked before age, age before opposition', () => {
    const psad = caller('psad-coordinator', 'ACCOMPAGNEMENT');
    const young = personFor(psad, { age: 15, bassin: ELSEWHERE, oppositions: [Partner.EDUCATION_NATIONALE] });
    expect(
      decide(request(psad, 'SCHOOLING', { owner: Partner.EDUCATION_NATIONALE, subject: young })),
    ).toEqual(refused('OUT_OF_TERRITORY'));
    expect(
      decide(
        request(psad, 'SCHOOLING', {
          owner: Partner.EDUCATION_NATIONALE,
          subject: { ...young, bassin: HOME },
        }),
      ),
    ).toEqual(refused('UNDER_16'));
    expect(
      decide(
        request(psad, 'SCHOOLING', {
          owner: Partner.EDUCATION_NATIONALE,
          subject: { ...young, bassin: HOME, age: 16 },
        }),
      ),
    ).toEqual(refused('OPPOSITION'));
  });
});

describe('opposition', () => {
  const ml = caller('ml-advisor', 'SUIVI_OF');
  const opposedToEducation = personFor(ml, {
    oppositions: [Partner.EDUCATION_NATIONALE],
    obligationDeFormation: true,
  });

  it('hides what one partner holds from every other partner', () => {
    expect(
      decide(request(ml, 'SCHOOLING', { owner: Partner.EDUCATION_NATIONALE, subject: opposedToEducation })),
    ).toEqual(refused('OPPOSITION'));
    expect(
      decide(
        request(caller('e2c-staff', 'ACCOMPAGNEMENT'), 'SCHOOLING', {
          owner: Partner.EDUCATION_NATIONALE,
          subject: { ...opposedToEducation, followers: [ORGANISATION_OF['e2c-staff']] },
        }),
      ),
    ).toEqual(refused('OPPOSITION'));
  });

  it('does not hide a partner’s rows from that partner', () => {
    const network = caller('foquale-network', 'ACCOMPAGNEMENT');
    expect(
      decide(
        request(network, 'SCHOOLING', {
          owner: Partner.EDUCATION_NATIONALE,
          subject: personFor(network, { oppositions: [Partner.EDUCATION_NATIONALE] }),
        }),
      ),
    ).toEqual(ALLOWED);
  });

  it('yields to the legal duty of the obligation de formation: identity and status, to the PSAD and the Mission locale only', () => {
    const opposedToAll = (who: Caller, obligationDeFormation: boolean) =>
      personFor(who, { oppositions: Object.values(Partner), obligationDeFormation });
    const psad = caller('psad-coordinator', 'SUIVI_OF');
    expect(decide(request(ml, 'IDENTITY', { owner: Partner.PSAD, subject: opposedToAll(ml, true) }))).toEqual(
      ALLOWED,
    );
    expect(
      decide(
        request(psad, 'OBLIGATION_FORMATION', {
          owner: Partner.MISSIONS_LOCALES,
          subject: opposedToAll(psad, true),
        }),
      ),
    ).toEqual(ALLOWED);
    expect(decide(request(ml, 'CONTACT', { owner: Partner.PSAD, subject: opposedToAll(ml, true) }))).toEqual(
      refused('OPPOSITION'),
    );
    expect(
      decide(request(ml, 'IDENTITY', { owner: Partner.PSAD, subject: opposedToAll(ml, false) })),
    ).toEqual(refused('OPPOSITION'));
    const e2c = caller('e2c-staff', 'ACCOMPAGNEMENT');
    expect(
      decide(request(e2c, 'IDENTITY', { owner: Partner.PSAD, subject: opposedToAll(e2c, true) })),
    ).toEqual(refused('OPPOSITION'));
  });
});

describe('the PJJ signal', () => {
  const signal = (who: Caller, subject: Subject = personFor(who)) =>
    decide(request(who, 'PJJ_SIGNAL', { owner: Partner.PJJ, subject }));

  it('reaches a PSAD coordinator or a Mission locale adviser whose organisation follows the person', () => {
    const psad = caller('psad-coordinator', 'ACCOMPAGNEMENT');
    const ml = caller('ml-advisor', 'ACCOMPAGNEMENT');
    expect(signal(psad)).toEqual(ALLOWED);
    expect(signal(ml)).toEqual(ALLOWED);
    expect(signal(psad, personFor(psad, { followers: [] }))).toEqual(refused('NOT_FOLLOWING'));
    expect(signal(ml, personFor(ml, { followers: [] }))).toEqual(refused('NOT_FOLLOWING'));
  });

  it('reaches the PJJ unit that follows the person, and no other PJJ unit', () => {
    const pjj = caller('pjj-educator', 'ACCOMPAGNEMENT');
    expect(signal(pjj)).toEqual(ALLOWED);
    expect(signal(pjj, personFor(pjj, { followers: ['99999999999999'] }))).toEqual(refused('NOT_FOLLOWING'));
  });

  it('never reaches anyone else, even following the person', () => {
    for (const role of [
      'foquale-network',
      'en-referent',
      'e2c-staff',
      'cfa-staff',
      'agri-staff',
      'dpo',
    ] as const) {
      expect(signal(caller(role, 'ACCOMPAGNEMENT'))).toEqual(refused('ROLE_NOT_GRANTED'));
    }
    expect(signal(caller('dashboard', 'PILOTAGE_AGREGE'))).toEqual(refused('AGGREGATES_ONLY'));
    expect(ROLES.filter((role) => grantOf(role, 'PJJ_SIGNAL'))).toEqual([
      'psad-coordinator',
      'ml-advisor',
      'pjj-educator',
      'young',
    ]);
  });

  it('is hidden by an opposition to the PJJ, and not shown for repérage', () => {
    const psad = caller('psad-coordinator', 'ACCOMPAGNEMENT');
    expect(signal(psad, personFor(psad, { oppositions: [Partner.PJJ] }))).toEqual(refused('OPPOSITION'));
    expect(signal({ ...psad, purpose: 'REPERAGE_SIEI' })).toEqual(refused('PURPOSE_MISMATCH'));
  });
});

describe('territory', () => {
  it('a PSAD transfer moves the person, and the visibility, to the new perimeter', () => {
    const grenoble = caller('psad-coordinator', 'REPERAGE_SIEI');
    const nordIsere = caller('psad-coordinator', 'REPERAGE_SIEI', {
      org: `PSAD-${ELSEWHERE}`,
      territories: [ELSEWHERE],
    });
    const before = personFor(grenoble);
    const after = { ...before, bassin: ELSEWHERE };
    expect(decide(request(grenoble, 'IDENTITY', { subject: before }))).toEqual(ALLOWED);
    expect(decide(request(nordIsere, 'IDENTITY', { subject: before }))).toEqual(refused('OUT_OF_TERRITORY'));
    expect(decide(request(grenoble, 'IDENTITY', { subject: after }))).toEqual(refused('OUT_OF_TERRITORY'));
    expect(decide(request(nordIsere, 'IDENTITY', { subject: after }))).toEqual(ALLOWED);
  });

  it('a row about no one meets no condition', () => {
    expect(
      decide(request(caller('psad-coordinator', 'REPERAGE_SIEI'), 'IDENTITY', { subject: null })),
    ).toEqual(refused('OUT_OF_TERRITORY'));
  });
});

describe('dashboards, the young person, the DPO', () => {
  it('a dashboard sees aggregates and offers only', () => {
    const dashboard = caller('dashboard', 'PILOTAGE_AGREGE');
    expect(decide(request(dashboard, 'AGGREGATES', { subject: null }))).toEqual(ALLOWED);
    expect(decide(request(dashboard, 'OFFERS', { subject: null }))).toEqual(ALLOWED);
    expect(
      decide(request({ ...dashboard, purpose: 'ACCOMPAGNEMENT' }, 'AGGREGATES', { subject: null })),
    ).toEqual(refused('PURPOSE_MISMATCH'));
    for (const category of DATA_CATEGORIES.filter(isIndividual))
      expect(decide(request(dashboard, category))).toEqual(refused('AGGREGATES_ONLY'));
  });

  it('the young person sees their own record and trail, nobody else’s, and no aggregates', () => {
    const self = caller('young', 'ACCOMPAGNEMENT');
    for (const category of DATA_CATEGORIES.filter(isIndividual)) {
      expect(decide(request(self, category))).toEqual(ALLOWED);
      expect(
        decide(request(self, category, { subject: personFor(self, { youngId: SOMEONE_ELSE }) })),
      ).toEqual(refused('NOT_SELF'));
    }
    expect(decide(request(self, 'AGGREGATES', { subject: null }))).toEqual(refused('ROLE_NOT_GRANTED'));
    expect(decide(request(self, 'OFFERS', { subject: null }))).toEqual(ALLOWED);
  });

  it('the DPO sees anyone’s access trail, and no case content', () => {
    const dpo = caller('dpo', 'ACCOMPAGNEMENT');
    const anyone = personFor(dpo, {
      youngId: SOMEONE_ELSE,
      bassin: '74-CHA',
      age: 14,
      followers: [],
      schools: [],
      oppositions: Object.values(Partner),
    });
    expect(decide(request(dpo, 'ACCESS_LOG', { owner: Partner.PJJ, subject: anyone }))).toEqual(ALLOWED);
    for (const category of DATA_CATEGORIES.filter((c) => CATEGORIES[c].kind === 'CASE_RECORD')) {
      expect(decide(request(dpo, category, { subject: anyone }))).toEqual(refused('ROLE_NOT_GRANTED'));
    }
  });
});

describe('the policy itself', () => {
  it('has a rule for every role and every category', () => {
    expect(Object.keys(ROLE_RULES).sort()).toEqual([...ROLES].sort());
    expect(Object.keys(CATEGORIES).sort()).toEqual([...DATA_CATEGORIES].sort());
  });

  it('can give every refusal reason, and names each in the decision order', () => {
    const named = new Set(DECISION_ORDER.flatMap((step) => step.refusals));
    expect([...named].sort()).toEqual([...REFUSAL_REASONS].sort());
    for (const condition of Object.values(CONDITIONS)) expect(REFUSAL_REASONS).toContain(condition.refusal);
  });

  it('opens no individual record without a condition on the person, except the DPO’s trail', () => {
    for (const { role, category } of CELLS) {
      const grant = grantOf(role, category);
      if (!grant || !isIndividual(category) || grant.when.length > 0) continue;
      expect({ role, category }).toEqual({ role: 'dpo', category: 'ACCESS_LOG' });
    }
  });

  it('fits no individual record to aggregated steering, except the person’s own right of access', () => {
    for (const category of DATA_CATEGORIES.filter((c) => CATEGORIES[c].kind === 'CASE_RECORD')) {
      expect(CATEGORIES[category].purposes).not.toContain('PILOTAGE_AGREGE');
    }
  });
});
