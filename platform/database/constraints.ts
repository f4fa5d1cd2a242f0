/** PostgreSQL's error code for a unique index violation. */
export const UNIQUE_VIOLATION = '23505';

/**
 * Whether a write failed on a unique index (of that name, when given): the database's answer to
 * two concurrent writes of which only one may land, turned by the caller into a clear error.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const record = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  } | null;
  const driverError = record?.driverError ?? record;
  return (
    driverError?.code === UNIQUE_VIOLATION &&
    (constraint === undefined || driverError.constraint === constraint)
  );
}
