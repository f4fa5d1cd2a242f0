import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { badUserInput, ErrorCode } from '../server/errors';

export const MAX_PAGE_SIZE = 100;

/** Checks `first` against the page-size bounds, with a message that says what is allowed. */
export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  return first;
}

/**
 * A readable cursor: base64url of a JSON value, for a position about no one (an offset into the
 * public offers). A position that holds personal data is sealed instead (`sealCursor`).
 */
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
  if (!isValid(value)) throw invalidCursor();
  return value;
}

/** The one answer every unusable cursor gets: the same code, field, reason and message. */
function invalidCursor(): GraphQLError {
  return new GraphQLError('"after" is not a cursor this field returned for this caller and these arguments', {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'after', reason: 'INVALID_CURSOR' },
  });
}

/**
 * Seals a keyset position that holds personal data (a caseload's names and hub ids) into an opaque
 * cursor. AES-256-GCM rather than a readable position with a MAC: the cipher hides the names and
 * authenticates the cursor in one step, and `binding` (the caller and the filter, as additional
 * data) makes a cursor unusable by anyone else or for another question. The plaintext is padded
 * to a fixed block so that a cursor's length tells nothing of the names inside either.
 */
export function sealCursor(position: unknown, binding: string): string {
  const plain = Buffer.from(JSON.stringify(position));
  const padded = Buffer.alloc(Math.ceil((plain.length + 1) / CURSOR_BLOCK) * CURSOR_BLOCK, ' ');
  plain.copy(padded);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', cursorKey(), iv);
  cipher.setAAD(Buffer.from(binding));
  const sealed = Buffer.concat([cipher.update(padded), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/**
 * Opens a cursor made by `sealCursor` with the same binding. A tampered, truncated or foreign
 * cursor, or one sealed for another caller or filter, gets the one answer a malformed cursor gets.
 */
export function openCursor<T>(cursor: string, binding: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', cursorKey(), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(binding));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const padded = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    value = JSON.parse(padded.toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) throw invalidCursor();
  return value;
}

/** Bytes of a sealed cursor's plaintext block: longer than any caseload position. */
const CURSOR_BLOCK = 256;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Where the key that seals personal cursors comes from: any secret string, shared by every replica. */
export const CURSOR_KEY_VARIABLE = 'HUB_CURSOR_KEY';
let cursorKeyOfProcess: Buffer | null = null;

/**
 * The key of sealed cursors: from `HUB_CURSOR_KEY` when set, otherwise drawn at random when the
 * process starts — cursors then last as long as the process, and a client that sends an older one
 * is told to start again from the first page.
 */
function cursorKey(): Buffer {
  if (!cursorKeyOfProcess) {
    const configured = process.env[CURSOR_KEY_VARIABLE];
    cursorKeyOfProcess = configured ? createHash('sha256').update(configured).digest() : randomBytes(32);
  }
  return cursorKeyOfProcess;
}
