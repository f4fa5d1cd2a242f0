import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { HubError } from './api';
import { CATEGORY, label, PARTNER, REFUSAL_REASON } from './labels';

/**
 * What the hub refused or could not get, said on the page: a withheld category shows as withheld,
 * with its reason; a partner that did not answer is named. The console never hides a refusal.
 */
export function Refusals({ errors }: { errors: HubError[] }) {
  const withheld = unique(
    errors
      .filter((error) => error.extensions?.code === 'FORBIDDEN')
      .map((error) => {
        const category = error.extensions?.category;
        const reason = label(REFUSAL_REASON, error.extensions?.reason);
        const where = error.path
          ? ` (${error.path.filter((step) => typeof step === 'string').join(' › ')})`
          : '';
        return category ? `${label(CATEGORY, category)} : ${reason}${where}` : `${reason}${where}`;
      }),
  );
  const missing = unique(
    errors
      .filter((error) => error.extensions?.code === 'PARTNER_UNAVAILABLE')
      .map((error) => label(PARTNER, error.extensions?.partner)),
  );
  const other = unique(
    errors
      .filter((error) => !['FORBIDDEN', 'PARTNER_UNAVAILABLE'].includes(error.extensions?.code ?? ''))
      .map((error) => error.message),
  );
  return (
    <>
      {withheld.length > 0 && (
        <Alert
          severity="info"
          title="Informations retenues"
          className="fr-mb-3w"
          description={
            <ul data-testid="withheld">
              {withheld.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      )}
      {missing.length > 0 && (
        <Alert
          severity="warning"
          title="Partenaire indisponible"
          className="fr-mb-3w"
          description={`Ces partenaires n’ont pas répondu ; leurs données manquent : ${missing.join(', ')}.`}
        />
      )}
      {other.length > 0 && (
        <Alert severity="error" title="Erreur" className="fr-mb-3w" description={other.join(' ')} />
      )}
    </>
  );
}

/** Withheld, with its reason, in place of a value the caller may not see. */
export function Withheld({ errors, field }: { errors: HubError[]; field: string }) {
  const refusal = errors.find(
    (error) => error.extensions?.code === 'FORBIDDEN' && error.path?.includes(field),
  );
  if (!refusal) return <>—</>;
  return (
    <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">
      Retenu : {label(REFUSAL_REASON, refusal.extensions?.reason)}
    </span>
  );
}

function unique(lines: string[]): string[] {
  return [...new Set(lines)];
}
