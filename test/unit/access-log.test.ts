import { graphql } from 'graphql';
import { makeExecutableSchemaFromSdl } from './support/schema';
import type { Caller } from '../../platform/auth/claims';
import { ACCESS_RECORD_SELECTION, type AccessLogEntry } from '../../platform/graphql/types';
import { Partner } from '../../platform/partners';
import { decide } from '../../platform/policy/engine';
import type { GuardContext } from '../../platform/policy/context';
import { guardCategorizedFields } from '../../platform/policy/guard';
import { trailSubject } from '../../platform/policy/subject';
import type { DataCategory } from '../../platform/policy/types';
import { mergeAccessRecords } from '../../subgraphs/psad/merge';

const PERSON = '3b6a9a4e-7d1f-4c2e-9a57-1f2e3d4c5b6a';
const SOMEONE_ELSE = '9d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const NOW = new Date('2026-11-23T10:00:00Z');

const entry = (
  partner: Partner,
  requestId: string,
  at: string,
): Omit<AccessLogEntry, 'at'> & { at: string } => ({
  at,
  partner,
  requestId,
  callerSub: 'agent',
  callerRole: 'psad-coordinator',
  callerOrg: 'PSAD-38-GRE',
  purpose: 'ACCOMPAGNEMENT',
  categoriesReturned: ['IDENTITY'],
  categoriesDenied: [],
  fieldsReturned: ['Young.firstName'],
  fieldsDenied: [],
});

describe('mergeAccessRecords', () => {
  it('merges every subgraph’s records newest first, skipping a partner that did not answer', () => {
    const merged = mergeAccessRecords([
      {
        records: [
          entry(Partner.PSAD, 'r3', '2026-03-01T08:00:00Z'),
          entry(Partner.PSAD, 'r1', '2026-01-01T08:00:00Z'),
        ],
        count: 2,
      },
      { records: [entry(Partner.E2C, 'r2', '2026-02-01T08:00:00Z')], count: 7 },
      { records: null, count: null },
    ]);
    expect(merged.records.map((record) => record.requestId)).toEqual(['r3', 'r2', 'r1']);
    expect(merged.records.every((record) => record.at instanceof Date)).toBe(true);
    // Each subgraph counts all its records, not only the newest it sent.
    expect(merged.totalCount).toBe(9);
  });

  it('breaks ties by partner then request id, so the order never depends on arrival', () => {
    const at = '2026-01-01T08:00:00Z';
    const a = mergeAccessRecords([
      { records: [entry(Partner.PSAD, 'b', at)], count: 1 },
      { records: [entry(Partner.CFA, 'z', at), entry(Partner.CFA, 'a', at)], count: 2 },
    ]);
    const b = mergeAccessRecords([
      { records: [entry(Partner.CFA, 'a', at), entry(Partner.CFA, 'z', at)], count: 2 },
      { records: [entry(Partner.PSAD, 'b', at)], count: 1 },
    ]);
    expect(a.records.map((record) => `${record.partner}/${record.requestId}`)).toEqual([
      'CFA/a',
      'CFA/z',
      'PSAD/b',
    ]);
    expect(b).toEqual(a);
  });

  it('asks the partners for every field an entry shows', () => {
    expect(ACCESS_RECORD_SELECTION.split(' ').sort()).toEqual(
      Object.keys(entry(Partner.PSAD, 'r', '2026-01-01T08:00:00Z')).sort(),
    );
  });
});

