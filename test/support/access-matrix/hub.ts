import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Caller } from '../../../platform/auth/claims';
import { signInternalToken } from '../../../platform/auth/internal-token';
import { SUBGRAPHS, type SubgraphName } from '../../../platform/partners';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../../harness';
import { FIXTURES } from './world';

/** The stack of an access-matrix test file, with the FIXTURES added, and the ways the tests reach it. */
export interface MatrixHub {
  readonly hub: TestHub;
  /** Asks the gateway as `caller`. */
  ask(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  /** Queries a subgraph directly, with the context the gateway would sign for `caller`. */
  direct(
    name: SubgraphName,
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<GraphQLAnswer>;
  withSuperuser<T>(database: string, work: (client: Client) => Promise<T>): Promise<T>;
}

/**
 * Starts the hub before the file's tests (and adds the FIXTURES), stops it after them. Call it at
 * the top level of a test file.
 */
export function useMatrixHub(): MatrixHub {
  let started: TestHub | undefined;
  const matrix: MatrixHub = {
    get hub() {
      if (!started) throw new Error('The matrix hub is not started: call useMatrixHub at the top level');
      return started;
    },
    async ask(caller, query, variables) {
      return matrix.hub.query(query, variables, { token: await matrix.hub.tokenFor(caller) });
    },
    async direct(name, caller, query, variables) {
      // The facts in the representations, signed by their owners for this request as the subgraphs would.
      const requestId = randomUUID();
      const internalToken = (body: string) =>
        signInternalToken({ caller, requestId }, name, matrix.hub.keys.internal.privateKey, body);
      const signed = await matrix.hub.signFacts(variables, requestId);
      return matrix.hub.querySubgraph(name, query, signed, { internalToken });
    },
    async withSuperuser(database, work) {
      const client = new Client({ connectionString: matrix.hub.stack.cluster!.superuserUrlFor(database) });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    },
  };
  beforeAll(async () => {
    started = await startTestHub();
    await applyFixtures(matrix);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return matrix;
}

async function applyFixtures({ withSuperuser }: MatrixHub): Promise<void> {
  for (const fixture of FIXTURES) {
    if (fixture.psadCase) {
      await withSuperuser(SUBGRAPHS.psad.database, (client) =>
        client.query(
          `INSERT INTO psad_case (id, young_id, campaign, status, follower_org, follower_name, opened_on, closed_on)
           VALUES ($1, $2, '2026-S1', 'CONTACTED', $3, 'Plateforme (matrix fixture)', '2026-10-01', NULL)`,
          [fixture.psadCase!.id, fixture.youngId, fixture.psadCase!.followerOrg],
        ),
      );
    }
    if (fixture.closedFollowUp) {
      const { partner, id, eventId, organisationId } = fixture.closedFollowUp;
      await withSuperuser(SUBGRAPHS[partner].database, async (client) => {
        await client.query(
          `INSERT INTO follow_up (id, young_id, organisation_id, offer_id, programme, opened_on, closed_on, outcome) VALUES ($1, $2, $3, NULL, 'PACEA', '2025-01-06', '2025-06-30', 'COMPLETED')`,
          [id, fixture.youngId, organisationId],
        );
        await client.query(
          `INSERT INTO follow_up_event (id, follow_up_id, young_id, at, kind, summary) VALUES ($1, $2, $3, '2025-02-03T09:00:00Z', 'INTERVIEW', 'Entretien (matrix fixture)')`,
          [eventId, id, fixture.youngId],
        );
      });
    }
  }
}
