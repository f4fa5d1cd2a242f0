import { generateWorld } from '../../demo/generate';
import { stepsOf } from '../../demo/world';
import { TEST_DEMO } from '../harness';
import {
  CASE_TRANSITIONS,
  CLOSING_STATUSES,
  EXIT_STATUSES,
  INITIAL_STATUS,
  allowedTransitions,
  closedOnAfter,
  closureChange,
  decideTransition,
  isAllowed,
} from '../../subgraphs/psad/case-workflow';
import type { CaseTransitionRecord } from '../../subgraphs/psad/entities';
import { transitionSummary } from '../../subgraphs/psad/events';
import { CaseStatus } from '../../subgraphs/psad/types/case.type';

const S = CaseStatus;
const ALL = Object.values(CaseStatus);
const OPEN = ALL.filter((status) => !CLOSING_STATUSES.includes(status));

describe('the PSAD case workflow', () => {
  it('lists every status once, each with somewhere to go, never to itself nor to an unknown status', () => {
    expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual([...ALL].sort());
    for (const from of ALL) {
      const targets = allowedTransitions(from);
      expect(targets.length).toBeGreaterThan(0);
      expect(targets).not.toContain(from);
      expect(new Set(targets).size).toBe(targets.length);
      for (const to of targets) expect(ALL).toContain(to);
    }
  });

  it('follows the circulaire: to contact → contacted → review done → solution proposed → in solution', () => {
    const path = [S.TO_CONTACT, S.CONTACTED, S.REVIEW_DONE, S.SOLUTION_PROPOSED, S.IN_SOLUTION];
    expect(INITIAL_STATUS).toBe(S.TO_CONTACT);
    for (let i = 1; i < path.length; i++) expect(isAllowed(path[i - 1], path[i])).toBe(true);
  });

  it('lets every open status leave by every exit', () => {
    for (const from of OPEN) for (const exit of EXIT_STATUSES) expect(isAllowed(from, exit)).toBe(true);
  });

  it('reaches every status from a new case, and comes back to an open status from every closed one', () => {
    const reached = new Set<CaseStatus>([INITIAL_STATUS]);
    for (let grew = true; grew;) {
      grew = false;
      for (const from of [...reached]) {
        for (const to of allowedTransitions(from)) {
          if (reached.has(to)) continue;
          reached.add(to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...ALL].sort());
    for (const closed of CLOSING_STATUSES)
      expect(allowedTransitions(closed).some((to) => OPEN.includes(to))).toBe(true);
  });

  it.each([
    [S.SOLUTION_PROPOSED, S.REVIEW_DONE, 'a declined solution goes back to the review for another proposal'],
    [S.UNREACHABLE, S.CONTACTED, 'an unreachable person reached later'],
    [S.IN_SOLUTION, S.REVIEW_DONE, 'a broken solution'],
    [S.REFUSED, S.CONTACTED, 'a person who changes their mind'],
    [S.MOVED, S.TO_CONTACT, 'back in the perimeter'],
    [S.ALREADY_IN_TRAINING, S.TO_CONTACT, 'the training ended'],
    [S.CONTACTED, S.IN_SOLUTION, 'already accompanied by a partner'],
  ])('allows %s → %s (%s)', (from, to) => {
    expect(isAllowed(from, to)).toBe(true);
  });

  it.each([
    [S.TO_CONTACT, S.REVIEW_DONE],
    [S.TO_CONTACT, S.IN_SOLUTION],
    [S.TO_CONTACT, S.SOLUTION_PROPOSED],
    [S.CONTACTED, S.SOLUTION_PROPOSED],
    [S.REVIEW_DONE, S.IN_SOLUTION],
    [S.IN_SOLUTION, S.TO_CONTACT],
    [S.IN_SOLUTION, S.REFUSED],
    [S.REFUSED, S.IN_SOLUTION],
    [S.MOVED, S.CONTACTED],
    [S.CONTACTED, S.CONTACTED],
  ])('refuses %s → %s, naming what is allowed', (from, to) => {
    expect(isAllowed(from, to)).toBe(false);
    expect(decideTransition(from, null, to, '2026-03-02')).toEqual({
      ok: false,
      allowed: CASE_TRANSITIONS[from],
    });
  });

  it('closes the case on entering an exit or IN_SOLUTION, and reopens it on leaving one', () => {
    expect([...CLOSING_STATUSES].sort()).toEqual(
      [S.ALREADY_IN_TRAINING, S.IN_SOLUTION, S.MOVED, S.REFUSED, S.UNREACHABLE].sort(),
    );
    expect(decideTransition(S.SOLUTION_PROPOSED, null, S.IN_SOLUTION, '2026-03-02')).toEqual({
      ok: true,
      closedOn: '2026-03-02',
      change: 'CLOSES',
    });
    expect(decideTransition(S.UNREACHABLE, '2026-01-10', S.CONTACTED, '2026-03-02')).toEqual({
      ok: true,
      closedOn: null,
      change: 'REOPENS',
    });
    expect(decideTransition(S.UNREACHABLE, '2026-01-10', S.MOVED, '2026-03-02')).toEqual({
      ok: true,
      closedOn: '2026-03-02',
      change: 'STAYS_CLOSED',
    });
    expect(decideTransition(S.TO_CONTACT, null, S.CONTACTED, '2026-03-02')).toEqual({
      ok: true,
      closedOn: null,
      change: 'STAYS_OPEN',
    });
    for (const to of ALL)
      expect(closedOnAfter(to, '2026-03-02')).toBe(CLOSING_STATUSES.includes(to) ? '2026-03-02' : null);
    // A case the demo loaded IN_SOLUTION but still open is not "reopened" by a broken solution.
    expect(closureChange(false, S.REVIEW_DONE)).toBe('STAYS_OPEN');
  });

  it('holds every case of the demo world: exits are closed, only exits and IN_SOLUTION are closed, one open case per campaign', () => {
    const world = generateWorld(TEST_DEMO);
    let cases = 0;
    for (const young of world.youngs) {
      const open = new Set<string>();
      for (const psadCase of stepsOf(young, 'psad-case')) {
        cases++;
        const status = psadCase.status as CaseStatus;
        expect(ALL).toContain(status);
        if (EXIT_STATUSES.includes(status)) expect(psadCase.closedOn).not.toBeNull();
        if (psadCase.closedOn !== null) expect(CLOSING_STATUSES).toContain(status);
        if (psadCase.closedOn === null) {
          expect(open.has(psadCase.campaign)).toBe(false);
          open.add(psadCase.campaign);
        }
      }
    }
    expect(cases).toBeGreaterThan(100);
  });
});

describe('the trajectory summary of a change', () => {
  const change = (fields: Partial<CaseTransitionRecord>): CaseTransitionRecord =>
    ({
      id: 'x',
      caseId: 'c',
      youngId: 'y',
      kind: 'STATUS_CHANGED',
      version: 2,
      at: new Date('2026-03-02T10:00:00Z'),
      actorSub: 's',
      actorRole: 'psad-coordinator',
      actorOrg: 'PSAD-38-GRE',
      fromStatus: 'SOLUTION_PROPOSED',
      toStatus: 'IN_SOLUTION',
      followerOrg: 'PSAD-38-GRE',
      followerName: 'PSAD Grenoble',
      fromFollowerOrg: null,
      fromFollowerName: null,
      closure: 'CLOSES',
      reason: 'Suivi psychologique en cours, la famille est informée',
      ...fields,
    }) as CaseTransitionRecord;

  it('says the statuses in French, and the closure or reopening', () => {
    expect(transitionSummary(change({}))).toBe(
      'Dossier PSAD passé de « solution proposée » à « en solution » : dossier clos',
    );
    expect(
      transitionSummary(change({ fromStatus: 'UNREACHABLE', toStatus: 'CONTACTED', closure: 'REOPENS' })),
    ).toBe('Dossier PSAD passé de « injoignable » à « contacté(e) » : dossier rouvert');
    expect(
      transitionSummary(change({ fromStatus: 'TO_CONTACT', toStatus: 'CONTACTED', closure: 'STAYS_OPEN' })),
    ).toBe('Dossier PSAD passé de « à contacter » à « contacté(e) »');
  });

  it('names the new and the previous follower of an assignment', () => {
    const assigned = change({
      kind: 'ASSIGNED',
      fromStatus: 'CONTACTED',
      toStatus: 'CONTACTED',
      closure: null,
      reason: null,
      followerName: 'Mission locale de Grenoble',
      fromFollowerName: 'PSAD Grenoble',
    });
    expect(transitionSummary(assigned)).toBe(
      'Dossier PSAD confié à Mission locale de Grenoble (auparavant PSAD Grenoble)',
    );
  });

  it('never quotes the reason, which is follow-up detail', () => {
    for (const closure of ['CLOSES', 'REOPENS', 'STAYS_OPEN', 'STAYS_CLOSED'])
      expect(transitionSummary(change({ closure }))).not.toMatch(/psychologique|famille/);
  });
});
