import { buildSchema, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

/** A schema from SDL with plain resolvers attached, for testing schema-wide wrappers without a server. */
export function makeExecutableSchemaFromSdl(
  sdl: string,
  resolvers: Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>>,
): GraphQLSchema {
  const schema = buildSchema(sdl);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
    for (const [fieldName, resolve] of Object.entries(fields)) type.getFields()[fieldName].resolve = resolve;
  }
  return schema;
}
