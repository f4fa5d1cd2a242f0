import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  databaseUrlVariable,
  migrationDatabaseUrlVariable,
  subgraphUrlVariable,
} from '../../platform/config';
import { PROJECT_ROOT } from '../../platform/paths';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../../platform/partners';

interface Service {
  command?: string[];
  image?: string;
  build?: string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  networks?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  secrets?: string[];
}

// No Docker engine runs on these machines, so the deployment is checked as data: YAML merge keys resolved.
const compose = parse(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean } | null>;
  secrets: Record<string, { file: string }>;
};

describe('docker-compose.yml', () => {
  it('runs the gateway in front, as the only published port', () => {
    const published = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['gateway']);
    expect(compose.services.gateway.command).toEqual(['node', 'dist/gateway/index.js']);
    expect(existsSync(join(PROJECT_ROOT, 'gateway', 'index.ts'))).toBe(true);
  });

  it.each(SUBGRAPH_NAMES)('runs %s as its own service with its own database', (name) => {
    const service = compose.services[name];
    const database = compose.services[`${name}-db`];
    expect(service.command).toEqual(['node', `dist/subgraphs/${name}/index.js`]);
    expect(existsSync(join(PROJECT_ROOT, 'subgraphs', name, 'index.ts'))).toBe(true);
    expect(service.environment?.NODE_ENV).toBe('production');
    expect(service.environment?.[databaseUrlVariable(name)]).toMatch(
      new RegExp(
        `^postgres://hub_${SUBGRAPHS[name].database}:.+@${name}-db:5432/${SUBGRAPHS[name].database}$`,
      ),
    );
    expect(service.depends_on?.[`${name}-db`]?.condition).toBe('service_healthy');
    expect(service.healthcheck?.test.join(' ')).toContain('/health');
    expect(database.image).toMatch(/^postgres:/);
    // The subgraph runs as the runtime role and migrates as the owner; the superuser stays inside the
    // database container.
    expect(service.environment?.[migrationDatabaseUrlVariable(name)]).toMatch(
      new RegExp(
        `^postgres://hub_${SUBGRAPHS[name].database}_owner:.+@${name}-db:5432/${SUBGRAPHS[name].database}$`,
      ),
    );
    expect(database.environment).toMatchObject({
      POSTGRES_DB: SUBGRAPHS[name].database,
      HUB_DATABASE: SUBGRAPHS[name].database,
    });
    expect(database.volumes).toContain(
      './deploy/postgres-roles.sh:/docker-entrypoint-initdb.d/10-hub-roles.sh:ro',
    );
    expect(existsSync(join(PROJECT_ROOT, 'deploy', 'postgres-roles.sh'))).toBe(true);
    expect(compose.services.gateway.environment?.[subgraphUrlVariable(name)]).toBe(
      `http://${name}:4000/graphql`,
    );
    expect(compose.services.gateway.depends_on?.[name]?.condition).toBe('service_healthy');
  });

  it('puts each database on an internal network shared only with its own subgraph', () => {
    for (const name of SUBGRAPH_NAMES) {
      const network = `${name}-data`;
      expect(compose.networks[network]?.internal).toBe(true);
      const members = Object.entries(compose.services)
        .filter(([, service]) => service.networks?.includes(network))
        .map(([service]) => service);
      expect(members.sort()).toEqual([name, `${name}-db`].sort());
    }
  });

  it('gives the internal signing key to the gateway only, and its public half to every subgraph', () => {
    const gateway = compose.services.gateway;
    expect(gateway.environment).toMatchObject({
      HUB_AUTH_PUBLIC_KEY_FILE: '/run/secrets/hub_auth_public_key',
      HUB_INTERNAL_PRIVATE_KEY_FILE: '/run/secrets/hub_internal_private_key',
    });
    expect(gateway.environment?.HUB_AUTH_ISSUER).toMatch(/^\$\{HUB_AUTH_ISSUER:\?/);
    expect(gateway.secrets?.sort()).toEqual(['hub_auth_public_key', 'hub_internal_private_key']);
    for (const name of SUBGRAPH_NAMES) {
      expect(compose.services[name].environment?.HUB_INTERNAL_PUBLIC_KEY_FILE).toBe(
        '/run/secrets/hub_internal_public_key',
      );
      expect(compose.services[name].secrets).toEqual([
        'hub_internal_public_key',
        'hub_fact_public_keys',
        factPrivateKey(name),
      ]);
    }
    const holders = Object.entries(compose.services).filter(([, service]) =>
      service.secrets?.includes('hub_internal_private_key'),
    );
    expect(holders.map(([name]) => name)).toEqual(['gateway']);
  });

  it('gives each subgraph the key that signs its access facts, and no one else; every subgraph their public keys', () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(compose.services[name].environment).toMatchObject({
        HUB_FACT_PRIVATE_KEY_FILE: `/run/secrets/${factPrivateKey(name)}`,
        HUB_FACT_PUBLIC_KEYS_FILE: '/run/secrets/hub_fact_public_keys',
      });
      const holders = Object.entries(compose.services).filter(([, service]) =>
        service.secrets?.includes(factPrivateKey(name)),
      );
      expect(holders.map(([service]) => service)).toEqual([name]);
    }
  });

  it('reads the keys from git-ignored files under ./secrets/, never from the file itself', () => {
    for (const secret of Object.values(compose.secrets))
      expect(secret.file).toMatch(/^\.\/secrets\/[a-z0-9-.]+\.(pem|jwks)$/);
    expect(readFileSync(join(PROJECT_ROOT, '.gitignore'), 'utf8').split('\n')).toContain('secrets/');
    expect(readFileSync(join(PROJECT_ROOT, '.dockerignore'), 'utf8').split('\n')).toContain('secrets');
    expect(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8')).not.toContain('-----BEGIN');
  });

  it('takes every database password from the environment, never from the file', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8');
    for (const name of SUBGRAPH_NAMES) {
      for (const variable of ['POSTGRES_PASSWORD', 'HUB_OWNER_PASSWORD', 'HUB_RUNTIME_PASSWORD']) {
        expect(compose.services[`${name}-db`].environment?.[variable]).toMatch(
          /^\$\{[A-Z0-9_]+_DB_(ADMIN_|OWNER_)?PASSWORD:\?/,
        );
      }
    }
    expect(text).not.toMatch(/PASSWORD: [^$]/);
  });
});

/** The Docker secret holding a subgraph's fact-signing key. */
function factPrivateKey(name: string): string {
  return `${name.replaceAll('-', '_')}_fact_private_key`;
}
