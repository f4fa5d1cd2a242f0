import { Cluster, ScheduledBackup } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import {
  NetworkPolicy,
  type INetworkPolicyPeer,
  type INetworkPolicyPort,
} from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  Namespace,
  Service,
  type IContainer,
  type IEnvVar,
  type IPodSpec,
} from 'kubernetes-models/v1';
import { stringify } from 'yaml';
import {
  databaseUrlVariable,
  migrationDatabaseUrlVariable,
  subgraphUrlVariable,
} from '../../platform/config';
import { envStem, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '../../platform/partners';

/**
 * The Kubernetes deployment of the hub, generated from the partner list (platform/partners.ts) so that
 * adding a partner adds its subgraph, its database and their network policies without editing YAML.
 * Mirrors docker-compose.yml: one image, the gateway in front, each partner's subgraph beside its own
 * PostgreSQL (a CloudNativePG `Cluster`) with an owner role that migrates and a runtime role that cannot
 * alter the access trail. Secrets are referenced by name, never written here (docs/operations.md).
 */

export const NAMESPACE = 'foquale-hub';
export const IMAGE = 'foquale-psad-hub';
export const HTTP_PORT = 4000;
export const POSTGRES_PORT = 5432;
/** PostgreSQL 16, as in docker-compose.yml. */
const POSTGRES_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:16';
/** The CloudNativePG instance manager's status port, polled by the operator and by the other instances. */
export const CNPG_STATUS_PORT = 8000;
/** Where the CloudNativePG operator runs (its default installation). */
export const CNPG_OPERATOR_NAMESPACE = 'cnpg-system';
export const GATEWAY = 'gateway';
/**
 * The gateways' own PostgreSQL: the rate-limit counts (`HUB_RATE_LIMIT_DATABASE_URL`), shared by every
 * gateway replica so that a caller's limit holds across them. It holds counters, never partners' data.
 */
export const RATE_LIMIT_CLUSTER = 'gateway-db';
const RATE_LIMIT_DATABASE = 'gateway';
export const RATE_LIMIT_ROLE = 'hub_gateway';
const PART_OF = 'foquale-psad-hub';

/** The Secrets the operator of the platform creates (docs/operations.md#kubernetes); never generated. */
export const SECRETS = {
  /** `hub-auth.public.pem` and `hub-internal.private.pem`: mounted by the gateway only. */
  gatewayKeys: 'hub-gateway-keys',
  /** `hub-internal.public.pem` and `hub-fact-public-keys.jwks`: mounted by every subgraph. */
  publicKeys: 'hub-public-keys',
  /** `<subgraph>-fact.private.pem`: mounted by that subgraph only. */
  factKey: (name: SubgraphName) => `${name}-fact-key`,
  /** basic-auth Secrets (username, password) of a partner database's owner and runtime roles. */
  ownerRole: (name: SubgraphName) => `${databaseCluster(name)}-owner`,
  runtimeRole: (name: SubgraphName) => `${databaseCluster(name)}-runtime`,
  /** basic-auth Secret of the rate-limit store's owner role, the gateways' connection. */
  rateLimitRole: `${RATE_LIMIT_CLUSTER}-owner`,
  /** Object-store credentials of the backups (production overlay). */
  backupStore: 'hub-backup-store',
} as const;
/** The supergraph served by the gateway: a ConfigMap created from schema/supergraph.graphql. */
export const SUPERGRAPH_CONFIG_MAP = 'gateway-supergraph';

/** The objects that make up one generated file. */
export interface ManifestFile {
  /** Relative to deploy/kubernetes/. */
  path: string;
  /** Kubernetes objects (validated with their schema) or a kustomization (plain data). */
  objects: KubernetesObject[];
  kustomization?: Record<string, unknown>;
}

/** What every generated model has: kubernetes-models validates and serialises it. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  validate(): void;
  toJSON(): unknown;
}

export function databaseCluster(name: SubgraphName): string {
  return `${name}-db`;
}

export function ownerRoleName(name: SubgraphName): string {
  return `hub_${SUBGRAPHS[name].database}_owner`;
}

export function runtimeRoleName(name: SubgraphName): string {
  return `hub_${SUBGRAPHS[name].database}`;
}

/** The read-write Service CloudNativePG creates for a cluster's primary. */
export function databaseHost(name: SubgraphName): string {
  return `${databaseCluster(name)}-rw`;
}

export function gatewayLabels(): Record<string, string> {
  return { 'app.kubernetes.io/name': GATEWAY };
}

export function subgraphLabels(name: SubgraphName): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}

