import { graphql } from 'graphql';
import { makeExecutableSchemaFromSdl } from './support/schema';
import type { Caller } from '../../platform/auth/claims';
import { Partner } from '../../platform/partners';
import type { GuardContext } from '../../platform/policy/context';
import { guardCategorizedFields } from '../../platform/policy/guard';
import { decodeSubject, encodeSubject } from '../../platform/policy/subject';
import type { DataCategory, Subject } from '../../platform/policy/types';

const SDL = `
  directive @category(name: String!) on FIELD_DEFINITION
  type Query { young(id: ID!): Young }
  type Young { id: ID! firstName: String @category(name: "IDENTITY") followUps: [FollowUp!] @category(name: "FOLLOW_UP_SUMMARY") }
  type FollowUp { id: ID! notes: String @category(name: "FOLLOW_UP_DETAIL") }
`;
const YOUNG = '3b6a9a4e-7d1f-4c2e-9a57-1f2e3d4c5b6a';
const subject: Subject = {
  youngId: YOUNG,
  bassin: '38-GRE',
  age: 17,
  followers: ['PSAD-38-GRE'],
  schools: [],
  oppositions: [],
  obligationDeFormation: true,
};
const coordinator: Caller = {
  sub: 'c',
  role: 'psad-coordinator',
  org: 'PSAD-38-GRE',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};

function run(caller: Caller, query: string) {
  const schema = makeExecutableSchemaFromSdl(SDL, {
    Query: {
      young: () => ({
        id: YOUNG,
        firstName: 'Léa',
        followUps: [
          { id: 'f1', youngId: YOUNG, organisationCode: 'PSAD-38-GRE', notes: 'entretien' },
          { id: 'f2', youngId: YOUNG, organisationCode: 'PSAD-38-VIE', notes: 'autre entretien' },
        ],
      }),
    },
  });
  let asked = 0;
  guardCategorizedFields(schema, {
    owner: Partner.PSAD,
    subjectOfYoung: () => {
      asked += 1;
      return subject;
    },
  });
  const notes: [string, DataCategory, string, boolean][] = [];
  const contextValue: GuardContext = {
    caller,
    subjects: new Map(),
    access: { note: (...args) => void notes.push(args) },
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  return graphql({ schema, source: query, contextValue }).then((result) => ({ result, notes, asked }));
}

describe('the subgraph guard', () => {
  it('returns what the rules allow and traces it', async () => {
    const { result, notes, asked } = await run(
      coordinator,
      `{ young(id: "x") { firstName followUps { id } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ young: { firstName: 'Léa', followUps: [{ id: 'f1' }, { id: 'f2' }] } });
    expect(notes).toEqual([
      [YOUNG, 'IDENTITY', 'Young.firstName', true],
      [YOUNG, 'FOLLOW_UP_SUMMARY', 'Young.followUps', true],
    ]);
    expect(asked).toBe(1);
  });

  it('refuses a field explicitly, lets its siblings resolve, and traces the refusal', async () => {
    const outsider = { ...coordinator, territories: ['73-CHY'], org: 'PSAD-73-CHY' };
    const { result, notes } = await run(outsider, `{ young(id: "x") { id firstName } }`);
    expect(result.data).toEqual({ young: { id: YOUNG, firstName: null } });
    expect(result.errors?.[0].extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'OUT_OF_TERRITORY',
      category: 'IDENTITY',
      field: 'Young.firstName',
    });
    expect(notes).toEqual([[YOUNG, 'IDENTITY', 'Young.firstName', false]]);
  });

  it('decides on child rows with their person’s subject', async () => {
    const { result } = await run(coordinator, `{ young(id: "x") { followUps { notes } } }`);
    // Interview notes stay with the organisation that wrote them (OWN_ORGANISATION_ROW): the caller's
    // own row reads, another PSAD's is refused.
    expect(result.data).toEqual({ young: { followUps: [{ notes: 'entretien' }, { notes: null }] } });
    expect(result.errors?.map((error) => error.extensions)).toEqual([
      {
        code: 'FORBIDDEN',
        reason: 'ROLE_NOT_GRANTED',
        category: 'FOLLOW_UP_DETAIL',
        field: 'FollowUp.notes',
      },
    ]);
  });
});

describe('the attested subject', () => {
  it('round-trips, and refuses anything malformed or about someone else', () => {
    expect(decodeSubject(encodeSubject(subject), YOUNG)).toEqual(subject);
    expect(decodeSubject(encodeSubject(subject), '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(decodeSubject('{not json', YOUNG)).toBeNull();
    expect(decodeSubject(JSON.stringify({ ...subject, oppositions: ['NOBODY'] }), YOUNG)).toBeNull();
    expect(decodeSubject(undefined, YOUNG)).toBeNull();
  });
});
