import type { ApolloServerPlugin } from '@apollo/server';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** A message without graphql-js's "Did you mean …?" hints, which tell a stranger the schema's names. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '').trim();
}

/**
 * In production, the validation errors of an operation lose their "Did you mean …?" hints
 * (graphql-armor's block-field-suggestions, run in Apollo's validation phase); the error
 * formatter removes those of the other phases (a variable's enum value, say).
 */
export function blockSuggestionsPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  const armor = blockFieldSuggestionsPlugin({ mask: '' });
  return {
    async requestDidStart() {
      return {
        async validationDidStart() {
          const end = armor.onValidate!({} as never) as unknown as (payload: {
            valid: boolean;
            result: readonly Error[];
            setResult: (errors: readonly Error[]) => void;
          }) => void;
          // The armor rewrites each error's message in place.
          return async (errors?: readonly Error[]) => {
            if (errors?.length) end({ valid: false, result: errors, setResult: () => undefined });
          };
        },
      };
    },
  };
}
