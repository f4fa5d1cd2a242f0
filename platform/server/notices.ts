import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';

/**
 * Errors a resolver reports while still returning data (e.g. "some events were withheld"): a
 * resolver can either return or throw, so these are collected in the context and added to the
 * response's errors once execution is over.
 */
export interface NoticeContext {
  notices: GraphQLError[];
}

export function notice(
  context: NoticeContext,
  info: GraphQLResolveInfo,
  message: string,
  extensions: Record<string, unknown>,
): void {
  context.notices.push(new GraphQLError(message, { path: responsePathAsArray(info.path), extensions }));
}

export function noticesPlugin(): ApolloServerPlugin<NoticeContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.notices.length === 0) return;
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...contextValue.notices.map((error) => error.toJSON())];
        },
      };
    },
  };
}
