import { ROLES, type Caller } from '../../platform/auth/claims';
import { Partner } from '../../platform/partners';
import { decide } from '../../platform/policy/engine';
import { CATEGORIES, CONDITIONS, DECISION_ORDER, ROLE_RULES } from '../../platform/policy/rules';
import { DATA_CATEGORIES, REFUSAL_REASONS, type Subject } from '../../platform/policy/types';
import {
  grantOf,
  isIndividual,
  HOME,
  ELSEWHERE,
  SOMEONE_ELSE,
  ALLOWED,
  refused,
  ORGANISATION_OF,
  caller,
  personFor,
  request,
  CELLS,
} from '../support/policy-engine';

/**
 * The rules of DESIGN.md §5, one by one, through the policy engine: age, opposition, the PJJ signal,
 * territory, dashboards, the young person, the DPO, and the policy data itself.
 */

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
    // The register of follows compares the staff's openings: the DPO's control, not the person's record.
    expect(decide(request(self, 'FOLLOW_REGISTER'))).toEqual(refused('ROLE_NOT_GRANTED'));
    for (const category of DATA_CATEGORIES.filter(isIndividual).filter((c) => c !== 'FOLLOW_REGISTER')) {
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

  it('opens no individual record without a condition on the person, except the DPO’s trail and register', () => {
    for (const { role, category } of CELLS) {
      const grant = grantOf(role, category);
      if (!grant || !isIndividual(category) || grant.when.length > 0) continue;
      expect(role).toBe('dpo');
      expect(['ACCESS_LOG', 'FOLLOW_REGISTER']).toContain(category);
    }
  });

  it('fits no individual record to aggregated steering, except the person’s own right of access', () => {
    for (const category of DATA_CATEGORIES.filter((c) => CATEGORIES[c].kind === 'CASE_RECORD')) {
      expect(CATEGORIES[category].purposes).not.toContain('PILOTAGE_AGREGE');
    }
  });
});
