/**
 * What a scenario should observe: the outcome the engine gives on the expected subject, and what that
 * implies through the gateway and from the owning subgraph called directly.
 */
import { type Caller } from '../../../platform/auth/claims';
import { Partner } from '../../../platform/partners';
import { DEPENDS_ON_ROW, answerTo, decide, decideWithoutSubject } from '../../../platform/policy/engine';
import { type DataCategory } from '../../../platform/policy/types';
import { type RefusalReason } from '../../../platform/policy/types';
import { type GraphQLAnswer } from '../../harness';

import { NOW, Facts } from './world';
import { Probe, aboutNoOne, lastLevel, Outcome, Scenario, rowOrganisation } from './scenarios';

// ── Running the scenarios ───────────────────────────────────────────────────────────────────────

export interface Observation {
  outcome: Outcome | 'UNREACHABLE' | 'SILENT_NULL' | 'NO_ROW' | `MIXED:${string}`;
  /** Which level of the probe refused (0: the field under Young, 1: its child). */
  level?: number;
  /** Who refused: the gateway, before any subgraph was called, or the subgraph holding the row. */
  by?: 'gateway' | 'subgraph';
}

export type GraphQLError = NonNullable<GraphQLAnswer['errors']>[number];

/** The values found at `path` under `node`, through lists. */
export function valuesAt(node: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [node];
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path));
  if (node === null || typeof node !== 'object') return [];
  return valuesAt((node as Record<string, unknown>)[path[0]], path.slice(1));
}

/**
 * What an answer shows for one probe. `prefix` is where the probe's first field sits: `["y3"]`
 * (the alias of `young(id:)`), `["_entities", 2]`, or, for a root field, `["l3"]` (its own alias).
 */
export function observe(
  answer: GraphQLAnswer,
  prefix: (string | number)[],
  probe: Probe,
  leaks: string[],
  viaGateway = true,
): Observation {
  const atRoot = probe.place !== 'YOUNG';
  // The response keys of the probe's levels below `base`.
  const base = atRoot ? prefix.slice(0, -1) : prefix;
  const keys = probe.levels.map((level, i) =>
    atRoot && i === 0 ? String(prefix[prefix.length - 1]) : level.field,
  );
  const starts = (path: (string | number)[]) => base.every((part, i) => path[i] === part);
  const node = base.reduce<unknown>(
    (value, part) => (value as Record<string, unknown> | null | undefined)?.[part as string],
    answer.data,
  );
  const forbidden = (answer.errors ?? []).filter(
    (e: GraphQLError) => e.extensions?.code === 'FORBIDDEN' && e.path && starts(e.path),
  );
  for (let level = 0; level < probe.levels.length; level++) {
    const path = keys.slice(0, level + 1);
    const matching = forbidden.filter((e) => {
      const rest = e.path!.slice(base.length).filter((part): part is string => typeof part === 'string');
      return (
        e.extensions!.field === probe.levels[level].guarded && JSON.stringify(rest) === JSON.stringify(path)
      );
    });
    if (matching.length === 0) continue;
    if (valuesAt(node, path).some((value) => value !== null && value !== undefined))
      leaks.push(`${probe.name}: refused at level ${level} but data returned`);
    if (matching.some((e) => e.extensions!.category !== probe.levels[level].category))
      leaks.push(`${probe.name}: refusal names the wrong category`);
    const reasons = [...new Set(matching.map((e) => String(e.extensions!.reason)))];
    const outcome =
      reasons.length === 1 ? (reasons[0] as RefusalReason) : (`MIXED:${reasons.join(',')}` as const);
    // Through the gateway, a subgraph's error carries its `serviceName`; the gateway's own refusals do not.
    if (!viaGateway) return { outcome, level };
    return {
      outcome,
      level,
      by: matching.every((e) => e.extensions!.serviceName === undefined) ? 'gateway' : 'subgraph',
    };
  }
  if (!atRoot && (node === null || node === undefined)) return { outcome: 'UNREACHABLE' };
  const values = valuesAt(node, keys);
  if (values.length === 0) return { outcome: 'NO_ROW' };
  return values.every((value) => value !== null && value !== undefined)
    ? { outcome: 'ALLOWED' }
    : { outcome: 'SILENT_NULL' };
}

/**
 * `young(id)` answers at all: identity allowed on the whole subject, which psad decides in the root
 * fetch with the caller's institution's report of its followers (gateway/read-attestation.ts). A
 * person out of reach, even for want of a follow-up only, is the null a hub id nobody has gets.
 */
export const findable = (caller: Caller, facts: Facts) => {
  const identity = decide({
    caller,
    category: 'IDENTITY',
    owner: Partner.PSAD,
    subject: facts.subject,
    now: NOW,
  });
  return identity.allowed;
};

/**
 * The reason the caller is told of a refusal the engine decides: never the person's age or
 * opposition (`answerTo`).
 */
const told = (caller: Caller, category: DataCategory, reason: RefusalReason): Outcome =>
  answerTo(caller.role, category, reason) as Outcome;

/** What the engine implies for the whole probe through the gateway. */
export function expectedThroughGateway(scenario: Scenario): Observation {
  const { caller, probe } = scenario;
  const reachable = probe.place !== 'YOUNG' || findable(caller, scenario.facts);
  // Outermost first: a field the gateway prunes takes its children with it; a row a subgraph refuses hides
  // its children too.
  for (const [level, step] of probe.levels.entries()) {
    const { category, owner } = step;
    const operation = decideWithoutSubject(caller, category, NOW);
    if (operation !== DEPENDS_ON_ROW && !operation.allowed)
      return { outcome: operation.reason, level, by: 'gateway' };
    if (!reachable) continue;
    const decision = decide({
      caller,
      category,
      owner,
      organisation: rowOrganisation(step, scenario.facts, caller),
      subject: aboutNoOne(probe) ? null : scenario.facts.subject,
      now: NOW,
    });
    if (!decision.allowed) return { outcome: told(caller, category, decision.reason), level, by: 'subgraph' };
  }
  return reachable ? { outcome: 'ALLOWED' } : { outcome: 'UNREACHABLE' };
}

/** What the engine implies when the owning subgraph is called directly with the full subject. */
export function expectedDirectly(scenario: Scenario): Observation {
  for (const [level, step] of scenario.probe.levels.entries()) {
    const { category, owner } = step;
    const decision = decide({
      caller: scenario.caller,
      category,
      owner,
      organisation: rowOrganisation(step, scenario.facts, scenario.caller),
      subject: scenario.facts.subject,
      now: NOW,
    });
    if (!decision.allowed) return { outcome: told(scenario.caller, category, decision.reason), level };
  }
  return { outcome: 'ALLOWED' };
}

export const engineOutcome = (scenario: Scenario): Outcome => {
  const decision = decide({
    caller: scenario.caller,
    category: scenario.category,
    owner: lastLevel(scenario.probe).owner,
    organisation: rowOrganisation(lastLevel(scenario.probe), scenario.facts, scenario.caller),
    subject: aboutNoOne(scenario.probe) ? null : scenario.facts.subject,
    now: NOW,
  });
  return decision.allowed ? 'ALLOWED' : decision.reason;
};
