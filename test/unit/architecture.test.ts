import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The layer rules of `.dependency-cruiser.cjs`, run by `npm run lint`, shown to fail on small
 * trees that break them: a rule that never fires would let the architecture rot unseen.
 */

const root = resolve(__dirname, '../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');

interface Verdict {
  passed: boolean;
  output: string;
}

/** Writes `files` into a fresh tree beside the real lint configuration and cruises it. */
function cruise(files: Record<string, string>): Verdict {
  const tree = mkdtempSync(join(tmpdir(), 'layers-'));
  try {
    copyFileSync(join(root, '.dependency-cruiser.cjs'), join(tree, '.dependency-cruiser.cjs'));
    writeFileSync(join(tree, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs' } }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(tree, path)), { recursive: true });
      writeFileSync(join(tree, path), text);
    }
    const folders = ['platform', 'demo', 'subgraphs', 'gateway', 'scripts', 'test', 'console'].filter(
      (folder) => Object.keys(files).some((path) => path.startsWith(`${folder}/`)),
    );
    const args = [...folders, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'];
    try {
      return { passed: true, output: execFileSync(depcruise, args, { cwd: tree, encoding: 'utf8' }) };
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      return { passed: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
    }
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

const layered = {
  'platform/policy.ts': 'export const rule = 1;\n',
  'demo/world.ts': "import { rule } from '../platform/policy';\nexport const world = rule;\n",
  'subgraphs/alpha/server.ts': "import { world } from '../../demo/world';\nexport const alpha = world;\n",
  'subgraphs/beta/server.ts': "import { rule } from '../../platform/policy';\nexport const beta = rule;\n",
  'gateway/index.ts': "import { rule } from '../platform/policy';\nexport const gateway = rule;\n",
  'scripts/start.ts':
    "import { alpha } from '../subgraphs/alpha/server';\nimport { bff } from '../console/bff/server';\nexport const start = [alpha, bff];\n",
  'console/bff/server.ts': "import { rule } from '../../platform/policy';\nexport const bff = rule;\n",
  'console/src/app.ts': "import { api } from './api';\nexport const app = api;\n",
  'console/src/api.ts': 'export const api = 1;\n',
};

describe('the layer rules', () => {
  jest.setTimeout(60_000);

  it('pass a tree that respects the layers', () => {
    const verdict = cruise(layered);
    expect(verdict.output).not.toMatch(/error/);
    expect(verdict.passed).toBe(true);
  });

  it('refuse a platform module that imports a subgraph', () => {
    const verdict = cruise({
      ...layered,
      'platform/policy.ts':
        "import { alpha } from '../subgraphs/alpha/server';\nexport const rule = alpha;\n",
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.output).toContain('platform-is-the-bottom-layer');
  });

  it('refuse a platform module that imports the demo', () => {
    const verdict = cruise({
      ...layered,
      'platform/reference.ts': "import { world } from '../demo/world';\nexport const bassins = world;\n",
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.output).toContain('platform-is-the-bottom-layer');
  });

  it("refuse a partner that imports another partner's code", () => {
    const verdict = cruise({
      ...layered,
      'subgraphs/beta/server.ts': "import { alpha } from '../alpha/server';\nexport const beta = alpha;\n",
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.output).toContain('a-partner-imports-no-other-partner');
  });

  it('refuse the gateway importing a subgraph', () => {
    const verdict = cruise({
      ...layered,
      'gateway/index.ts': "import { beta } from '../subgraphs/beta/server';\nexport const gateway = beta;\n",
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.output).toContain('gateway-knows-no-partner-code');
  });

  it('refuse an import cycle, even through a type-only import', () => {
    const verdict = cruise({
      ...layered,
      'platform/guard.ts':
        "import type { Subject } from './subject';\nexport const guard = (s: Subject) => s;\n",
      'platform/subject.ts': "import { guard } from './guard';\nexport type Subject = typeof guard;\n",
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.output).toContain('no-circular');
  });

  it('refuse the console app importing anything outside itself', () => {
    const verdict = cruise({
      ...layered,
      'console/src/api.ts': "import { rule } from '../../platform/policy';\nexport const api = rule;\n",
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.output).toContain('the-console-app-is-a-client');
  });

  it('refuse the console BFF importing a subgraph', () => {
    const verdict = cruise({
      ...layered,
      'console/bff/server.ts':
        "import { beta } from '../../subgraphs/beta/server';\nexport const bff = beta;\n",
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.output).toContain('the-console-bff-builds-on-the-platform-only');
  });

  it('refuse the gateway importing the console', () => {
    const verdict = cruise({
      ...layered,
      'gateway/index.ts': "import { bff } from '../console/bff/server';\nexport const gateway = bff;\n",
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.output).toContain('only-scripts-and-tests-start-the-console');
  });
});
