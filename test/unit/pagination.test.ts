import { GraphQLError } from 'graphql';
import { checkPageSize, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '../../platform/graphql/pagination';

const isPair = (value: unknown): value is [string, number] => Array.isArray(value) && value.length === 2;

describe('cursors and page sizes', () => {
  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor(['Martin', 3]), isPair)).toEqual(['Martin', 3]);
  });

  it.each(['not-base64-json', encodeCursor({ wrong: 'shape' }), ''])(
    'refuses a forged cursor %p with BAD_USER_INPUT',
    (cursor) => {
      try {
        decodeCursor(cursor, isPair);
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      }
    },
  );

  it('bounds the page size', () => {
    expect(checkPageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    expect(() => checkPageSize(MAX_PAGE_SIZE + 1)).toThrow(/between 0 and/);
    expect(() => checkPageSize(-1)).toThrow(/between 0 and/);
  });
});
