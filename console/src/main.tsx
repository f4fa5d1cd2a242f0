// The DSFR without its 1,000-icon utility sheet: the console uses none of the fr-icon-* classes.
import '@codegouvfr/react-dsfr/dsfr/dsfr.min.css';
import './console.css';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { Link } from './router';

// The CSP allows no inline style but this response's nonce (console/bff/security.ts).
const nonce = document.querySelector<HTMLMetaElement>('meta[name="hub-style-nonce"]')?.content;
startReactDsfr({ defaultColorScheme: 'light', Link, ...(nonce && !nonce.startsWith('__') ? { nonce } : {}) });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