/** The labels CloudNativePG puts on every instance of a cluster. */
export function databaseLabels(name: SubgraphName): Record<string, string> {
  return clusterLabels(databaseCluster(name));
}

export function clusterLabels(cluster: string): Record<string, string> {
  return { 'cnpg.io/cluster': cluster };
}

export function kubernetesManifests(version: string): ManifestFile[] {
  return [
    {
      path: 'base/kustomization.yaml',
      objects: [],
      kustomization: {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        namespace: NAMESPACE,
        resources: [
          'namespace.yaml',
          'gateway.yaml',
          ...SUBGRAPH_NAMES.map((name) => `subgraphs/${name}.yaml`),
          'network-policies.yaml',
        ],
      },
    },
    { path: 'base/namespace.yaml', objects: [namespace()] },
    { path: 'base/gateway.yaml', objects: gateway() },
    ...SUBGRAPH_NAMES.map((name) => ({ path: `base/subgraphs/${name}.yaml`, objects: subgraph(name) })),
    { path: 'base/network-policies.yaml', objects: networkPolicies() },
    {
      path: 'overlays/staging/kustomization.yaml',
      objects: [],
      kustomization: overlay(version, []),
    },
    {
      path: 'overlays/production/kustomization.yaml',
      objects: [],
      kustomization: overlay(version, [
        {
          target: { kind: 'HorizontalPodAutoscaler', name: GATEWAY },
          patch: jsonPatch([
            { op: 'replace', path: '/spec/minReplicas', value: 3 },
            { op: 'replace', path: '/spec/maxReplicas', value: 12 },
          ]),
        },
        {
          // Three instances per cluster: a primary and two standbys, on different nodes.
          target: { group: 'postgresql.cnpg.io', kind: 'Cluster' },
          patch: jsonPatch([{ op: 'replace', path: '/spec/instances', value: 3 }]),
        },
        {
          // The partners' databases (the rate-limit counts need none).
          target: {
            group: 'postgresql.cnpg.io',
            kind: 'Cluster',
            labelSelector: 'app.kubernetes.io/component=database',
          },
          patch: jsonPatch([{ op: 'add', path: '/spec/backup', value: backup() }]),
        },
      ]),
    },
    { path: 'overlays/production/backups.yaml', objects: SUBGRAPH_NAMES.map(scheduledBackup) },
  ];
}

function overlay(version: string, patches: unknown[]): Record<string, unknown> {
  const production = patches.length > 0;
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../../base', ...(production ? ['backups.yaml'] : [])],
    // Where the image built from the Dockerfile is pushed: set your registry in your own overlay.
    images: [{ name: IMAGE, newName: `registry.example.invalid/${IMAGE}`, newTag: version }],
    ...(production ? { patches } : {}),
  };
}

/** A JSON 6902 patch, written as YAML for the reader. */
function jsonPatch(operations: unknown[]): string {
  return stringify(operations);
}

function namespace(): Namespace {
  return new Namespace({
    metadata: {
      name: NAMESPACE,
      // Every pod of the hub, CloudNativePG's included, runs under the restricted Pod Security Standard.
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'app.kubernetes.io/part-of': PART_OF,
      },
    },
  });
}

function labels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': PART_OF,
  };
}

/** Non-root, read-only, no privilege: the node user of the image (uid 1000). */
const POD_SECURITY: IPodSpec['securityContext'] = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  // The mounted key files are group-readable by the node user, and by no one else.
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

const CONTAINER_SECURITY: IContainer['securityContext'] = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function probe(path: string, periodSeconds: number, failureThreshold: number) {
  return { httpGet: { path, port: 'http' }, periodSeconds, timeoutSeconds: 3, failureThreshold };
}

