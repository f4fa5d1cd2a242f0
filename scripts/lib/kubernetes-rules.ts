import type { ICluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type {
  INetworkPolicy,
  INetworkPolicyPeer,
  INetworkPolicyPort,
} from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IContainer, IService } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import {
  databaseUrlVariable,
  migrationDatabaseUrlVariable,
  subgraphUrlVariable,
} from '../../platform/config';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../../platform/partners';
import {
  CNPG_OPERATOR_NAMESPACE,
  CNPG_STATUS_PORT,
  databaseCluster,
  databaseHost,
  databaseLabels,
  GATEWAY,
  gatewayLabels,
  HTTP_PORT,
  NAMESPACE,
  ownerRoleName,
  POSTGRES_PORT,
  RATE_LIMIT_CLUSTER,
  clusterLabels,
  runtimeRoleName,
  SECRETS,
  subgraphLabels,
} from './kubernetes';

/**
 * The rules the Kubernetes deployment keeps, checked on the objects themselves (as parsed from the
 * YAML), so that each one can be shown to fail on a broken manifest (test/unit/kubernetes.test.ts).
 * Each returns human-readable violations; none means the rule holds.
 */

/** A parsed Kubernetes object: only what the rules read is typed. */
export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** The objects of the base (not the kustomizations), in file order. */
export function baseResources(files: Record<string, string>): Resource[] {
  return Object.entries(files)
    .filter(([path]) => path.startsWith('base/') && !path.endsWith('kustomization.yaml'))
    .flatMap(([, text]) => parseAllDocuments(text).map((document) => document.toJS() as Resource));
}

export function kubernetesRuleViolations(files: Record<string, string>): string[] {
  const resources = baseResources(files);
  return [
    ...noSecretValues(files),
    ...onlyTheGatewayIsExposed(resources),
    ...eachSubgraphOwnsItsDatabase(resources),
    ...networkPolicyViolations(resources),
    ...probeViolations(resources),
    ...hardeningViolations(resources),
    ...gatewayScalesOut(resources),
  ];
}

function find<T>(resources: Resource[], kind: string, name: string): (T & Resource) | undefined {
  return resources.find((resource) => resource.kind === kind && resource.metadata.name === name) as
    (T & Resource) | undefined;
}

function containerOf(deployment: IDeployment | undefined): IContainer | undefined {
  return deployment?.spec?.template.spec?.containers[0];
}

const deployments = (resources: Resource[]) =>
  resources.filter((resource) => resource.kind === 'Deployment') as (IDeployment & Resource)[];

/** No Secret object, no key material, no password or key written as a value. */
export function noSecretValues(files: Record<string, string>): string[] {
  const violations: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (text.includes('-----BEGIN')) violations.push(`${path}: holds key material`);
    for (const document of parseAllDocuments(text)) {
      const resource = document.toJS() as Resource | null;
      if (resource?.kind === 'Secret') violations.push(`${path}: defines Secret ${resource.metadata.name}`);
    }
  }
  for (const deployment of deployments(Object.values(files).flatMap(parseResources))) {
    for (const variable of containerOf(deployment)?.env ?? []) {
      const where = `Deployment ${deployment.metadata.name}: ${variable.name}`;
      if (variable.value === undefined) continue;
      if (/PASSWORD|SECRET|TOKEN|PRIVATE_KEY$/.test(variable.name))
        violations.push(`${where} is written inline; take it from a Secret`);
      const password = /^postgres:\/\/[^:]+:([^@]*)@/.exec(variable.value)?.[1];
      if (password !== undefined && !/^\$\([A-Z0-9_]+\)$/.test(password))
        violations.push(`${where} writes its password inline; refer to a variable from a Secret`);
    }
  }
  return violations;
}

function parseResources(text: string): Resource[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Resource | null)
    .filter((resource): resource is Resource => resource !== null && typeof resource === 'object');
}

