import { parseArgs } from './lib/args';
import { driftedManifests, renderManifests, writeManifests } from './lib/kubernetes-files';
import { kubernetesRuleViolations } from './lib/kubernetes-rules';

const HELP = `Usage: npm run deploy:kubernetes [-- --check]

Generates the Kubernetes deployment (kustomize) under deploy/kubernetes/ from the partner
list (platform/partners.ts): base/ (the gateway, each partner's subgraph and its own
CloudNativePG cluster, the network policies) and overlays/staging, overlays/production.
Every object is validated against its Kubernetes (or CloudNativePG) schema and the
deployment rules (scripts/lib/kubernetes-rules.ts). The files are committed; apply with
kubectl apply -k deploy/kubernetes/overlays/<overlay> (docs/operations.md#kubernetes).

  --check   write nothing; exit 1 if a committed file differs from what the code
            generates, or is no longer generated
  --help    show this help`;

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2), { values: [], flags: ['check', 'help'] });
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  const files = await renderManifests();
  const violations = kubernetesRuleViolations(files);
  if (violations.length > 0) {
    console.error(`The generated manifests break the deployment rules:\n  ${violations.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  if (flags.has('check')) {
    const drifted = driftedManifests(files);
    if (drifted.length > 0) {
      console.error(
        'deploy/kubernetes/ differs from the code; run `npm run deploy:kubernetes` and commit:\n' +
          drifted.map((path) => `  deploy/kubernetes/${path}`).join('\n'),
      );
      process.exitCode = 1;
      return;
    }
    console.log('deploy/kubernetes/ is up to date.');
    return;
  }
  for (const file of writeManifests(files)) console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  process.exitCode = 2;
});
