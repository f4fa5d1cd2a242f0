import type { Caller } from '../../platform/auth/claims';
import { randomToken } from './security';

export interface ConsoleSession {
  id: string;
  caller: Caller;
  /** The caller's token for the gateway: it never leaves this process. */
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/**
 * The sessions of the console, held in memory by the BFF: the browser keeps only the session id, in an
 * httpOnly, SameSite=Strict cookie. A restart signs everyone out (one BFF process; a shared store is
 * needed before running several).
 */
export class SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly now: () => number = Date.now) {}

  create(caller: Caller, token: string, ttlSeconds: number): ConsoleSession {
    this.sweep();
    const session: ConsoleSession = {
      id: randomToken(),
      caller,
      token,
      csrfToken: randomToken(),
      expiresAt: this.now() + ttlSeconds * 1000,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): ConsoleSession | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
