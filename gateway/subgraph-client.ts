import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request } from 'undici';
import { integerSetting } from '../platform/config';
import { envStem, isSubgraphName } from '../platform/partners';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
export type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** Why a subgraph call failed, as `extensions.reason` of `PARTNER_UNAVAILABLE` says it. */
export const PartnerFailureReason = {
  /** No complete answer within the subgraph's timeout. */
  TIMEOUT: 'TIMEOUT',
  /** The partner failed repeatedly: the gateway does not call it until its cool-down is over. */
  CIRCUIT_OPEN: 'CIRCUIT_OPEN',
  /** Nothing listens there (refused, unknown host, no connection in time). */
  CONNECTION_FAILED: 'CONNECTION_FAILED',
  /** The connection was closed under the request. */
  CONNECTION_RESET: 'CONNECTION_RESET',
  /** The answer is larger than the gateway reads (`HUB_SUBGRAPH_MAX_RESPONSE_BYTES`). */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** The subgraph answered with a server error (HTTP 5xx). */
  SERVER_ERROR: 'SERVER_ERROR',
  /** The subgraph refused the gateway's request (HTTP 4xx other than a GraphQL refusal of the input). */
  REJECTED: 'REJECTED',
  /** The answer is not a GraphQL response. */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
} as const;
export type PartnerFailureReason = (typeof PartnerFailureReason)[keyof typeof PartnerFailureReason];

/** A failed subgraph call, with its reason; its message never holds the request or the answer. */
export class PartnerCallError extends Error {
  constructor(
    readonly reason: PartnerFailureReason,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PartnerCallError';
  }
}

export interface SubgraphCallSettings {
  /** The whole call, connection to last byte. */
  timeoutMs: number;
  /** How long an idle pooled connection is kept: below the subgraph server's keep-alive timeout. */
  keepAliveMs: number;
  maxResponseBytes: number;
  breakerFailures: number;
  breakerCoolDownMs: number;
}

/**
 * The settings of the calls to one subgraph: `HUB_SUBGRAPH_*`, and `<STEM>_SUBGRAPH_TIMEOUT_MS` for that
 * subgraph's own timeout (e.g. `PJJ_SUBGRAPH_TIMEOUT_MS`).
 */
export function subgraphCallSettings(env: NodeJS.ProcessEnv, name: string): SubgraphCallSettings {
  const timeoutMs = integerSetting(env, 'HUB_SUBGRAPH_TIMEOUT_MS', 10_000);
  return {
    timeoutMs: isSubgraphName(name)
      ? integerSetting(env, `${envStem(name)}_SUBGRAPH_TIMEOUT_MS`, timeoutMs)
      : timeoutMs,
    keepAliveMs: integerSetting(env, 'HUB_SUBGRAPH_KEEP_ALIVE_MS', 4_000),
    maxResponseBytes: integerSetting(env, 'HUB_SUBGRAPH_MAX_RESPONSE_BYTES', 16 * 1024 * 1024),
    breakerFailures: Math.max(1, integerSetting(env, 'HUB_SUBGRAPH_BREAKER_FAILURES', 5)),
    breakerCoolDownMs: integerSetting(env, 'HUB_SUBGRAPH_BREAKER_COOLDOWN_MS', 5_000),
  };
}

/** Socket errors of a pooled connection closed by the peer just as it was reused. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * How the gateway calls one subgraph: undici with a keep-alive pool of its own (an idle connection is
 * dropped by the gateway before the subgraph would close it), a timeout on the whole call, a cap on the
 * answer's size, one retry of an idempotent call whose pooled connection was reset, and a circuit breaker.
 */
export class SubgraphClient {
  readonly breaker: CircuitBreaker;
  private readonly agent: Agent;

