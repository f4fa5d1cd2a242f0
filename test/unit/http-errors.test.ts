import { GraphQLError } from 'graphql';
import { createErrorFormatter, ErrorCode } from '../../platform/server/errors';
import { withoutSuggestions } from '../../platform/server/suggestions';

describe('error messages in production', () => {
  it('lose every form of graphql-js "Did you mean …?"', () => {
    expect(
      withoutSuggestions(
        'Cannot query field "firstNme" on type "Young". Did you mean "firstName" or "lastName"?',
      ),
    ).toBe('Cannot query field "firstNme" on type "Young".');
    expect(
      withoutSuggestions('Value "PJ" does not exist in "Partner" enum. Did you mean the enum value "PJJ"?'),
    ).toBe('Value "PJ" does not exist in "Partner" enum.');
  });

  it('are stripped by the formatter in production only, and carry no stack trace', () => {
    const error = new GraphQLError('Unknown argument "frist". Did you mean "first"?', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatted = {
      message: error.message,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] },
    };
    const log = jest.fn();
    expect(createErrorFormatter('psad', log, { production: true })(formatted, error)).toEqual({
      message: 'Unknown argument "frist".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(createErrorFormatter('psad', log)(formatted, error).message).toBe(error.message);
    expect(
      createErrorFormatter('psad', log)(
        { message: 'boom at /work/x.ts:3', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
        new Error('boom at /work/x.ts:3'),
      ),
    ).toMatchObject({
      message: 'Internal error in psad; the operator has the details.',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
  });
});
