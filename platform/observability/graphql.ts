import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Logger } from './logger';

/** Root fields beyond this many are not spelled out in an operation's label. */
const MAX_LABELLED_FIELDS = 3;

/**
 * A bounded name for an operation, for metric labels and log lines: its type and its root fields
 * (`query young`, `mutation openCase`, `query indicators+youngs`), never the client's operation name
 * (free text that could say anything, a person's name included). Root fields are the schema's, so the
 * labels are few; an operation that did not validate is `invalid`.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined | null): string {
  if (!operation) return 'invalid';
  const fields = [
    ...new Set(
      operation.selectionSet.selections.flatMap((selection) =>
        selection.kind === Kind.FIELD ? [selection.name.value] : [],
      ),
    ),
  ].sort();
  if (fields.length === 0) return `${operation.operation} (fragments)`;
  if (fields.length > MAX_LABELLED_FIELDS) return `${operation.operation} (several)`;
  return `${operation.operation} ${fields.join('+')}`;
}

/** One served GraphQL request, as metrics and logs see it. */
export interface ServedRequest {
  operation: string;
  durationSeconds: number;
  /** `extensions.code` of each error of the answer (INTERNAL_SERVER_ERROR when it had none). */
  errorCodes: string[];
}

/**
 * Logs one line per request (its request id, operation label, duration, and each error's code and
 * path, never an error's message: graphql-js echoes the values a client sent) and hands the same facts
 * to `observe` (the metrics).
 */
export function requestObservabilityPlugin<Context extends { requestId?: string }>(
  logger: Logger,
  observe: (request: ServedRequest) => void = () => undefined,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, contextValue }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const served: ServedRequest = {
            operation: operationLabel(operation),
            durationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
            errorCodes: errors.map((error) =>
              typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR',
            ),
          };
          observe(served);
          logger.info(
            {
              requestId: contextValue.requestId,
              operation: served.operation,
              durationMs: Math.round(served.durationSeconds * 1000),
              ...(errors.length > 0
                ? {
                    errors: errors.map((error, index) => ({
                      code: served.errorCodes[index],
                      ...(error.path ? { path: error.path.join('.') } : {}),
                    })),
                  }
                : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
