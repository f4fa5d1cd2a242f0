import { HABILITATIONS, matchesCodePattern } from '../../platform/policy/habilitations';
import { parseArgs } from '../../scripts/lib/args';
import { DEFAULT_PURPOSE, parseTokenRequest, parseTtl } from '../../scripts/lib/token-request';
import { ROLES } from '../../platform/auth/claims';

const fixedId = () => 'fixed';
const parse = (line: string) => parseTokenRequest(line.split(' ').filter(Boolean), fixedId);

describe('npm run token arguments', () => {
  it('need only a role and a territory: org, purpose, subject and lifetime follow', () => {
    expect(parse('--role psad-coordinator --territory 38-GRE')).toEqual({
      caller: {
        sub: 'dev-fixed',
        role: 'psad-coordinator',
        org: 'PSAD-38-GRE',
        territories: ['38-GRE'],
        purpose: 'ACCOMPAGNEMENT',
      },
      ttlSeconds: 3600,
    });
  });

  it('default the organisation to the demo’s organisation of that role in the first territory, as the habilitation register expects', () => {
    for (const role of [
      'foquale-network',
      'en-referent',
      'ml-advisor',
      'e2c-staff',
      'cfa-staff',
      'agri-staff',
      'pjj-educator',
    ] as const) {
      const { caller } = parse(`--role ${role} --territory 38-GRE`)!;
      const covering = HABILITATIONS.filter(
        (h) => h.role === role && h.organisations.some((pattern) => matchesCodePattern(pattern, caller.org)),
      );
      expect({ role, habilitated: covering.length > 0 }).toEqual({ role, habilitated: true });
    }
  });

  it('take repeated territories, an explicit org, subject, purpose and lifetime', () => {
    expect(
      parse(
        '--role ml-advisor --territory 38-GRE --territory 38-CEN --territory 38-GRE --org 41234567800012 --sub agent-7 --purpose SUIVI_OF --ttl 30m',
      ),
    ).toEqual({
      caller: {
        sub: 'agent-7',
        role: 'ml-advisor',
        org: '41234567800012',
        territories: ['38-GRE', '38-CEN'],
        purpose: 'SUIVI_OF',
      },
      ttlSeconds: 1800,
    });
  });

  it('need no territory for the person themself or the DPO, whose access depends on none', () => {
    expect(parse('--role young --sub 0b6f8a1e-6a34-4a57-9f6b-2d1c4b9e7a10')!.caller).toMatchObject({
      role: 'young',
      org: 'SELF',
      territories: [],
    });
    expect(parse('--role dpo')!.caller).toMatchObject({ role: 'dpo', territories: [] });
    expect(() => parse('--role psad-coordinator')).toThrow(/--territory is required/);
  });

  it('give every role a default purpose; aggregates only for dashboards and the DPO', () => {
    expect(Object.keys(DEFAULT_PURPOSE).sort()).toEqual([...ROLES].sort());
    expect(DEFAULT_PURPOSE.dashboard).toBe('PILOTAGE_AGREGE');
    expect(DEFAULT_PURPOSE.dpo).toBe('PILOTAGE_AGREGE');
  });

  it('return null for --help', () => {
    expect(parse('--help')).toBeNull();
    expect(parse('-h')).toBeNull();
  });

  it.each([
    ['--territory 38-GRE', /--role is required/],
    ['--role admin --territory 38-GRE', /--role "admin" is not a role/],
    ['--role ml-advisor', /--territory is required/],
    ['--role dpo --territory grenoble', /--territory "grenoble" is not a bassin code/],
    ['--role dpo --territory 38-GRE --purpose FUN', /--purpose "FUN" is not a purpose/],
    ['--role dpo --territory 38-GRE --org has/slash', /--org "has\/slash" is not an organisation code/],
    ['--role young --territory 38-GRE', /--role young needs --sub/],
    ['--role dpo --territory 38-GRE --ttl forever', /--ttl must be a duration/],
    ['--role dpo --territory 38-GRE --role young', /--role is given twice/],
    ['--role dpo --territory 38-GRE --scope all', /Unknown option: --scope/],
    ['--role dpo --territory', /--territory needs a value/],
  ])('refuse %s with a clear message', (line, message) => {
    expect(() => parse(line)).toThrow(message);
  });
});

describe('token lifetimes', () => {
  it.each([
    ['45s', 45],
    ['15m', 900],
    ['2h', 7200],
    ['7d', 604800],
  ])('read %s as %i seconds', (raw, seconds) => {
    expect(parseTtl(raw)).toBe(seconds);
  });

  it.each(['0h', '8d', '1w', '1.5h', '-1h', ''])('refuse %j', (raw) => {
    expect(() => parseTtl(raw)).toThrow(/--ttl/);
  });
});

describe('script arguments', () => {
  it('collect repeatable options in order and keep single values single', () => {
    expect(
      parseArgs(['--a', '1', '--list', 'x', '--flag', '--list', 'y'], {
        values: ['a'],
        flags: ['flag'],
        lists: ['list'],
      }),
    ).toEqual({
      values: { a: '1' },
      flags: new Set(['flag']),
      lists: { list: ['x', 'y'] },
    });
  });
});
