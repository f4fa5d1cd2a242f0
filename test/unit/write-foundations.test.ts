import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { mutationOwners, namedYoungIds, reportNeeded, rootFields } from '../../gateway/write-attestation';
import type { Caller } from '../../platform/auth/claims';
import { InputCheck } from '../../platform/graphql/input-check';
import { checkIdempotencyKey } from '../../platform/database/idempotency';
import { Partner } from '../../platform/partners';
import {
  decideWrite,
  decideWriteOperation,
  groundsOf,
  type WriteRequest,
} from '../../platform/policy/engine';
import { WRITE_ACTIONS, WRITE_RULES } from '../../platform/policy/rules';
import type { Subject } from '../../platform/policy/types';
import { authoriseWrite, refuseUnknownPerson, unknownPersonRefusal } from '../../platform/policy/writes';

const NOW = new Date('2026-03-02T10:00:00Z');
const coordinator: Caller = {
  sub: 'c-1',
  role: 'psad-coordinator',
  org: 'PSAD-38-GRE',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};
const cfa: Caller = {
  sub: 'x-1',
  role: 'cfa-staff',
  org: '0383264B',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};
const subject: Subject = {
  youngId: '0b6f8a1e-6a34-4a57-9f6b-2d1c4b9e7a10',
  bassin: '38-GRE',
  age: 17,
  followers: ['PSAD-38-GRE'],
  schools: [],
  oppositions: [],
  obligationDeFormation: true,
};

const write = (request: Partial<WriteRequest>) =>
  decideWrite({
    caller: coordinator,
    action: 'PSAD_CASE',
    owner: Partner.PSAD,
    subject,
    now: NOW,
    ...request,
  });

