import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../../platform/auth/claims';
import { PROJECT_ROOT } from '../../platform/paths';
import { HABILITATIONS } from '../../platform/policy/habilitations';
import { ACCESS_MATRIX_PATH, renderAccessMatrix } from '../../platform/policy/matrix';
import { DATA_CATEGORIES } from '../../platform/policy/types';

describe('docs/access-matrix.md', () => {
  const generated = renderAccessMatrix();

  it('is up to date with the policy (run `npm run policy:matrix` and commit it)', () => {
    expect(readFileSync(join(PROJECT_ROOT, ACCESS_MATRIX_PATH), 'utf8')).toBe(generated);
  });

  it('has a row for every role and a column for every category', () => {
    const header = generated.split('\n').find((line) => line.startsWith('| role | `IDENTITY`'));
    expect(header).toBe(`| role | ${DATA_CATEGORIES.map((c) => `\`${c}\``).join(' | ')} |`);
    for (const role of ROLES) expect(generated).toContain(`\n| \`${role}\` | `);
  });

  it('lists every habilitation of the register', () => {
    for (const habilitation of HABILITATIONS) expect(generated).toContain(`| \`${habilitation.id}\` |`);
  });

  it('does not depend on the day it is generated', () => {
    expect(generated).not.toMatch(/\b20\d\d-\d\d-\d\dT/);
  });
});
