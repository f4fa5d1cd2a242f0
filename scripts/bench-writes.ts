import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gatherAttestations, reportNeeded } from '../gateway/write-attestation';
import type { Caller } from '../platform/auth/claims';
import { signDevelopmentToken } from '../platform/auth/development-tokens';
import { FACT_TTL_SECONDS } from '../platform/auth/facts';
import {
  INTERNAL_TOKEN_HEADER,
  signInternalToken,
  type WriteAttestation,
} from '../platform/auth/internal-token';
import { loadOrCreateDevelopmentKeys } from '../platform/auth/keys';
import { ageAt } from '../platform/calendar';
import {
  benchmarkOptions,
  combine,
  interleaved,
  measure,
  percentile,
  throughput,
  type Measure,
} from './lib/measure';
import { Progress } from './lib/progress';
import { startStack } from './lib/stack';

const HELP = `Usage: npm run bench:writes [-- --requests N --concurrency N --max-seconds N]

Measures what the gateway costs a write. The whole hub runs on this machine (embedded
PostgreSQL, seven subgraphs over HTTP, the gateway; a small demo); the same mutation — a CFA
adviser records a dated event on one of their follow-ups (cfaRecordFollowUpEvent: validation,
policy decision, one transaction, the access trail) — is sent

  GATEWAY   through the gateway: authentication of the caller's token, the attestation of the
            person the mutation names (psad's and every partner's facts, fetched in parallel),
            routing to the CFA subgraph;
  DIRECT    straight to the CFA subgraph, with an internal token signed per request that carries
            the same attestation, gathered once beforehand.

Prints both throughputs and latencies and their ratio, side by side, from interleaved slices so
that noise falls on both alike. Every request must succeed.

Options:
  --requests N      requests per mode (default 600)
  --concurrency N   concurrent clients (default 16)
  --max-seconds N   time budget for the whole measurement (default 120): a mode that runs out
                    of time is measured on the requests it completed
  --help            show this help`;

type Mode = 'GATEWAY' | 'DIRECT';
const SCHEDULE = interleaved<Mode>('DIRECT', 'GATEWAY');
const MUTATION =
  'mutation ($input: RecordFollowUpEventInput!) { cfaRecordFollowUpEvent(input: $input) { id } }';

function report(results: Record<Mode, Measure>): void {
  const rate = throughput;
  const cells = (values: string[]) =>
    values.map((value, index) => (index === 0 ? value.padEnd(8) : value.padStart(9))).join('  ');
  console.log(`\n${cells(['mode', 'requests', 'seconds', 'req/s', 'p50 ms', 'p95 ms'])}`);
  for (const mode of ['DIRECT', 'GATEWAY'] as const) {
    const result = results[mode];
    console.log(
      cells([
        mode,
        String(result.requests),
        result.seconds.toFixed(2),
        rate(result).toFixed(0),
        percentile(result.latencies, 50).toFixed(2),
        percentile(result.latencies, 95).toFixed(2),
      ]),
    );
  }
  console.log(
    `\nthroughput ratio GATEWAY/DIRECT: ${(rate(results.GATEWAY) / rate(results.DIRECT)).toFixed(2)}`,
  );
}

