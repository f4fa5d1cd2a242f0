import type { Caller } from '../auth/claims';
import type { RequestFacts } from '../auth/facts';
import type { Partner } from '../partners';
import type { DataCategory, Subject } from './types';

/** What the guard needs from a subgraph's per-request context. */
export interface GuardContext {
  caller: Caller;
  /** Subjects already established in this request, by hub id (child rows reuse their person's). */
  subjects: Map<string, Subject>;
  /** The access trail collector of this request. */
  access: { note(youngId: string, category: DataCategory, field: string, granted: boolean): void };
  /** The clock of the policy (expiry of habilitations, ages); tests may pin it. */
  now(): Date;
  /** Signs this subgraph's access facts and checks the others'; without it no fact is believed. */
  facts?: RequestFacts;
}

export interface GuardOptions<Context extends GuardContext> {
  /** The partner that holds this subgraph's rows (opposition is per partner). */
  owner: Partner;
  /** Establishes the subject of a `Young` parent: attested by psad for partners, computed by psad itself. */
  subjectOfYoung(young: Record<string, unknown>, context: Context): Promise<Subject | null> | Subject | null;
}
