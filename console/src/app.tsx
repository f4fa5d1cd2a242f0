import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { fetchSession, post, type Session } from './api';
import { label, ROLE } from './labels';
import { navigate, useLocation } from './router';
import { SessionContext, type SessionState } from './session';

// One chunk per screen: the sign-in page does not load the caseload's code, and so on.
const SignIn = lazy(() => import('./pages/sign-in'));
const Caseload = lazy(() => import('./pages/caseload'));
const Person = lazy(() => import('./pages/person'));

export function App() {
  const [state, setState] = useState<{ session: Session | null; developmentSignIn: boolean } | null>(null);
  const { pathname } = useLocation();

  const refresh = useCallback(async () => setState(await fetchSession()), []);
  useEffect(() => void refresh(), [refresh]);

  const signedIn = state?.session != null;
  useEffect(() => {
    if (!state) return;
    if (!signedIn && pathname !== '/connexion') navigate('/connexion', { replace: true });
    if (signedIn && (pathname === '/connexion' || pathname === '/')) navigate('/jeunes', { replace: true });
  }, [state, signedIn, pathname]);

  const context = useMemo<SessionState>(
    () => ({
      session: state?.session ?? null,
      developmentSignIn: state?.developmentSignIn ?? false,
      refresh,
    }),
    [state, refresh],
  );

  const signOut = async () => {
    await post('/api/session/sign-out', {});
    await refresh();
  };

  const caller = state?.session?.caller;
  return (
    <SessionContext.Provider value={context}>
      <Header
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        homeLinkProps={{ href: '/', title: 'Accueil — Console FOQUALE / PSAD' }}
        serviceTitle="Console FOQUALE / PSAD"
        serviceTagline="Suivi et appui aux jeunes sortis sans diplôme"
        quickAccessItems={
          caller
            ? [
                <span key="caller" className="fr-btn fr-btn--tertiary-no-outline" data-testid="caller">
                  {label(ROLE, caller.role)} · {caller.org}
                </span>,
                <button key="sign-out" type="button" className="fr-btn" onClick={() => void signOut()}>
                  Se déconnecter
                </button>,
              ]
            : []
        }
        navigation={
          caller
            ? [
                {
                  text: 'Jeunes suivis',
                  linkProps: { href: '/jeunes' },
                  isActive: pathname.startsWith('/jeunes'),
                },
              ]
            : undefined
        }
      />
      <main id="contenu" className="fr-container fr-py-4w" tabIndex={-1}>
        {state === null ? (
          <p>Chargement…</p>
        ) : (
          <Suspense fallback={<p>Chargement…</p>}>{route(pathname, signedIn)}</Suspense>
        )}
      </main>
      <Footer
        accessibility="partially compliant"
        contentDescription="Console du hub de lutte contre le décrochage scolaire : chaque partenaire sert ses propres données ; chaque consultation est tracée."
        bottomItems={[]}
      />
    </SessionContext.Provider>
  );
}

function route(pathname: string, signedIn: boolean) {
  if (!signedIn) return <SignIn />;
  if (pathname === '/jeunes') return <Caseload />;
  const person = /^\/jeunes\/([^/]+)$/.exec(pathname);
  if (person) return <Person id={decodeURIComponent(person[1])} />;
  return <Caseload />;
}