async function main(): Promise<void> {
  const options = benchmarkOptions(process.argv.slice(2), HELP, { requests: 600, concurrency: 16 });
  if (!options) return;
  const { requests, concurrency, maxSeconds } = options;

  const directory = mkdtempSync(join(tmpdir(), 'hub-bench-writes-'));
  console.error('Starting the hub (embedded PostgreSQL, seven subgraphs, the gateway) on a small demo…');
  const stack = await startStack({
    dataDirectory: directory,
    postgresPort: 0,
    gatewayPort: 0,
    subgraphPorts: 'free',
    demo: { seed: 7, youngCount: 400 },
    production: false,
    quiet: true,
    log: () => undefined,
  });
  try {
    const keys = loadOrCreateDevelopmentKeys(directory);
    // An open CFA follow-up of someone 16 or older: its organisation's adviser may record on it.
    const adults = new Set(
      stack
        .world!.youngs.filter((young) => ageAt(young.birthDate, new Date()) >= 16)
        .map((young) => young.id),
    );
    const followUps: { id: string; young_id: string; code: string; bassin_code: string }[] =
      await stack.subgraphs.cfa.dataSource.query(
        'SELECT f.id, f.young_id, org.code, org.bassin_code FROM follow_up f JOIN organisation org ON org.id = f.organisation_id WHERE f.closed_on IS NULL ORDER BY f.id',
      );
    const followUp = followUps.find((row) => adults.has(row.young_id));
    if (!followUp) throw new Error('The demo holds no open CFA follow-up of someone 16 or older');
    const caller: Caller = {
      sub: 'bench-adviser',
      role: 'cfa-staff',
      org: followUp.code,
      territories: [followUp.bassin_code],
      purpose: 'ACCOMPAGNEMENT',
    };
    const token = await signDevelopmentToken(caller, {
      privateKey: keys.issuer.privateKey,
      ttlSeconds: 3600,
    });
    const urls = Object.fromEntries(
      Object.entries(stack.subgraphs).map(([name, subgraph]) => [name, subgraph.url]),
    );
    // What the gateway would gather for this person and caller, under one request id, gathered again only
    // when its signed facts near their expiry: DIRECT measures the subgraph alone.
    const attest = async () => {
      const requestId = randomUUID();
      const subjects: Record<string, WriteAttestation> = await gatherAttestations(
        [followUp.young_id],
        urls,
        {
          internalToken: (subgraph, body) =>
            signInternalToken({ caller, requestId }, subgraph, keys.internal.privateKey, body),
        },
        [reportNeeded(caller, new Set(['cfa']))].filter((name) => name !== null),
      );
      return { requestId, subjects };
    };
    let attested = { at: Date.now(), facts: attest() };
    const currentAttestation = () => {
      if (Date.now() - attested.at > (FACT_TTL_SECONDS * 1000) / 2)
        attested = { at: Date.now(), facts: attest() };
      return attested.facts;
    };
    const variables = () => ({
      input: {
        youngId: followUp.young_id,
        followUpId: `cfa:${followUp.id}`,
        at: new Date(Date.now() - 60_000).toISOString(),
        kind: 'INTERVIEW',
        summary: 'Entretien de suivi',
      },
    });

    const post = async (url: string, headers: (body: string) => Promise<Record<string, string>>) => {
      const request = JSON.stringify({ query: MUTATION, variables: variables() });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headers(request)) },
        body: request,
      });
      const body = (await response.json()) as {
        errors?: unknown[];
        data?: { cfaRecordFollowUpEvent?: { id: string } };
      };
      if (!body.data?.cfaRecordFollowUpEvent?.id)
        throw new Error(`A write failed: ${JSON.stringify(body.errors ?? body)}`);
    };
    const send: Record<Mode, () => Promise<void>> = {
      GATEWAY: () => post(stack.gateway.url, async () => ({ authorization: `Bearer ${token}` })),
      DIRECT: () =>
        post(stack.subgraphs.cfa.url, async (body) => ({
          [INTERNAL_TOKEN_HEADER]: await signInternalToken(
            { caller, ...(await currentAttestation()) },
            'cfa',
            keys.internal.privateKey,
            body,
          ),
        })),
    };

    // Warm-up: JIT, connection pools, PostgreSQL caches, for both modes alike.
    for (const mode of ['DIRECT', 'GATEWAY'] as const)
      await measure(send[mode], { count: Math.min(100, requests), concurrency, deadline: Infinity });
    const slice = Math.ceil(requests / (SCHEDULE.length / 2));
    const progress = new Progress(Math.ceil((SCHEDULE.length * slice) / 50));
    let done = 0;
    const tick = () => {
      done += 1;
      if (done % 50 === 0) progress.step(`${done} writes`);
    };
    const parts: Record<Mode, Measure[]> = { GATEWAY: [], DIRECT: [] };
    for (const mode of SCHEDULE) {
      parts[mode].push(
        await measure(send[mode], {
          count: slice,
          concurrency,
          deadline: performance.now() + (maxSeconds * 1000) / SCHEDULE.length,
          onRequest: tick,
        }),
      );
    }
    console.error('');
    report({ GATEWAY: combine(parts.GATEWAY), DIRECT: combine(parts.DIRECT) });
  } finally {
    await stack.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
