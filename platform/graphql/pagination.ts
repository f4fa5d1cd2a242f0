import { badUserInput } from '../server/errors';

export const MAX_PAGE_SIZE = 100;

/** Checks `first` against the page-size bounds, with a message that says what is allowed. */
export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  return first;
}

/** Opaque cursor: base64url of a JSON value (a keyset position or an offset). */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) throw badUserInput('"after" is not a cursor returned by this field', 'after');
  return value;
}