describe('decideWrite', () => {
  it('grants a write only to the roles WRITE_RULES names', () => {
    expect(write({})).toEqual({ allowed: true });
    expect(write({ caller: { ...coordinator, role: 'ml-advisor', org: '12345678901234' } })).toEqual({
      allowed: false,
      reason: 'ROLE_NOT_GRANTED',
    });
    expect(write({ caller: { ...coordinator, role: 'dashboard', purpose: 'PILOTAGE_AGREGE' } })).toEqual({
      allowed: false,
      reason: 'AGGREGATES_ONLY',
    });
  });

  it('checks the purpose and the habilitation of the category written, as a read does', () => {
    expect(write({ caller: { ...coordinator, purpose: 'PILOTAGE_AGREGE' } })).toEqual({
      allowed: false,
      reason: 'PURPOSE_MISMATCH',
    });
    expect(write({ caller: { ...coordinator, org: 'NOT-HABILITATED' } })).toEqual({
      allowed: false,
      reason: 'NO_HABILITATION',
    });
  });

  it('checks every condition on the person and on the record', () => {
    expect(write({ subject: { ...subject, bassin: '74-ANN' } })).toEqual({
      allowed: false,
      reason: 'OUT_OF_TERRITORY',
    });
    expect(write({ subject: null })).toEqual({ allowed: false, reason: 'OUT_OF_TERRITORY' });
    const followUp = (request: Partial<WriteRequest>) =>
      write({ caller: cfa, action: 'FOLLOW_UP', owner: Partner.CFA, rowOrganisation: cfa.org, ...request });
    expect(followUp({})).toEqual({ allowed: true });
    expect(followUp({ rowOrganisation: '0380000Z' })).toEqual({
      allowed: false,
      reason: 'NOT_OWN_ORGANISATION',
    });
    expect(followUp({ owner: Partner.E2C })).toEqual({ allowed: false, reason: 'ROLE_NOT_GRANTED' });
  });

  it('applies the age rule to personal data, and not to offers', () => {
    expect(write({ subject: { ...subject, age: 15 } })).toEqual({ allowed: false, reason: 'UNDER_16' });
    expect(
      write({ caller: cfa, action: 'OFFER', owner: Partner.CFA, subject: null, rowOrganisation: cfa.org }),
    ).toEqual({ allowed: true });
  });

  it('lets a FOQUALE network manage only the offers of its own bassins', () => {
    const network: Caller = {
      sub: 'n-1',
      role: 'foquale-network',
      org: '0380001A',
      territories: ['38-GRE'],
      purpose: 'ACCOMPAGNEMENT',
    };
    const offer = (rowBassin: string) =>
      write({
        caller: network,
        action: 'OFFER',
        owner: Partner.EDUCATION_NATIONALE,
        subject: null,
        rowOrganisation: '0389999Z',
        rowBassin,
      });
    expect(offer('38-GRE')).toEqual({ allowed: true });
    expect(offer('74-ANN')).toEqual({ allowed: false, reason: 'OUT_OF_TERRITORY' });
  });

  it('lets partner staff open a follow-up only for a person of their territories, but go on with it wherever they move', () => {
    const staff = (action: 'FOLLOW_UP_OPENING' | 'FOLLOW_UP', bassin: string) =>
      write({
        caller: cfa,
        action,
        owner: Partner.CFA,
        rowOrganisation: cfa.org,
        subject: { ...subject, bassin, referredTo: [cfa.org] },
      });
    expect(staff('FOLLOW_UP_OPENING', '38-GRE')).toEqual({ allowed: true });
    expect(staff('FOLLOW_UP_OPENING', '74-ANN')).toEqual({ allowed: false, reason: 'OUT_OF_TERRITORY' });
    expect(staff('FOLLOW_UP', '74-ANN')).toEqual({ allowed: true });
  });

  it('lets partner staff open a follow-up only on grounds: a referral to their organisation, their pupil, a follow already', () => {
    const opening = (facts: Partial<typeof subject>) =>
      write({
        caller: cfa,
        action: 'FOLLOW_UP_OPENING',
        owner: Partner.CFA,
        rowOrganisation: cfa.org,
        subject: { ...subject, bassin: '38-GRE', ...facts },
      });
    // The territory alone, a SIEI listing (the PSAD's grounds) or a referral to someone else are no grounds.
    expect(opening({})).toEqual({ allowed: false, reason: 'NO_GROUNDS' });
    expect(opening({ sieiListed: true })).toEqual({ allowed: false, reason: 'NO_GROUNDS' });
    expect(opening({ referredTo: ['0389999Z'] })).toEqual({ allowed: false, reason: 'NO_GROUNDS' });
    // Checked before the territory: a person without grounds answers as a hub id nobody has.
    expect(opening({ bassin: '74-ANN' })).toEqual({ allowed: false, reason: 'NO_GROUNDS' });
    expect(opening({ referredTo: [cfa.org] })).toEqual({ allowed: true });
    expect(opening({ schools: [cfa.org] })).toEqual({ allowed: true });
    expect(opening({ followers: [cfa.org] })).toEqual({ allowed: true });
    expect(groundsOf(cfa, { ...subject, referredTo: [cfa.org] })).toBe('REFERRAL');
    expect(groundsOf(cfa, { ...subject, sieiListed: true })).toBeNull();
    expect(groundsOf(coordinator, { ...subject, followers: [], sieiListed: true })).toBe('SIEI_LISTING');
  });

  it('refuses a person under 16 as it refuses a hub id nobody has, naming the same reason', () => {
    const noted: boolean[] = [];
    const context = {
      caller: coordinator,
      subjects: new Map(),
      now: () => NOW,
      access: {
        note: (_id: string, _category: string, _field: string, granted: boolean) => void noted.push(granted),
      },
    };
    const refusal = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as { extensions: { reason: string } }).extensions.reason;
      }
      return 'allowed';
    };
    const young = refusal(() =>
      authoriseWrite(context, {
        action: 'PSAD_CASE',
        owner: Partner.PSAD,
        subject: { ...subject, age: 15 },
        field: 'Mutation.openPsadCase',
      }),
    );
    const nobody = refusal(() =>
      refuseUnknownPerson(context, {
        action: 'PSAD_CASE',
        field: 'Mutation.openPsadCase',
        youngId: subject.youngId,
      }),
    );
    expect(young).toBe(unknownPersonRefusal(coordinator, 'PSAD_CASE'));
    expect(nobody).toBe(young);
    expect(young).toBe('OUT_OF_TERRITORY');
    expect(noted).toEqual([false, false]);
  });

  it('ignores oppositions: a partner records its own files', () => {
    expect(write({ subject: { ...subject, oppositions: [Partner.PSAD, Partner.CFA] } })).toEqual({
      allowed: true,
    });
  });

  it('decides role, purpose and habilitation without the person, exactly as the whole decision does', () => {
    for (const action of WRITE_ACTIONS) {
      for (const caller of [
        coordinator,
        cfa,
        { ...coordinator, role: 'dashboard' as const },
        { ...cfa, purpose: 'PILOTAGE_AGREGE' as const },
        { ...coordinator, org: 'NOBODY' },
      ]) {
        const whole = decideWrite({
          caller,
          action,
          owner: Partner.PSAD,
          subject,
          rowOrganisation: caller.org,
          now: NOW,
        });
        const operation = decideWriteOperation(caller, action, NOW);
        if (!operation.allowed) expect(whole).toEqual(operation);
        else if (!whole.allowed)
          expect([
            'OUT_OF_TERRITORY',
            'NOT_FOLLOWING',
            'NOT_SELF',
            'ROLE_NOT_GRANTED',
            'NOT_OWN_ORGANISATION',
            'UNDER_16',
          ]).toContain(whole.reason);
      }
    }
  });

  it('has a rule for every action, each naming at least one role', () => {
    for (const action of WRITE_ACTIONS)
      expect(Object.keys(WRITE_RULES[action].grants).length).toBeGreaterThan(0);
  });
});

