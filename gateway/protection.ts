import { limitsFromEnvironment, type LimitsSettings } from './limits';
import { rateLimitsFromEnvironment, type RateLimitSettings } from './rate-limits';
import { trustedDocumentsFromEnvironment, type TrustedDocumentsSettings } from './trusted-documents';

/** What the gateway refuses before any work: see docs/operations.md, "Limits". */
export interface GatewayProtection {
  limits: LimitsSettings;
  trustedDocuments: TrustedDocumentsSettings;
  rateLimits: RateLimitSettings;
}

/** Every setting from the environment (`HUB_LIMIT_*`, `HUB_COST_*`, `HUB_TRUSTED_DOCUMENTS*`, `HUB_RATE_LIMIT_*`). */
export function protectionFromEnvironment(env: NodeJS.ProcessEnv, production: boolean): GatewayProtection {
  return {
    limits: limitsFromEnvironment(env),
    trustedDocuments: trustedDocumentsFromEnvironment(env, production),
    rateLimits: rateLimitsFromEnvironment(env, production),
  };
}
