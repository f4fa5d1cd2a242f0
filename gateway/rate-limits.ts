import type { RequestHandler } from 'express';
import { Pool } from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { integerSetting } from '../platform/config';
import { ErrorCode } from '../platform/server/errors';
import { sendHubError } from '../platform/server/http-errors';
import { authenticatedCaller } from './authentication';

export interface RateLimitSettings {
  /** Requests a caller (token `sub`) may send per window; 0: no limit. */
  perCaller: number;
  /** Requests an organisation (token `org`, all its callers) may send per window; 0: no limit. */
  perOrganisation: number;
  windowSeconds: number;
  /**
   * Where the counts are kept: in this process (one gateway), or in PostgreSQL, shared by every gateway
   * in front of the same hub (`HUB_RATE_LIMIT_DATABASE_URL`).
   */
  store: { kind: 'memory' } | { kind: 'postgres'; databaseUrl: string };
}

export type RateLimitScope = 'caller' | 'organisation';

/**
 * `HUB_RATE_LIMIT_CALLER` and `HUB_RATE_LIMIT_ORGANISATION` (requests per window, 0 for none; default
 * 600 and 6000 in production, none otherwise), `HUB_RATE_LIMIT_WINDOW_SECONDS` (default 60),
 * `HUB_RATE_LIMIT_DATABASE_URL` (counts in that PostgreSQL database, for several gateways; default in
 * memory).
 */
export function rateLimitsFromEnvironment(env: NodeJS.ProcessEnv, production: boolean): RateLimitSettings {
  const windowSeconds = integerSetting(env, 'HUB_RATE_LIMIT_WINDOW_SECONDS', 60);
  if (windowSeconds === 0) throw new Error('HUB_RATE_LIMIT_WINDOW_SECONDS must be at least 1');
  return {
    perCaller: integerSetting(env, 'HUB_RATE_LIMIT_CALLER', production ? 600 : 0),
    perOrganisation: integerSetting(env, 'HUB_RATE_LIMIT_ORGANISATION', production ? 6000 : 0),
    windowSeconds,
    store: env.HUB_RATE_LIMIT_DATABASE_URL
      ? { kind: 'postgres', databaseUrl: env.HUB_RATE_LIMIT_DATABASE_URL }
      : { kind: 'memory' },
  };
}

export interface RateLimiter {
  /** Guards POST/GET /graphql, after authentication: 429 with `Retry-After` past a limit. */
  middleware: RequestHandler;
  stop(): Promise<void>;
}

/**
 * Counts each GraphQL request against its caller and its organisation (rate-limiter-flexible, fixed
 * windows). Past either limit the request is answered 429, with `Retry-After` (seconds) and the hub's
 * GraphQL-shaped body (`RATE_LIMITED`, `extensions.scope` and `retryAfter`), before its body is even read.
 * When the PostgreSQL store cannot be reached, counting goes on in memory rather than refusing everyone.
 */
export async function createRateLimiter(
  settings: RateLimitSettings,
  onRefusal: (scope: RateLimitScope) => void,
): Promise<RateLimiter> {
  const pool =
    settings.store.kind === 'postgres'
      ? new Pool({ connectionString: settings.store.databaseUrl, max: 4 })
      : undefined;
  const limiterFor = async (scope: RateLimitScope, points: number): Promise<RateLimiterAbstract | null> => {
    if (points === 0) return null;
    const options = { points, duration: settings.windowSeconds, keyPrefix: `hub_rate_${scope}` };
    if (!pool) return new RateLimiterMemory(options);
    return await new Promise<RateLimiterAbstract>((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        {
          ...options,
          storeClient: pool,
          storeType: 'pool',
          tableName: 'hub_rate_limits',
          insuranceLimiter: new RateLimiterMemory(options),
        },
        (error?: Error) => (error ? reject(error) : resolve(limiter)),
      );
    });
  };
  let limiters: [
    RateLimitScope,
    RateLimiterAbstract | null,
    (caller: { sub: string; org: string }) => string,
  ][];
  try {
    limiters = [
      ['caller', await limiterFor('caller', settings.perCaller), (caller) => caller.sub],
      ['organisation', await limiterFor('organisation', settings.perOrganisation), (caller) => caller.org],
    ];
  } catch (error) {
    await pool?.end();
    throw error;
  }

  const middleware: RequestHandler = async (_request, response, next) => {
    const caller = authenticatedCaller(response);
    for (const [scope, limiter, keyOf] of limiters) {
      if (!limiter) continue;
      try {
        await limiter.consume(keyOf(caller));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) return next(rejection);
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        onRefusal(scope);
        response.setHeader('Retry-After', String(retryAfter));
        return sendHubError(
          response,
          429,
          ErrorCode.RATE_LIMITED,
          `Too many requests from ${scope === 'caller' ? 'this caller' : 'this organisation'}: ` +
            `retry in ${retryAfter} s.`,
          { scope, retryAfter },
        );
      }
    }
    next();
  };
  return {
    middleware,
    async stop() {
      await pool?.end();
    },
  };
}
