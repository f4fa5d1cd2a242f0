import { Directive, Field } from 'type-graphql';
import { isHubId } from '../database/loaders';
import { Partner } from '../partners';
import { ACCESS_SUBJECT_FIELD } from './category';
import type { GuardContext, GuardOptions } from './guard';
import type { Subject } from './types';

/**
 * The attested subject travels from psad to the other subgraphs inside the entity
 * representation, as a JSON string: the gateway fetches it for every field that @requires it.
 * A subgraph trusts it because the request carries the gateway's signed caller token, and the
 * gateway only ever fills representations from psad's answers.
 */
export function encodeSubject(subject: Subject): string {
  return JSON.stringify(subject);
}

/**
 * The subject of a decision on a person's access trail (category kind ACCESS_TRAIL), which is
 * not case content: the rules grant it to the person themself (SELF) or unconditionally (the
 * DPO), and neither the age rule nor opposition applies to it. The person's id is then the only
 * fact the decision needs, so no subgraph has to wait for psad's attestation. Every other fact is
 * set to the value that refuses (a bassin no `territories` claim can hold, no follower, no school,
 * under 16, opposed to every partner): should a rule ever grant the trail on one of them, it would fail closed here rather
 * than leak, until that rule is given psad's attested subject.
 */
export function trailSubject(youngId: string): Subject {
  return { youngId, bassin: '', age: 0, followers: [], schools: [], oppositions: Object.values(Partner), obligationDeFormation: false };
}

/** Parses an attested subject; null (deny everything) when it is missing or malformed. */
export function decodeSubject(value: unknown, youngId: string): Subject | null {
  if (typeof value !== 'string') return null;
  let parsed: Partial<Subject>;
  try {
    parsed = JSON.parse(value) as Partial<Subject>;
  } catch {
    return null;
  }
  const partners = new Set<string>(Object.values(Partner));
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
  const valid =
    parsed.youngId === youngId &&
    isHubId(youngId) &&
    typeof parsed.bassin === 'string' &&
    Number.isInteger(parsed.age) &&
    strings(parsed.followers) &&
    strings(parsed.schools) &&
    strings(parsed.oppositions) &&
    parsed.oppositions.every((partner) => partners.has(partner)) &&
    typeof parsed.obligationDeFormation === 'boolean';
  return valid ? (parsed as Subject) : null;
}

/** Declares, on a partner's `Young` class, psad's attested subject as an external field it can require. */
export function declareAccessSubject(young: { prototype: object }): void {
  Field(() => String, { nullable: true })(young.prototype, ACCESS_SUBJECT_FIELD);
  Directive('@external')(young.prototype, ACCESS_SUBJECT_FIELD);
}

/** What every partner's `Young` reference keeps from the representation: the id and the attested subject. */
export interface SubjectReference {
  id: string;
  accessSubject?: string | null;
}

export function youngReference(reference: SubjectReference): SubjectReference {
  return { id: reference.id, accessSubject: reference.accessSubject ?? null };
}

/** Put on every partner field that decides on the person: the gateway then fetches psad's attestation first. */
export const REQUIRES_ACCESS_SUBJECT = `@requires(fields: "${ACCESS_SUBJECT_FIELD}")`;

/**
 * The attested subject of a `Young` reference, remembered for the rest of the request so that
 * child rows (follow-ups, contracts…) are decided on the same facts. Null when psad attested nothing.
 */
export function attestedSubject(young: SubjectReference, subjects: Map<string, Subject>): Subject | null {
  const known = subjects.get(young.id);
  if (known) return known;
  const subject = decodeSubject(young.accessSubject, young.id);
  if (subject) subjects.set(young.id, subject);
  return subject;
}

/** The guard options of a partner subgraph: subjects come from psad's attestation. */
export function attestedAccess(owner: Partner): GuardOptions<GuardContext> {
  return { owner, subjectOfYoung: (young) => decodeSubject(young[ACCESS_SUBJECT_FIELD], String(young.id)) };
}