describe('the trail subject', () => {
  const caller = (role: Caller['role'], extra: Partial<Caller> = {}): Caller => ({
    sub: 's',
    role,
    org: 'ORG',
    territories: ['38-GRE'],
    purpose: 'ACCOMPAGNEMENT',
    ...extra,
  });

  it('lets the person themself and the DPO read the trail, nobody else', () => {
    const request = (who: Caller) =>
      decide({
        caller: who,
        category: 'ACCESS_LOG',
        owner: Partner.E2C,
        subject: trailSubject(PERSON),
        now: NOW,
      });
    expect(request(caller('young', { sub: PERSON }))).toEqual({ allowed: true });
    expect(request(caller('dpo', { org: 'DPD-ACADEMIE' }))).toEqual({ allowed: true });
    expect(request(caller('young', { sub: SOMEONE_ELSE }))).toEqual({ allowed: false, reason: 'NOT_SELF' });
    expect(request(caller('psad-coordinator', { org: 'PSAD-38-GRE' }))).toEqual({
      allowed: false,
      reason: 'ROLE_NOT_GRANTED',
    });
  });

  it('fails closed on every fact it does not know: territory, follow-up, school', () => {
    // Were the trail ever granted on such a condition, the id-only subject would refuse rather than leak.
    const request = (who: Caller, category: DataCategory) =>
      decide({ caller: who, category, owner: Partner.PSAD, subject: trailSubject(PERSON), now: NOW });
    expect(request(caller('psad-coordinator', { org: 'PSAD-38-GRE' }), 'IDENTITY')).toEqual({
      allowed: false,
      reason: 'OUT_OF_TERRITORY',
    });
    expect(request(caller('ml-advisor', { org: '12345678900012' }), 'IDENTITY')).toMatchObject({
      allowed: false,
    });
    expect(trailSubject(PERSON)).toMatchObject({
      followers: [],
      schools: [],
      oppositions: expect.arrayContaining(Object.values(Partner)),
    });
  });
});

describe('the guard on the access trail', () => {
  const SDL = `
    directive @category(name: String!) on FIELD_DEFINITION
    type Query { accessLog(youngId: ID!): AccessLog @category(name: "ACCESS_LOG") }
    type AccessLog { youngId: ID! records: [String!]! @category(name: "ACCESS_LOG") }
  `;

  async function run(caller: Caller, youngId: string) {
    const schema = makeExecutableSchemaFromSdl(SDL, {
      Query: { accessLog: (_parent, args) => ({ youngId: (args as { youngId: string }).youngId }) },
      AccessLog: { records: () => ['a record'] },
    });
    let established = 0;
    guardCategorizedFields(schema, {
      owner: Partner.PSAD,
      subjectOfYoung: () => {
        established += 1;
        return null;
      },
    });
    const notes: [string, DataCategory, string, boolean][] = [];
    const contextValue: GuardContext = {
      caller,
      subjects: new Map(),
      access: { note: (...args) => void notes.push(args) },
      now: () => NOW,
    };
    const result = await graphql({
      schema,
      source: `query ($id: ID!) { accessLog(youngId: $id) { records } }`,
      variableValues: { id: youngId },
      contextValue,
    });
    return { result, notes, established };
  }

  const self: Caller = {
    sub: PERSON,
    role: 'young',
    org: 'SELF',
    territories: [],
    purpose: 'ACCOMPAGNEMENT',
  };
  const dpo: Caller = {
    sub: 'dpd',
    role: 'dpo',
    org: 'DPD-ACADEMIE',
    territories: [],
    purpose: 'ACCOMPAGNEMENT',
  };

  it('decides on the root field’s `youngId` and on the parent’s, without establishing a case subject, and traces ACCESS_LOG only', async () => {
    const { result, notes, established } = await run(self, PERSON);
    expect(result).toEqual({ data: { accessLog: { records: ['a record'] } } });
    expect(established).toBe(0);
    expect(notes).toEqual([
      [PERSON, 'ACCESS_LOG', 'Query.accessLog', true],
      [PERSON, 'ACCESS_LOG', 'AccessLog.records', true],
    ]);
  });

  it('refuses someone else’s log to a young person, and traces the attempt', async () => {
    const { result, notes } = await run(self, SOMEONE_ELSE);
    expect(result.data).toEqual({ accessLog: null });
    expect(result.errors?.[0].extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'NOT_SELF',
      category: 'ACCESS_LOG',
      field: 'Query.accessLog',
    });
    expect(notes).toEqual([[SOMEONE_ELSE, 'ACCESS_LOG', 'Query.accessLog', false]]);
  });

  it('treats an id that is not a hub id as about no one: refused to a young person, left to the resolver for the DPO, never traced', async () => {
    expect((await run(self, 'not-a-hub-id')).result.errors?.[0].extensions).toMatchObject({
      reason: 'NOT_SELF',
    });
    const asDpo = await run(dpo, 'not-a-hub-id');
    expect(asDpo.result.errors).toBeUndefined();
    expect(asDpo.notes).toEqual([]);
  });
});
