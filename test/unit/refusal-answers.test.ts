import { ROLES, type Caller, type Role } from '../../platform/auth/claims';
import { Partner } from '../../platform/partners';
import { answerTo, decide, unreachableReason, WITHHELD } from '../../platform/policy/engine';
import { withheldCategories } from '../../platform/policy/events';
import { CATEGORIES, CONDITIONS, ROLE_RULES } from '../../platform/policy/rules';
import {
  DATA_CATEGORIES,
  PERSON_REASONS,
  REFUSAL_REASONS,
  type RefusalReason,
  type Subject,
} from '../../platform/policy/types';

/**
 * Class 4 of issue 11 (docs/threat-model.md): a refusal speaks of the caller, never of the person.
 * The engine decides the true reason; what the caller is told never names an age or an opposition.
 */
const NOW = new Date('2026-11-23T10:00:00Z');
const PERSON = '3f1c2b9e-5d4a-4c8e-9a7b-1e2d3c4b5a69';
const ML = '38000000000001';

const subject = (facts: Partial<Subject> = {}): Subject => ({
  youngId: PERSON,
  bassin: '38-GRE',
  age: 17,
  followers: ['PSAD-38-GRE', ML],
  schools: [],
  oppositions: [],
  obligationDeFormation: true,
  ...facts,
});
const caller = (role: Role, org: string): Caller => ({
  sub: `unit-${role}`,
  role,
  org,
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
});

describe('the reasons a caller is told', () => {
  const told = REFUSAL_REASONS.filter((reason) => !(PERSON_REASONS as readonly string[]).includes(reason));

  it.each(ROLES.flatMap((role) => DATA_CATEGORIES.map((category) => [role, category] as const)))(
    '%s, %s: never an age or an opposition',
    (role, category) => {
      for (const reason of REFUSAL_REASONS) {
        const answer = answerTo(role, category, reason);
        expect([...told, WITHHELD]).toContain(answer);
      }
    },
  );

  it('tells a reason about the caller as it is', () => {
    for (const reason of told) expect(answerTo('ml-advisor', 'PJJ_SIGNAL', reason)).toBe(reason);
  });

  it('answers under 16 as for a person out of reach: the first condition on the person in the grant', () => {
    expect(answerTo('psad-coordinator', 'IDENTITY', 'UNDER_16')).toBe('OUT_OF_TERRITORY');
    expect(answerTo('ml-advisor', 'IDENTITY', 'UNDER_16')).toBe('NOT_FOLLOWING');
    expect(answerTo('young', 'IDENTITY', 'UNDER_16')).toBe('NOT_SELF');
    for (const role of ROLES)
      for (const category of DATA_CATEGORIES) {
        const first = ROLE_RULES[role].grants[category]?.when.find((c) => c !== 'OWN_ORGANISATION_ROW');
        expect(unreachableReason(role, category)).toBe(
          CATEGORIES[category].kind !== 'PUBLIC' && first ? CONDITIONS[first].refusal : 'NOT_FOLLOWING',
        );
      }
  });

  it('withholds an opposed partner’s rows as if it held none, save the identity, which puts the person out of reach', () => {
    expect(answerTo('ml-advisor', 'PJJ_SIGNAL', 'OPPOSITION')).toBe(WITHHELD);
    expect(answerTo('psad-coordinator', 'FOLLOW_UP_SUMMARY', 'OPPOSITION')).toBe(WITHHELD);
    expect(answerTo('foquale-network', 'IDENTITY', 'OPPOSITION')).toBe('OUT_OF_TERRITORY');
  });
});

describe('the PJJ signal of a person the caller follows', () => {
  const adviser = caller('ml-advisor', ML);
  const opposed = subject({ oppositions: [Partner.PJJ], followers: ['PSAD-38-GRE', ML, 'PJJ-UNIT'] });

  it('is decided OPPOSITION (the DPO’s reason) and told as nothing at all', () => {
    const decision = decide({
      caller: adviser,
      category: 'PJJ_SIGNAL',
      owner: Partner.PJJ,
      subject: opposed,
      now: NOW,
    });
    expect(decision).toEqual({ allowed: false, reason: 'OPPOSITION' });
    expect(answerTo(adviser.role, 'PJJ_SIGNAL', (decision as { reason: RefusalReason }).reason)).toBe(
      WITHHELD,
    );
  });

  it('leaves the trajectory’s notices the same as for a person without a signal or an opposition', () => {
    for (const role of ['ml-advisor', 'psad-coordinator'] as const) {
      const who = caller(role, role === 'ml-advisor' ? ML : 'PSAD-38-GRE');
      const notices = (facts: Subject) => withheldCategories(who, facts, NOW);
      expect(notices(opposed)).toEqual(notices(subject()));
    }
  });

  it('never names a person’s reason in a trajectory notice, whatever the facts', () => {
    const facts = [subject({ age: 15 }), subject({ oppositions: Object.values(Partner) })];
    for (const role of ROLES)
      for (const person of facts)
        for (const notice of withheldCategories(caller(role, ML), person, NOW))
          expect(PERSON_REASONS as readonly string[]).not.toContain(notice.reason);
  });
});
