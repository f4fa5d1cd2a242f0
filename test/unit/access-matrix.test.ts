/**
 * The access matrix without a stack: the scenarios generated from the policy data
 * (test/support/access-matrix/) cover every role × category, and the engine gives each the outcome
 * it was built to provoke. test/integration/access-matrix.int.test.ts checks the same scenarios
 * through the gateway and the subgraphs.
 */
import { ROLES } from '../../platform/auth/claims';
import { DATA_CATEGORIES, REFUSAL_REASONS } from '../../platform/policy/types';
import { SCENARIOS, TODO } from '../support/access-matrix/scenarios';
import { engineOutcome } from '../support/access-matrix/expectations';

describe('the access-matrix scenarios, generated from rules.ts and habilitations.ts', () => {
  it('covers every role × category: a scenario for each cell that has a probe field, a todo for the others', () => {
    const probed = new Set(SCENARIOS.map((s) => `${s.role}|${s.category}`));
    const missing = ROLES.flatMap((role) =>
      DATA_CATEGORIES.filter(
        (category) =>
          !probed.has(`${role}|${category}`) &&
          !TODO.some((todo) => todo.startsWith(`${role} × ${category}:`)),
      ).map((category) => `${role} × ${category}`),
    );
    expect(missing).toEqual([]);
    // Every refusal reason a read can get is provoked at least once (OPPOSITION: in the opposition tests
    // below;
    // NOT_OWN_ORGANISATION is a write's, provoked by the partner-write tests; NO_GROUNDS a write's, provoked by
    // test/adversarial/grounds.adv.test.ts).
    const provoked = new Set(SCENARIOS.map((s) => s.intended));
    expect(
      REFUSAL_REASONS.filter(
        (reason) =>
          reason !== 'OPPOSITION' &&
          reason !== 'NOT_OWN_ORGANISATION' &&
          reason !== 'NO_GROUNDS' &&
          !provoked.has(reason),
      ),
    ).toEqual([]);
  });

  for (const role of ROLES) {
    describe(role, () => {
      for (const scenario of SCENARIOS.filter((s) => s.role === role)) {
        it(`${scenario.category}: ${scenario.title} → ${scenario.intended}`, () => {
          // The engine gives what the policy data says for this scenario.
          expect(engineOutcome(scenario)).toBe(scenario.intended);
        });
      }
    });
  }
});