function gateway(): KubernetesObject[] {
  const settings = new ConfigMap({
    metadata: { name: GATEWAY, labels: labels(GATEWAY, 'gateway') },
    data: {
      NODE_ENV: 'production',
      PORT: String(HTTP_PORT),
      // The identity provider's issuer: set yours in your overlay (this one never resolves).
      HUB_AUTH_ISSUER: 'https://identity-provider.example.invalid',
      HUB_AUTH_AUDIENCE: 'foquale-hub',
      HUB_AUTH_PUBLIC_KEY_FILE: '/run/secrets/hub/hub-auth.public.pem',
      HUB_INTERNAL_PRIVATE_KEY_FILE: '/run/secrets/hub/hub-internal.private.pem',
      SUPERGRAPH_PATH: '/etc/hub/supergraph/supergraph.graphql',
      ...Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), `http://${name}:${HTTP_PORT}/graphql`]),
      ),
    },
  });
  const deployment = new Deployment({
    metadata: { name: GATEWAY, labels: labels(GATEWAY, 'gateway') },
    spec: {
      // No `replicas`: the HorizontalPodAutoscaler owns the count (at least 2), and `kubectl apply`
      // would otherwise reset it on every rollout.
      selector: { matchLabels: gatewayLabels() },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(GATEWAY, 'gateway') },
        spec: {
          automountServiceAccountToken: false,
          securityContext: POD_SECURITY,
          containers: [
            {
              name: GATEWAY,
              image: IMAGE,
              command: ['node', 'dist/gateway/index.js'],
              ports: [{ name: 'http', containerPort: HTTP_PORT }],
              envFrom: [{ configMapRef: { name: GATEWAY } }],
              env: [
                secretEnv('HUB_RATE_LIMIT_DB_PASSWORD', SECRETS.rateLimitRole),
                {
                  name: 'HUB_RATE_LIMIT_DATABASE_URL',
                  value:
                    `postgres://${RATE_LIMIT_ROLE}:$(HUB_RATE_LIMIT_DB_PASSWORD)@${RATE_LIMIT_CLUSTER}-rw:` +
                    `${POSTGRES_PORT}/${RATE_LIMIT_DATABASE}`,
                },
              ],
              resources: {
                requests: { cpu: '250m', memory: '256Mi' },
                limits: { memory: '512Mi' },
              },
              // /ready answers 200 once every subgraph answers its health check.
              readinessProbe: probe('/ready', 10, 3),
              livenessProbe: probe('/health', 10, 3),
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [
                { name: 'keys', mountPath: '/run/secrets/hub', readOnly: true },
                { name: 'supergraph', mountPath: '/etc/hub/supergraph', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'keys', secret: { secretName: SECRETS.gatewayKeys, defaultMode: 0o440 } },
            { name: 'supergraph', configMap: { name: SUPERGRAPH_CONFIG_MAP } },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  });
  const service = new Service({
    metadata: { name: GATEWAY, labels: labels(GATEWAY, 'gateway') },
    spec: {
      type: 'ClusterIP',
      selector: gatewayLabels(),
      ports: [{ name: 'http', port: HTTP_PORT, targetPort: 'http' }],
    },
  });
  const autoscaler = new HorizontalPodAutoscaler({
    metadata: { name: GATEWAY, labels: labels(GATEWAY, 'gateway') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: GATEWAY },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  });
  const disruptionBudget = new PodDisruptionBudget({
    metadata: { name: GATEWAY, labels: labels(GATEWAY, 'gateway') },
    spec: { maxUnavailable: 1, selector: { matchLabels: gatewayLabels() } },
  });
  const rateLimits = new Cluster({
    metadata: { name: RATE_LIMIT_CLUSTER, labels: labels(RATE_LIMIT_CLUSTER, 'rate-limits') },
    spec: {
      instances: 1,
      imageName: POSTGRES_IMAGE,
      enableSuperuserAccess: false,
      storage: { size: '1Gi' },
      bootstrap: {
        initdb: {
          database: RATE_LIMIT_DATABASE,
          owner: RATE_LIMIT_ROLE,
          secret: { name: SECRETS.rateLimitRole },
          postInitApplicationSQL: [`REVOKE ALL ON DATABASE "${RATE_LIMIT_DATABASE}" FROM PUBLIC`],
        },
      },
    },
  });
  return [settings, deployment, service, autoscaler, disruptionBudget, rateLimits];
}

function secretEnv(variable: string, secret: string): IEnvVar {
  return { name: variable, valueFrom: { secretKeyRef: { name: secret, key: 'password' } } };
}

function subgraph(name: SubgraphName): KubernetesObject[] {
  const { database } = SUBGRAPHS[name];
  const stem = envStem(name);
  const url = (role: string, passwordVariable: string) =>
    `postgres://${role}:$(${passwordVariable})@${databaseHost(name)}:${POSTGRES_PORT}/${database}`;
  const deployment = new Deployment({
    metadata: { name, labels: labels(name, 'subgraph') },
    spec: {
      // One replica: the subgraph migrates its database as it starts (as in docker-compose.yml), and
      // TypeORM takes no lock; a rollout starts the new pod before stopping the old one.
      replicas: 1,
      selector: { matchLabels: subgraphLabels(name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(name, 'subgraph') },
        spec: {
          automountServiceAccountToken: false,
          securityContext: POD_SECURITY,
          containers: [
            {
              name,
              image: IMAGE,
              command: ['node', `dist/subgraphs/${name}/index.js`],
              ports: [{ name: 'http', containerPort: HTTP_PORT }],
              env: [
                { name: 'NODE_ENV', value: 'production' },
                { name: 'PORT', value: String(HTTP_PORT) },
                { name: 'HUB_INTERNAL_PUBLIC_KEY_FILE', value: '/run/secrets/hub/hub-internal.public.pem' },
                { name: 'HUB_FACT_PUBLIC_KEYS_FILE', value: '/run/secrets/hub/hub-fact-public-keys.jwks' },
                { name: 'HUB_FACT_PRIVATE_KEY_FILE', value: `/run/secrets/fact/${name}-fact.private.pem` },
                // Passwords come from the roles' Secrets; the URLs refer to them with $(VARIABLE).
                secretEnv(`${stem}_DB_PASSWORD`, SECRETS.runtimeRole(name)),
                secretEnv(`${stem}_DB_OWNER_PASSWORD`, SECRETS.ownerRole(name)),
                { name: databaseUrlVariable(name), value: url(runtimeRoleName(name), `${stem}_DB_PASSWORD`) },
                {
                  name: migrationDatabaseUrlVariable(name),
                  value: url(ownerRoleName(name), `${stem}_DB_OWNER_PASSWORD`),
                },
              ],
              resources: {
                requests: { cpu: '100m', memory: '256Mi' },
                limits: { memory: '512Mi' },
              },
              // Migrations run before the subgraph listens: give them time before liveness counts.
              startupProbe: probe('/health', 5, 60),
              readinessProbe: probe('/health', 10, 3),
              livenessProbe: probe('/health', 10, 3),
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [
                { name: 'public-keys', mountPath: '/run/secrets/hub', readOnly: true },
                { name: 'fact-key', mountPath: '/run/secrets/fact', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'public-keys', secret: { secretName: SECRETS.publicKeys, defaultMode: 0o440 } },
            { name: 'fact-key', secret: { secretName: SECRETS.factKey(name), defaultMode: 0o440 } },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  });
  const service = new Service({
    metadata: { name, labels: labels(name, 'subgraph') },
    spec: {
      type: 'ClusterIP',
      selector: subgraphLabels(name),
      ports: [{ name: 'http', port: HTTP_PORT, targetPort: 'http' }],
    },
  });
  return [deployment, service, databaseClusterObject(name)];
}

/**
 * The partner's own PostgreSQL. initdb creates the database and its owner (who migrates); the runtime
 * role is created bare before the grants that name it, then given its password by the operator
 * (managed roles). The grants are those of deploy/postgres-roles.sh; the superuser is disabled.
 */
function databaseClusterObject(name: SubgraphName): Cluster {
  const { database } = SUBGRAPHS[name];
  const owner = ownerRoleName(name);
  const runtime = runtimeRoleName(name);
  return new Cluster({
    metadata: { name: databaseCluster(name), labels: labels(databaseCluster(name), 'database') },
    spec: {
      instances: 1,
      imageName: POSTGRES_IMAGE,
      enableSuperuserAccess: false,
      storage: { size: '10Gi' },
      bootstrap: {
        initdb: {
          database,
          owner,
          secret: { name: SECRETS.ownerRole(name) },
          postInitSQL: [`CREATE ROLE "${runtime}" LOGIN`],
          postInitApplicationSQL: [
            `REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`,
            `GRANT CONNECT ON DATABASE "${database}" TO "${owner}", "${runtime}"`,
            `ALTER SCHEMA public OWNER TO "${owner}"`,
            `ALTER DEFAULT PRIVILEGES FOR ROLE "${owner}" IN SCHEMA public ` +
              `GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${runtime}"`,
            `ALTER DEFAULT PRIVILEGES FOR ROLE "${owner}" IN SCHEMA public ` +
              `GRANT USAGE, SELECT ON SEQUENCES TO "${runtime}"`,
          ],
        },
      },
      managed: {
        roles: [
          {
            name: runtime,
            ensure: 'present',
            login: true,
            passwordSecret: { name: SECRETS.runtimeRole(name) },
          },
        ],
      },
    },
  });
}

/** Base backups and WAL archived to an object store, one folder per cluster (barman's server name). */
function backup() {
  const credential = (key: string) => ({ name: SECRETS.backupStore, key });
  return {
    retentionPolicy: '30d',
    barmanObjectStore: {
      destinationPath: 's3://foquale-hub-backups/',
      s3Credentials: {
        accessKeyId: credential('ACCESS_KEY_ID'),
        secretAccessKey: credential('ACCESS_SECRET_KEY'),
      },
      wal: { compression: 'gzip' },
      data: { compression: 'gzip' },
    },
  };
}

function scheduledBackup(name: SubgraphName): ScheduledBackup {
  return new ScheduledBackup({
    metadata: { name: databaseCluster(name), labels: labels(databaseCluster(name), 'database') },
    spec: {
      // Every night at 02:00 (six fields: seconds first).
      schedule: '0 0 2 * * *',
      backupOwnerReference: 'self',
      cluster: { name: databaseCluster(name) },
    },
  });
}

const DNS: INetworkPolicyPeer = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

function tcp(...ports: number[]): INetworkPolicyPort[] {
  return ports.map((port) => ({ protocol: 'TCP', port }));
}

/**
 * Default deny, then exactly: anyone → gateway; gateway → subgraphs and its rate-limit store; a subgraph →
 * its own database; a database → its own instances, and from the CloudNativePG operator; every pod → DNS.
 */
function networkPolicies(): NetworkPolicy[] {
  const policy = (name: string, spec: NetworkPolicy['spec']) =>
    new NetworkPolicy({ metadata: { name, labels: { 'app.kubernetes.io/part-of': PART_OF } }, spec });
  return [
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [DNS], ports: [...tcp(53), { protocol: 'UDP' as const, port: 53 }] }],
    }),
    policy(GATEWAY, {
      podSelector: { matchLabels: gatewayLabels() },
      policyTypes: ['Ingress', 'Egress'],
      // From the ingress controller, wherever it runs.
      ingress: [{ ports: tcp(HTTP_PORT) }],
      egress: [
        ...SUBGRAPH_NAMES.map((name) => ({
          to: [{ podSelector: { matchLabels: subgraphLabels(name) } }],
          ports: tcp(HTTP_PORT),
        })),
        {
          to: [{ podSelector: { matchLabels: clusterLabels(RATE_LIMIT_CLUSTER) } }],
          ports: tcp(POSTGRES_PORT),
        },
      ],
    }),
    policy(RATE_LIMIT_CLUSTER, databasePolicy(RATE_LIMIT_CLUSTER, gatewayLabels())),
    ...SUBGRAPH_NAMES.flatMap((name) => [
      policy(name, {
        podSelector: { matchLabels: subgraphLabels(name) },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: gatewayLabels() } }], ports: tcp(HTTP_PORT) }],
        egress: [{ to: [{ podSelector: { matchLabels: databaseLabels(name) } }], ports: tcp(POSTGRES_PORT) }],
      }),
      policy(databaseCluster(name), databasePolicy(databaseCluster(name), subgraphLabels(name))),
    ]),
  ];
}

/** A database reached by one client, its own instances and the operator; it reaches the API and backups. */
function databasePolicy(cluster: string, client: Record<string, string>): NetworkPolicy['spec'] {
  const instances = { podSelector: { matchLabels: clusterLabels(cluster) } };
  return {
    podSelector: { matchLabels: clusterLabels(cluster) },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      { from: [{ podSelector: { matchLabels: client } }], ports: tcp(POSTGRES_PORT) },
      // Replication between the cluster's own instances.
      { from: [instances], ports: tcp(POSTGRES_PORT, CNPG_STATUS_PORT) },
      {
        from: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': CNPG_OPERATOR_NAMESPACE } } },
        ],
        ports: tcp(POSTGRES_PORT, CNPG_STATUS_PORT),
      },
    ],
    egress: [
      { to: [instances], ports: tcp(POSTGRES_PORT, CNPG_STATUS_PORT) },
      // The Kubernetes API (the instance manager) and the backups' object store, outside the cluster.
      { ports: tcp(443, 6443) },
    ],
  };
}
