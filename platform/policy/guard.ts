import {
  defaultFieldResolver,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  Kind,
  type FieldDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { CATEGORY_DIRECTIVE } from './category';
import { answerTo, decide, WITHHELD } from './engine';
import { CATEGORIES } from './rules';
import { trailSubject } from './subject';
import { isHubId } from '../database/loaders';
import type { GuardContext, GuardOptions } from './context';
import type { DataCategory, Decision, RefusalReason, Subject } from './types';

export function forbidden(field: string, category: DataCategory, reason: RefusalReason): GraphQLError {
  return new GraphQLError(`Access to ${field} (${category}) is refused: ${reason}`, {
    extensions: { code: 'FORBIDDEN', reason, category, field },
  });
}

/** The category a field was tagged with in the SDL (`@category(name: "…")`), if any. */
export function fieldCategory(astNode: FieldDefinitionNode | null | undefined): DataCategory | null {
  const directive = astNode?.directives?.find((d) => d.name.value === CATEGORY_DIRECTIVE);
  const argument = directive?.arguments?.find((a) => a.name.value === 'name');
  return argument && argument.value.kind === Kind.STRING ? (argument.value.value as DataCategory) : null;
}

/**
 * Wraps the resolver of every categorized field so that the subgraph decides again, row by row,
 * whatever the gateway decided: the rule is evaluated on the row's subject, the outcome noted for
 * the access trail, and a refused field resolves to an explicit FORBIDDEN error (never a silent
 * empty value) whose reason speaks of the caller, while its siblings still resolve — save under an
 * opposition, where the field reads as if the partner held nothing (`answerTo`).
 */
export function guardCategorizedFields<Context extends GuardContext>(
  schema: GraphQLSchema,
  options: GuardOptions<Context>,
): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const category = fieldCategory(field.astNode);
      if (!category) continue;
      const name = `${type.name}.${field.name}`;
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, context, info) => {
        const subject =
          CATEGORIES[category].kind === 'ACCESS_TRAIL'
            ? subjectOfTrail(
                type === schema.getQueryType() || type === schema.getMutationType()
                  ? (args as Record<string, unknown>)
                  : (parent as Record<string, unknown>),
                type.name,
              )
            : await subjectOfParent(type.name, parent as Record<string, unknown>, context, options);
        const decision: Decision =
          subject === undefined
            ? { allowed: false, reason: 'NOT_FOLLOWING' }
            : decide({
                caller: context.caller,
                category,
                owner: options.owner,
                organisation: organisationOfRow(parent),
                subject,
                now: context.now(),
              });
        // Only reads about a person are traced; offers and aggregates are about no one. Reading a
        // person's access log is traced too, under ACCESS_LOG and nothing else: the trail is personal
        // data, and who consulted it (the DPO, or an attempt on someone else's) must itself be accountable.
        if (subject) context.access.note(subject.youngId, category, name, decision.allowed);
        if (!decision.allowed) {
          const answer = answerTo(context.caller.role, category, decision.reason);
          if (answer === WITHHELD) return isListType(getNullableType(field.type)) ? [] : null;
          throw forbidden(name, category, answer);
        }
        return resolve(parent, args, context, info);
      };
    }
  }
}

/**
 * The organisation that wrote a row: a child row (follow-up, GPDS signal, case change…) carries its
 * code as `organisationCode`, like its person's `youngId`. A row without one is no organisation's,
 * and meets no OWN_ORGANISATION_ROW condition.
 */
function organisationOfRow(parent: unknown): string | null {
  const code = (parent as Record<string, unknown> | undefined)?.organisationCode;
  return typeof code === 'string' ? code : null;
}

/**
 * The person a field of the access trail is about, from `source`: a `Young` parent, the `youngId`
 * of another parent (`AccessLog`), or on a root field its arguments (`accessLog(youngId:)`). The
 * trail is decided on that id alone (`trailSubject`). Anything that is not a hub id is about no
 * one: no SELF grant matches it, and nothing is traced against it.
 */
function subjectOfTrail(source: Record<string, unknown> | undefined, typeName: string): Subject | null {
  const id = typeName === 'Young' ? source?.id : source?.youngId;
  return typeof id === 'string' && isHubId(id) ? trailSubject(id) : null;
}

const pendingByRequest = new WeakMap<object, Map<string, Promise<Subject | null>>>();

function pendingSubjects(context: object): Map<string, Promise<Subject | null>> {
  let pending = pendingByRequest.get(context);
  if (!pending) {
    pending = new Map();
    pendingByRequest.set(context, pending);
  }
  return pending;
}

/**
 * The person a row is about: a `Young` parent is established (and remembered for the request);
 * a child row (follow-up, contract…) carries `youngId` and reuses its person's subject. Null means
 * "about no one" (offers); undefined means "unknown", which is refused.
 */
async function subjectOfParent<Context extends GuardContext>(
  typeName: string,
  parent: Record<string, unknown> | undefined,
  context: Context,
  options: GuardOptions<Context>,
): Promise<Subject | null | undefined> {
  if (!parent) return null; // a root field
  if (typeName === 'Young') {
    const id = String(parent.id);
    const known = context.subjects.get(id);
    if (known) return known;
    // Sibling fields resolve concurrently: they share one establishment of the subject.
    const inFlight = pendingSubjects(context);
    let pending = inFlight.get(id);
    if (!pending) {
      pending = Promise.resolve(options.subjectOfYoung(parent, context));
      inFlight.set(id, pending);
    }
    const subject = await pending;
    if (!subject) return undefined;
    context.subjects.set(id, subject);
    return subject;
  }
  if (typeof parent.youngId === 'string') return context.subjects.get(parent.youngId);
  return null;
}