describe('InputCheck', () => {
  const errors = (build: (check: InputCheck) => void) => {
    const check = new InputCheck('input');
    build(check);
    try {
      check.done();
      return [];
    } catch (error) {
      return (error as { extensions: { fieldErrors: { field: string; message: string }[] } }).extensions
        .fieldErrors;
    }
  };

  it('passes valid input', () => {
    expect(
      errors(
        (c) => (
          c.text('note', 'ok', { max: 10 }),
          c.localDate('on', '2024-02-29'),
          c.integer('n', 3, { min: 0, max: 5 })
        ),
      ),
    ).toEqual([]);
  });

  it('reports every invalid field at once, with its path', () => {
    const found = errors((c) => {
      c.text('note', '   ');
      c.text('title', 'x'.repeat(11), { max: 10 });
      c.localDate('on', '2025-02-29');
      c.integer('n', 7, { max: 5 });
      c.hubId('youngId', 'nobody');
    });
    expect(found.map((error) => error.field)).toEqual([
      'input.note',
      'input.title',
      'input.on',
      'input.n',
      'input.youngId',
    ]);
    expect(found[2].message).toContain('YYYY-MM-DD');
  });

  it('checks date order only on valid dates', () => {
    expect(errors((c) => c.dateOrder('openedOn', '2025-03-01', 'closedOn', '2025-02-01'))).toEqual([
      { field: 'input.closedOn', message: expect.stringContaining('must not be before') },
    ]);
    expect(
      errors(
        (c) => (c.localDate('openedOn', 'soon'), c.dateOrder('openedOn', 'soon', 'closedOn', '2025-02-01')),
      ),
    ).toHaveLength(1);
  });

  it('throws a BAD_USER_INPUT naming the first field', () => {
    const check = new InputCheck();
    check.fail('capacity', 'too small');
    expect(() => check.done()).toThrow(
      expect.objectContaining({
        message: 'too small',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'capacity' }),
      }),
    );
  });
});

describe('idempotency keys', () => {
  it('accept printable keys up to 100 characters', () => {
    expect(() => checkIdempotencyKey('3f1c-retry-1')).not.toThrow();
    expect(() => checkIdempotencyKey(undefined)).not.toThrow();
    for (const bad of ['', 'with space', 'x'.repeat(101), 'clé'])
      expect(() => checkIdempotencyKey(bad)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ field: 'idempotencyKey' }) }),
      );
  });
});

describe('the people a mutation names', () => {
  const rootField = (source: string): FieldNode => {
    const operation = parse(source).definitions[0] as OperationDefinitionNode;
    return operation.selectionSet.selections.find(
      (selection): selection is FieldNode => selection.kind === Kind.FIELD,
    )!;
  };

  it('are found in root fields written inside fragments too', () => {
    const document = parse(
      'mutation { ... on Mutation { a(youngId: "y-1") { id } } ...More } fragment More on Mutation { b(input: { youngId: "y-2" }) { id } }',
    );
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(
      rootFields(operation.selectionSet, document).flatMap((field) => namedYoungIds(field.arguments!, {})),
    ).toEqual(['y-1', 'y-2']);
  });

  it('are read from a youngId argument or an input field, literal or variable', () => {
    expect(namedYoungIds(rootField('mutation { a(youngId: "y-1") { id } }').arguments!, {})).toEqual(['y-1']);
    expect(
      namedYoungIds(
        rootField('mutation($y: ID!) { a(input: { youngId: $y, note: "n" }) { id } }').arguments!,
        { y: 'y-2' },
      ),
    ).toEqual(['y-2']);
    expect(
      namedYoungIds(rootField('mutation($input: In!) { a(input: $input) { id } }').arguments!, {
        input: { youngId: 'y-3' },
      }),
    ).toEqual(['y-3']);
    expect(namedYoungIds(rootField('mutation { a(offerId: "o-1") { id } }').arguments!, {})).toEqual([]);
  });
});

describe('what the gateway gathers before routing a mutation', () => {
  const supergraph = readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8');
  const owners = mutationOwners(supergraph);
  const caller = (role: Caller['role']): Caller => ({
    sub: 's',
    role,
    org: 'ORG',
    territories: [],
    purpose: 'ACCOMPAGNEMENT',
  });

  it('knows which subgraph serves each mutation, from the supergraph', () => {
    expect(owners.get('transitionPsadCase')).toBe('psad');
    expect(owners.get('cfaReservePlace')).toBe('cfa');
    expect(owners.get('signFoqualeContract')).toBe('education-nationale');
    expect(owners.get('pjjPublishSignal')).toBe('pjj');
  });

  it('asks for the report of the caller’s own institution only, unless it is the subgraph written or psad', () => {
    expect(reportNeeded(caller('ml-advisor'), new Set(['cfa']))).toBe('missions-locales');
    expect(reportNeeded(caller('ml-advisor'), new Set(['missions-locales']))).toBeNull();
    expect(reportNeeded(caller('foquale-network'), new Set(['e2c']))).toBe('education-nationale');
    expect(reportNeeded(caller('psad-coordinator'), new Set(['cfa']))).toBeNull();
    expect(reportNeeded(caller('young'), new Set(['cfa']))).toBeNull();
  });
});
