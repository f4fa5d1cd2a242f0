import { createContext, useContext } from 'react';
import type { Session } from './api';

export interface SessionState {
  session: Session | null;
  developmentSignIn: boolean;
  /** Asks the BFF again (after a sign-in or sign-out). */
  refresh(): Promise<void>;
}

export const SessionContext = createContext<SessionState>({
  session: null,
  developmentSignIn: false,
  refresh: async () => undefined,
});

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** The signed-in caller: the screens below the sign-in page are only rendered with one. */
export function useCaller(): Session['caller'] {
  const { session } = useSession();
  if (!session) throw new Error('No session');
  return session.caller;
}