/** Only the gateway has a Service, in-cluster; nothing is published on a node or a load balancer. */
export function onlyTheGatewayIsExposed(resources: Resource[]): string[] {
  const violations: string[] = [];
  for (const resource of resources) {
    if (resource.kind === 'Ingress') {
      const backends = [...JSON.stringify(resource.spec).matchAll(/"service":\{"name":"([^"]+)"/g)];
      if (backends.some(([, service]) => service !== GATEWAY))
        violations.push(`Ingress ${resource.metadata.name} routes to something other than the gateway`);
    }
    if (resource.kind !== 'Service') continue;
    const type = (resource as IService & Resource).spec?.type ?? 'ClusterIP';
    if (type !== 'ClusterIP') violations.push(`Service ${resource.metadata.name} is published (${type})`);
  }
  return violations;
}

/** Each partner: its Deployment, its Service, its own Cluster, and URLs to that database only. */
export function eachSubgraphOwnsItsDatabase(resources: Resource[]): string[] {
  const violations: string[] = [];
  const gatewaySettings = find<{ data?: Record<string, string> }>(resources, 'ConfigMap', GATEWAY)?.data;
  for (const name of SUBGRAPH_NAMES) {
    const { database } = SUBGRAPHS[name];
    const container = containerOf(find<IDeployment>(resources, 'Deployment', name));
    if (!container) {
      violations.push(`${name}: no Deployment`);
      continue;
    }
    if (container.command?.join(' ') !== `node dist/subgraphs/${name}/index.js`)
      violations.push(`${name}: does not run dist/subgraphs/${name}/index.js`);
    if (!find(resources, 'Service', name)) violations.push(`${name}: no Service`);
    if (gatewaySettings?.[subgraphUrlVariable(name)] !== `http://${name}:${HTTP_PORT}/graphql`)
      violations.push(`${name}: the gateway does not reach it at its Service`);
    const cluster = find<ICluster>(resources, 'Cluster', databaseCluster(name));
    const initdb = cluster?.spec.bootstrap?.initdb;
    if (!cluster || initdb?.database !== database || initdb.owner !== ownerRoleName(name))
      violations.push(
        `${name}: no Cluster ${databaseCluster(name)} of database ${database}, owned by its owner`,
      );
    else if (!cluster.spec.managed?.roles?.some((role) => role.name === runtimeRoleName(name) && role.login))
      violations.push(`${name}: its Cluster has no runtime role ${runtimeRoleName(name)}`);
    const env = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value]));
    const url = (role: string) =>
      new RegExp(`^postgres://${role}:[^@]+@${databaseHost(name)}:${POSTGRES_PORT}/${database}$`);
    if (!url(runtimeRoleName(name)).test(env[databaseUrlVariable(name)] ?? ''))
      violations.push(`${name}: ${databaseUrlVariable(name)} is not its runtime role on its own database`);
    if (!url(ownerRoleName(name)).test(env[migrationDatabaseUrlVariable(name)] ?? ''))
      violations.push(`${name}: ${migrationDatabaseUrlVariable(name)} is not its owner on its own database`);
  }
  const clusters = resources.filter((resource) => resource.kind === 'Cluster').map((r) => r.metadata.name);
  const expected = [...SUBGRAPH_NAMES.map(databaseCluster), RATE_LIMIT_CLUSTER];
  for (const cluster of clusters)
    if (!expected.includes(cluster)) violations.push(`Cluster ${cluster} belongs to no partner`);
  return violations;
}

/** A pod as the network policies see it. */
export interface Pod {
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
}

function matches(selector: { matchLabels?: Record<string, string> } | undefined, labels: object): boolean {
  if (selector && 'matchExpressions' in selector) throw new Error('matchExpressions are not checked');
  return Object.entries(selector?.matchLabels ?? {}).every(
    ([key, value]) => (labels as Record<string, string>)[key] === value,
  );
}

function peerMatches(peer: INetworkPolicyPeer, pod: Pod, policyNamespace: string): boolean {
  // An IP block may hold any pod's address: count it as matching everything.
  if (peer.ipBlock) return true;
  const namespaceOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, pod.namespaceLabels)
    : pod.namespace === policyNamespace;
  return namespaceOk && (!peer.podSelector || matches(peer.podSelector, pod.labels));
}

function portMatches(ports: INetworkPolicyPort[] | undefined, port: number): boolean {
  return !ports || ports.some((entry) => entry.port === undefined || entry.port === port);
}

