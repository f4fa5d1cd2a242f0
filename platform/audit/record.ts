import { createHash } from 'node:crypto';
import type { Purpose, Role } from '../auth/claims';
import type { DataCategory } from '../policy/types';

/**
 * One subgraph request's reads of personal data: who asked, why, about whom, and which fields and
 * categories were returned or refused. Never the data itself.
 */
export interface AccessRecord {
  at: Date;
  requestId: string;
  callerSub: string;
  callerRole: Role;
  callerOrg: string;
  purpose: Purpose;
  /** Hub ids of the young people the request touched. */
  youngIds: string[];
  categoriesReturned: DataCategory[];
  categoriesDenied: DataCategory[];
  /** `Type.field` names. */
  fieldsReturned: string[];
  fieldsDenied: string[];
}

/** A record as written: its place in its chain and the hashes that link it there. */
export interface StoredAccessRecord extends AccessRecord {
  chain: number;
  position: number;
  previousHash: string;
  hash: string;
}

/**
 * The exact text that is hashed: keys in a fixed order whatever the input's, the date in ISO
 * form, every list sorted and without duplicates. Two records meaning the same access
 * serialise to the same text, on any machine.
 */
export function canonical(record: AccessRecord): string {
  return JSON.stringify({
    at: record.at.toISOString(),
    requestId: record.requestId,
    callerSub: record.callerSub,
    callerRole: record.callerRole,
    callerOrg: record.callerOrg,
    purpose: record.purpose,
    youngIds: sortedSet(record.youngIds),
    categoriesReturned: sortedSet(record.categoriesReturned),
    categoriesDenied: sortedSet(record.categoriesDenied),
    fieldsReturned: sortedSet(record.fieldsReturned),
    fieldsDenied: sortedSet(record.fieldsDenied),
  });
}

/** SHA-256 (hex) of the canonical record followed by the previous record's hash: the link of the chain. */
export function hashRecord(record: AccessRecord, previousHash: string): string {
  return createHash('sha256').update(canonical(record)).update('\n').update(previousHash).digest('hex');
}

/**
 * The record as it is stored: lists sorted and deduplicated, so that what is read back is what was hashed.
 */
export function normalise(record: AccessRecord): AccessRecord {
  if (Number.isNaN(record.at.getTime())) throw new Error('An access record needs a valid date');
  return {
    ...record,
    youngIds: sortedSet(record.youngIds),
    categoriesReturned: sortedSet(record.categoriesReturned),
    categoriesDenied: sortedSet(record.categoriesDenied),
    fieldsReturned: sortedSet(record.fieldsReturned),
    fieldsDenied: sortedSet(record.fieldsDenied),
  };
}

function sortedSet<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}

/** The columns of `access_trail`, named as the fields of StoredAccessRecord. */
export const TRAIL_COLUMNS = `chain, position, at, request_id AS "requestId", caller_sub AS "callerSub", caller_role AS "callerRole",
  caller_org AS "callerOrg", purpose, young_ids AS "youngIds", categories_returned AS "categoriesReturned",
  categories_denied AS "categoriesDenied", fields_returned AS "fieldsReturned", fields_denied AS "fieldsDenied",
  previous_hash AS "previousHash", hash`;

/** A row selected with TRAIL_COLUMNS (pg returns bigint as a string). */
export type TrailRow = Omit<StoredAccessRecord, 'position'> & { position: string };

/**
 * Rows are taken as they are, roles and categories included: verification must hash what is stored, valid or
 * not.
 */
export function storedRecordOf(row: TrailRow): StoredAccessRecord {
  return { ...row, position: Number(row.position) };
}
