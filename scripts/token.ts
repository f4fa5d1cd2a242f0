import { randomUUID } from 'node:crypto';
import { ROLES } from '../platform/auth/claims';
import { signDevelopmentToken } from '../platform/auth/development-tokens';
import { KeyVariable, loadOrCreateDevelopmentKeys } from '../platform/auth/keys';
import { dataDirectorySetting, isProduction } from '../platform/config';
import { DEFAULT_TTL, parseTokenRequest, type TokenRequest } from './lib/token-request';

const HELP = `Usage: npm run --silent token -- --role <role> --territory <bassin> [--territory <bassin>…]
                                [--org <code>] [--sub <id>] [--purpose <PURPOSE>] [--ttl 1h]

Prints a development token (a JWT signed with the development issuer key of HUB_DATA_DIR,
default .data/keys/, created on first use) for the hub that \`npm start\` runs. The token goes to
stdout, a one-line summary to stderr:

  TOKEN=$(npm run --silent token -- --role psad-coordinator --territory 38-GRE)
  curl -s http://localhost:4000/graphql -H "authorization: Bearer $TOKEN" \\
    -H 'content-type: application/json' -d '{"query":"{ youngs(first: 5) { totalCount } }"}'

Options:
  --role R          required: ${ROLES.join(', ')}
  --territory T     repeatable: the bassin codes the caller covers (e.g. 38-GRE); required for every
                    role but young and dpo
  --org CODE        the caller's organisation (default: the demo's organisation of that role
                    in the first territory — PSAD-38-GRE for a PSAD coordinator, the bassin's
                    Mission locale SIRET for an ML adviser, a lycée's UAI for a référent…;
                    pass a UAI or SIRET to act as a particular school or Mission locale)
  --sub ID          the subject (default: dev-<random>; required for --role young: the
                    young person's hub id)
  --purpose P       REPERAGE_SIEI, SUIVI_OF, ACCOMPAGNEMENT or PILOTAGE_AGREGE (default:
                    PILOTAGE_AGREGE for dashboard and dpo, ACCOMPAGNEMENT for every other role)
  --ttl D           lifetime: 30m, 1h, 2d… at most 7d (default ${DEFAULT_TTL})
  --help            show this help

The issuer and audience follow ${KeyVariable.ISSUER} and ${KeyVariable.AUDIENCE}, as the gateway does.
Refuses to run with NODE_ENV=production: production tokens come from the identity provider.`;

async function main(): Promise<void> {
  if (isProduction()) {
    console.error(
      'npm run token prints development tokens and refuses to run with NODE_ENV=production: production tokens come from the identity provider.',
    );
    process.exit(2);
  }
  const request = tokenRequestOrExit(process.argv.slice(2));
  if (!request) {
    console.log(HELP);
    return;
  }
  const { issuer } = loadOrCreateDevelopmentKeys(dataDirectorySetting());
  const token = await signDevelopmentToken(request.caller, {
    privateKey: issuer.privateKey,
    ttlSeconds: request.ttlSeconds,
    issuer: process.env[KeyVariable.ISSUER] || undefined,
    audience: process.env[KeyVariable.AUDIENCE] || undefined,
  });
  console.log(token);
  console.error(summary(request));
}

function tokenRequestOrExit(argv: string[]): TokenRequest | null {
  try {
    return parseTokenRequest(argv, randomUUID);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nSee: npm run token -- --help`);
    process.exit(2);
  }
}

function summary({ caller, ttlSeconds }: TokenRequest): string {
  const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  return `Development token: ${caller.role} of ${caller.org}, territories ${caller.territories.join(', ')}, purpose ${caller.purpose}, expires ${expires}.`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
