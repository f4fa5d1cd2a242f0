import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type ValueNode } from 'graphql';
import { readFactUnchecked } from '../platform/auth/facts';
import { MAX_ATTESTED_SUBJECTS, type WriteAttestation } from '../platform/auth/internal-token';
import { isHubId } from '../platform/database/loaders';
import { SUBGRAPHS, type SubgraphName } from '../platform/partners';
import { followersField } from '../platform/policy/subject';
import { badUserInput } from '../platform/server/errors';
import type { GatewayContext } from './context';
import { fetchYoungFields, reportNeeded, rootFields } from './write-attestation';

/** The root query that reads one person by hub id, and its argument. */
export const YOUNG_BY_ID = { field: 'young', argument: 'id' } as const;

function stringValue(node: ValueNode | undefined, variables: Record<string, unknown>): string | null {
  const value =
    node?.kind === Kind.VARIABLE
      ? variables[node.name.value]
      : node?.kind === Kind.STRING
        ? node.value
        : null;
  return typeof value === 'string' ? value : null;
}

/**
 * Before `young(id)` is routed to psad, gathers the one fact psad cannot know and a rule on this
 * caller can turn on: whether the caller's own institution follows the person (its
 * `<prefix>Followers` report, see `reportNeeded`), signed into the internal tokens of this request.
 * psad then decides the identity whole at the root and answers a person out of the caller's reach
 * with the null a hub id nobody has gets — instead of an entity whose every field is refused, which
 * told that the id is someone's. The report is asked for every hub id alike, known or not, so that
 * both cost the same. If the reporting partner cannot answer, it reports no follower (the rules
 * then fail closed).
 */
export function readAttestationPlugin(
  subgraphUrls: Partial<Record<SubgraphName, string>>,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (operation?.operation !== OperationTypeNode.QUERY || !contextValue.caller) return;
          const reporter = reportNeeded(contextValue.caller, new Set<SubgraphName>(['psad']));
          if (!reporter) return;
          const variables = request.variables ?? {};
          const ids = new Set<string>();
          for (const selection of rootFields(operation.selectionSet, document)) {
            if (selection.name.value !== YOUNG_BY_ID.field) continue;
            const argument = selection.arguments?.find((a) => a.name.value === YOUNG_BY_ID.argument);
            const id = stringValue(argument?.value, variables);
            if (id !== null && isHubId(id)) ids.add(id.toLowerCase());
          }
          if (ids.size === 0) return;
          const field = followersField(SUBGRAPHS[reporter]);
          const list = [...ids];
          const entities = await fetchYoungFields(
            reporter,
            subgraphUrls[reporter],
            list,
            field,
            contextValue,
          ).catch((error: unknown) => {
            contextValue.onPartnerFailure?.(reporter, error);
            return [];
          });
          // Only the people the report can open to this caller travel (a rule asks whether the caller's own
          // organisation follows them): an empty or foreign report refuses like none.
          const caller = contextValue.caller.org;
          const relevant = list.flatMap((id, index): [string, WriteAttestation][] => {
            const report = entities[index]?.[field] as WriteAttestation['reports'][string] | null | undefined;
            if (report === undefined || report === null) return [];
            const followers = readFactUnchecked(report)?.followers;
            if (!Array.isArray(followers) || !followers.includes(caller)) return [];
            return [[id, { accessSubject: null, reports: { [field]: report } }]];
          });
          if (relevant.length > MAX_ATTESTED_SUBJECTS)
            throw badUserInput(
              `One request may read ${MAX_ATTESTED_SUBJECTS} young people your organisation follows by id at most`,
              YOUNG_BY_ID.argument,
            );
          contextValue.attestSubjects(Object.fromEntries(relevant));
        },
      };
    },
  };
}