  /** `onFailure`: told of each failed call, with its reason (for /metrics). */
  constructor(
    readonly name: string,
    readonly settings: SubgraphCallSettings,
    private readonly observer: { onFailure?: (reason: PartnerFailureReason) => void } = {},
  ) {
    this.breaker = new CircuitBreaker({
      failureThreshold: settings.breakerFailures,
      coolDownMs: settings.breakerCoolDownMs,
    });
    this.agent = new Agent({
      keepAliveTimeout: settings.keepAliveMs,
      // A subgraph's `Keep-Alive: timeout=N` hint never keeps a connection longer than ours.
      keepAliveMaxTimeout: settings.keepAliveMs,
      connect: { timeout: Math.min(settings.timeoutMs, 5_000) },
    });
  }

  get circuit(): CircuitState {
    return this.breaker.state;
  }

  /**
   * POSTs one request. An answer (any HTTP status but 5xx) counts as the partner being up; a failure to get
   * one throws a PartnerCallError and counts against the circuit. `idempotent` (a query, not a mutation)
   * allows one retry when the connection was reset.
   */
  async post(url: string, init: FetcherRequestInit, idempotent: boolean): Promise<FetcherResponse> {
    if (!this.breaker.admit()) {
      throw this.counted(
        new PartnerCallError(PartnerFailureReason.CIRCUIT_OPEN, `the circuit of ${this.name} is open`),
      );
    }
    let response: FetcherResponse;
    try {
      response = await this.attempt(url, init).catch((error: unknown) => {
        if (idempotent && error instanceof PartnerCallError && error.reason === 'CONNECTION_RESET')
          return this.attempt(url, init);
        throw error;
      });
    } catch (error) {
      this.breaker.failed();
      throw this.counted(
        error instanceof PartnerCallError
          ? error
          : new PartnerCallError(PartnerFailureReason.INVALID_RESPONSE, String(error)),
      );
    }
    if (response.status >= 500) this.breaker.failed();
    else this.breaker.succeeded();
    return response;
  }

  /** Counts a failure seen by the caller (e.g. an answer that is not GraphQL). */
  countFailure(reason: PartnerFailureReason): void {
    this.observer.onFailure?.(reason);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private counted(error: PartnerCallError): PartnerCallError {
    this.countFailure(error.reason);
    return error;
  }

  private async attempt(url: string, init: FetcherRequestInit): Promise<FetcherResponse> {
    const { timeoutMs, maxResponseBytes } = this.settings;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const { statusCode, headers, body } = await request(url, {
        dispatcher: this.agent,
        method: 'POST',
        headers: init.headers,
        body: init.body,
        signal,
      });
      const tooLarge = () =>
        new PartnerCallError(
          PartnerFailureReason.RESPONSE_TOO_LARGE,
          `${this.name} answered more than ${maxResponseBytes} bytes`,
        );
      if (Number(headers['content-length'] ?? 0) > maxResponseBytes) {
        body.destroy();
        throw tooLarge();
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxResponseBytes) {
          body.destroy();
          throw tooLarge();
        }
        chunks.push(chunk);
      }
      const answer = new Headers();
      for (const [name, value] of Object.entries(headers)) {
        for (const one of Array.isArray(value) ? value : [value ?? '']) answer.append(name, one);
      }
      const empty = statusCode === 204 || statusCode === 304;
      return new Response(empty ? null : Buffer.concat(chunks), { status: statusCode, headers: answer });
    } catch (error) {
      if (error instanceof PartnerCallError) throw error;
      if (signal.aborted) {
        throw new PartnerCallError(
          PartnerFailureReason.TIMEOUT,
          `${this.name} did not answer within ${timeoutMs} ms`,
        );
      }
      const code = (error as { code?: string }).code ?? '';
      const message = `${this.name}: ${error instanceof Error ? error.message : String(error)}`;
      if (RESET_CODES.has(code))
        throw new PartnerCallError(PartnerFailureReason.CONNECTION_RESET, message, code);
      if (CONNECTION_CODES.has(code))
        throw new PartnerCallError(PartnerFailureReason.CONNECTION_FAILED, message, code);
      throw new PartnerCallError(PartnerFailureReason.CONNECTION_FAILED, message, code || undefined);
    }
  }
}