/**
 * Whether the policies let `from` open a TCP connection to `to` on `port`: the sender's egress and the
 * receiver's ingress must both allow it (a pod no policy of a direction selects is open that way).
 */
export function allows(policies: INetworkPolicy[], from: Pod, to: Pod, port: number): boolean {
  const side = (pod: Pod, type: 'Ingress' | 'Egress', other: Pod) => {
    const selecting = policies.filter(
      (policy) =>
        (policy.metadata?.namespace ?? NAMESPACE) === pod.namespace &&
        matches(policy.spec?.podSelector, pod.labels) &&
        (policy.spec?.policyTypes ?? ['Ingress']).includes(type),
    );
    if (selecting.length === 0) return true;
    return selecting.some((policy) => {
      const namespace = policy.metadata?.namespace ?? NAMESPACE;
      const rules = type === 'Ingress' ? (policy.spec?.ingress ?? []) : (policy.spec?.egress ?? []);
      return rules.some((rule) => {
        const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
        return (
          portMatches(rule.ports, port) &&
          (!peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, other, namespace)))
        );
      });
    });
  };
  return side(from, 'Egress', to) && side(to, 'Ingress', from);
}

const HUB_NAMESPACE_LABELS = { 'kubernetes.io/metadata.name': NAMESPACE };
const hubPod = (labels: Record<string, string>): Pod => ({
  namespace: NAMESPACE,
  namespaceLabels: HUB_NAMESPACE_LABELS,
  labels,
});
const outsidePod = (namespace: string): Pod => ({
  namespace,
  namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
  labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
});

/**
 * Exactly these connections, among the hub's pods, the ingress controller and the CloudNativePG
 * operator: anyone → gateway; gateway → each subgraph and its rate-limit store; a subgraph → its own
 * database; a database's instances → each other; the operator → each database. Nothing else.
 */
export function networkPolicyViolations(resources: Resource[]): string[] {
  const policies = resources.filter((resource) => resource.kind === 'NetworkPolicy') as INetworkPolicy[];
  const violations: string[] = [];
  const denyAll = (policy: INetworkPolicy) =>
    Object.keys(policy.spec?.podSelector ?? {}).length === 0 &&
    (['Ingress', 'Egress'] as const).every((type) => policy.spec?.policyTypes?.includes(type)) &&
    !policy.spec?.ingress?.length &&
    !policy.spec?.egress?.length;
  if (!policies.some(denyAll)) violations.push('no default-deny NetworkPolicy');
  const ingressController = outsidePod('ingress-nginx');
  const operator = outsidePod(CNPG_OPERATOR_NAMESPACE);
  const pods: Record<string, { pod: Pod; ports: number[] }> = {
    [GATEWAY]: { pod: hubPod(gatewayLabels()), ports: [HTTP_PORT] },
    [RATE_LIMIT_CLUSTER]: {
      pod: hubPod(clusterLabels(RATE_LIMIT_CLUSTER)),
      ports: [POSTGRES_PORT, CNPG_STATUS_PORT],
    },
    ...Object.fromEntries(
      SUBGRAPH_NAMES.flatMap((name) => [
        [name, { pod: hubPod(subgraphLabels(name)), ports: [HTTP_PORT] }],
        [
          databaseCluster(name),
          { pod: hubPod(databaseLabels(name)), ports: [POSTGRES_PORT, CNPG_STATUS_PORT] },
        ],
      ]),
    ),
  };
  const senders: Record<string, Pod> = {
    ...Object.fromEntries(Object.entries(pods).map(([name, { pod }]) => [name, pod])),
    'ingress controller': ingressController,
    'CloudNativePG operator': operator,
  };
  const expected = (from: string, to: string, port: number): boolean => {
    if (to === GATEWAY) return !(from in pods);
    const subgraph = SUBGRAPH_NAMES.find((name) => name === to);
    if (subgraph) return from === GATEWAY;
    const client =
      to === RATE_LIMIT_CLUSTER ? GATEWAY : SUBGRAPH_NAMES.find((name) => databaseCluster(name) === to);
    if (from === client) return port === POSTGRES_PORT;
    return from === to || from === 'CloudNativePG operator';
  };
  for (const [to, { pod, ports }] of Object.entries(pods)) {
    for (const [from, sender] of Object.entries(senders)) {
      for (const port of ports) {
        const allowed = allows(policies, sender, pod, port);
        if (allowed !== expected(from, to, port))
          violations.push(`${from} → ${to}:${port} is ${allowed ? 'allowed' : 'denied'}`);
      }
    }
  }
  return violations;
}

