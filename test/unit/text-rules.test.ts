import { GraphQLError, buildSchema, graphql, type GraphQLSchema } from 'graphql';
import { InputCheck } from '../../platform/graphql/input-check';
import {
  normaliseMutationText,
  normaliseText,
  textProblem,
  visibleLength,
} from '../../platform/graphql/text';
import { describeError, ErrorCode, type FieldError } from '../../platform/server/errors';

const fieldErrors = (run: () => void): FieldError[] => {
  try {
    run();
  } catch (error) {
    return ((error as GraphQLError).extensions.fieldErrors ?? []) as FieldError[];
  }
  return [];
};

describe('text rules', () => {
  it.each([
    ['a NUL', 'Jean\u0000Dupont', /NUL character \(U\+0000 at 5\)/],
    ['an unpaired high surrogate', 'a\ud800b', /unpaired surrogate \(U\+D800 at 2\)/],
    ['an unpaired low surrogate', '\udc00', /unpaired surrogate \(U\+DC00 at 1\)/],
    ['an ANSI escape sequence', 'ok\u001b[2J', /escape sequence \(ESC, U\+001B at 3\)/],
    ['a C0 control', 'bell\u0007', /control character U\+0007 at 5/],
    ['DEL', 'x\u007f', /control character U\+007F/],
    ['a C1 control', 'x\u009b31m', /control character U\+009B/],
    ['a right-to-left override', 'invoice\u202Efdp.exe', /bidirectional control character \(U\+202E/],
    ['a bidi isolate', '\u2066x', /bidirectional control character \(U\+2066/],
  ])('refuse %s anywhere', (_what, value, reason) => {
    expect(textProblem(value)).toMatch(reason);
    expect(textProblem(value, { multiline: true })).toMatch(reason);
  });

  it('keep line breaks, tabs and CR LF for multi-line text only; a lone CR is a control', () => {
    expect(textProblem('ligne 1\nligne 2\r\n\tfin', { multiline: true })).toBeNull();
    expect(textProblem('ligne 1\nligne 2')).toMatch(/must be on one line \(it holds a line break at 8\)/);
    expect(textProblem('a\tb')).toMatch(/one line \(it holds a tab/);
    expect(textProblem('a\u2028b')).toMatch(/one line \(it holds U\+2028/);
    expect(textProblem('écrasé\rfaux', { multiline: true })).toMatch(/control character U\+000D at 7/);
  });

  it('accept real text: accents, emoji (paired surrogates), Arabic with its marks, Breton', () => {
    for (const value of ['Zoé Müller-Łukasiewicz', 'Rendez-vous 👍🏽', 'سارة\u200f', "C'hoari", '李小龍']) {
      expect(textProblem(value)).toBeNull();
    }
  });

  it('normalise to NFC and count only what a reader sees', () => {
    expect(normaliseText('e\u0301')).toBe('é');
    expect(visibleLength('\u200b \u200d\ufeff\u00ad\u2060')).toBe(0);
    expect(visibleLength(' Zoé ')).toBe(3);
  });
});

describe('InputCheck.text', () => {
  it('reports every bad field at once, each with its precise reason', () => {
    const errors = fieldErrors(() => {
      const check = new InputCheck('input');
      check.text('contactName', '\u200b\u200c\u00a0', { required: true });
      check.text('summary', 'Entretien\u0000', { required: true });
      check.text('note', 'a\nb', { multiline: true });
      check.text('title', 'a\nb');
      check.text('level', 'e\u0301'.repeat(3), { max: 3 });
      check.done();
    });
    expect(errors).toEqual([
      { field: 'input.contactName', message: '"contactName" holds only spaces or invisible characters' },
      { field: 'input.summary', message: '"summary" holds a NUL character (U+0000 at 10)' },
      { field: 'input.title', message: '"title" must be on one line (it holds a line break at 2)' },
    ]);
  });

  it('counts the length once normalised: a decomposed accent is one character', () => {
    expect(new InputCheck().text('x', 'e\u0301'.repeat(3), { max: 3 })).toBe(true);
    expect(new InputCheck().text('x', 'e\u0301'.repeat(4), { max: 3 })).toBe(false);
  });
});

describe('the text rules in front of every mutation', () => {
  let received: unknown = null;
  const schema: GraphQLSchema = buildSchema(`
    input Note { text: String!, tags: [String!] }
    type Query { ok: Boolean }
    type Mutation { write(id: ID!, note: Note!): String }
  `);
  schema.getMutationType()!.getFields().write.resolve = (_source, args) => {
    received = args;
    return 'written';
  };
  normaliseMutationText(schema);
  const run = (variables: Record<string, unknown>) =>
    graphql({
      schema,
      source: 'mutation($id: ID!, $note: Note!) { write(id: $id, note: $note) }',
      variableValues: variables,
    });

  it('refuses any string argument, at any depth, that holds what no text may, before the resolver', async () => {
    received = null;
    const result = await run({ id: 'x\u0000', note: { text: 'ok', tags: ['fine', '\ud800'] } });
    expect(received).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      fieldErrors: [
        { field: 'id', message: '"id" holds a NUL character (U+0000 at 2)' },
        { field: 'note.tags.1', message: expect.stringMatching(/unpaired surrogate/) },
      ],
    });
  });

  it('hands the resolver NFC text, line breaks kept', async () => {
    const result = await run({ id: '1', note: { text: 'Le\u0301a\nsuite', tags: null } });
    expect(result.errors).toBeUndefined();
    expect(received).toEqual({ id: '1', note: { text: 'Léa\nsuite', tags: null } });
  });
});

describe('describeError', () => {
  it('never logs an error that is not an Error as [object Object]', () => {
    expect(
      describeError({ message: 'relation missing', extensions: {} }, { message: 'x', path: ['a', 0] }),
    ).toBe('relation missing | at a.0');
    expect(describeError({ code: '22021', detail: 'x' })).toBe('{"code":"22021","detail":"x"} | code 22021');
    expect(describeError(new TypeError('boom'))).toBe('TypeError: boom');
    expect(describeError('plain')).toBe('plain');
  });
});