function probePath(probe: IContainer['readinessProbe']): string | undefined {
  return probe?.httpGet?.path;
}

/** The gateway is ready on /ready and alive on /health; each subgraph ready and alive on /health. */
export function probeViolations(resources: Resource[]): string[] {
  const violations: string[] = [];
  const check = (name: string, readiness: string) => {
    const container = containerOf(find<IDeployment>(resources, 'Deployment', name));
    if (probePath(container?.readinessProbe) !== readiness)
      violations.push(`${name}: readiness probe is not ${readiness}`);
    if (probePath(container?.livenessProbe) !== '/health')
      violations.push(`${name}: liveness probe is not /health`);
  };
  check(GATEWAY, '/ready');
  for (const name of SUBGRAPH_NAMES) check(name, '/health');
  return violations;
}

/** Non-root, read-only root file system; private keys mounted by their holder only. */
export function hardeningViolations(resources: Resource[]): string[] {
  const violations: string[] = [];
  const holders = new Map<string, string[]>();
  for (const deployment of deployments(resources)) {
    const pod = deployment.spec?.template.spec;
    const container = containerOf(deployment);
    const name = deployment.metadata.name;
    if (pod?.securityContext?.runAsNonRoot !== true) violations.push(`${name}: may run as root`);
    if (container?.securityContext?.readOnlyRootFilesystem !== true)
      violations.push(`${name}: root file system is writable`);
    if (container?.securityContext?.allowPrivilegeEscalation !== false)
      violations.push(`${name}: may escalate privileges`);
    for (const volume of pod?.volumes ?? []) {
      if (volume.secret?.secretName)
        holders.set(volume.secret.secretName, [...(holders.get(volume.secret.secretName) ?? []), name]);
    }
  }
  const only = (secret: string, holder: string) => {
    const actual = holders.get(secret) ?? [];
    if (actual.length !== 1 || actual[0] !== holder)
      violations.push(`Secret ${secret} is mounted by ${actual.join(', ') || 'no one'}, not ${holder} only`);
  };
  only(SECRETS.gatewayKeys, GATEWAY);
  for (const name of SUBGRAPH_NAMES) only(SECRETS.factKey(name), name);
  return violations;
}

/** Several gateways: an autoscaler from at least two on CPU, a disruption budget, shared rate limits. */
export function gatewayScalesOut(resources: Resource[]): string[] {
  const violations: string[] = [];
  const autoscaler = find<IHorizontalPodAutoscaler>(resources, 'HorizontalPodAutoscaler', GATEWAY);
  if (
    autoscaler?.apiVersion !== 'autoscaling/v2' ||
    autoscaler.spec?.scaleTargetRef.name !== GATEWAY ||
    (autoscaler.spec.minReplicas ?? 1) < 2 ||
    !autoscaler.spec.metrics?.some((metric) => metric.resource?.name === 'cpu')
  )
    violations.push('gateway: no autoscaler from at least 2 replicas on CPU');
  const budget = find<IPodDisruptionBudget>(resources, 'PodDisruptionBudget', GATEWAY);
  if (!budget || !matches(budget.spec?.selector, gatewayLabels()))
    violations.push('gateway: no PodDisruptionBudget');
  const gateway = find<IDeployment>(resources, 'Deployment', GATEWAY);
  const store = containerOf(gateway)?.env?.find((v) => v.name === 'HUB_RATE_LIMIT_DATABASE_URL')?.value;
  if (!store?.includes(`@${RATE_LIMIT_CLUSTER}-rw:`))
    violations.push('gateway: rate limits are not counted in the shared store');
  if (!find(resources, 'Cluster', RATE_LIMIT_CLUSTER))
    violations.push(`gateway: no Cluster ${RATE_LIMIT_CLUSTER}`);
  const replicas = gateway?.spec?.replicas;
  if (replicas !== undefined && replicas < 2) violations.push('gateway: fewer than 2 replicas');
  return violations;
}
