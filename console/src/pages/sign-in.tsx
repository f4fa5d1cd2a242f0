import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useState, type FormEvent } from 'react';
import { post } from '../api';
import { label, ROLE } from '../labels';
import { useSession } from '../session';

interface Bassin {
  code: string;
  name: string;
}

/**
 * Outside production, a development sign-in: the BFF mints a token with the development issuer key
 * for the role, bassins and organisation chosen here. In production, sign-in is the identity
 * provider's (ProConnect), not this form.
 */
export default function SignIn() {
  const { developmentSignIn, refresh } = useSession();
  const [bassins, setBassins] = useState<Bassin[]>([]);
  const [role, setRole] = useState('psad-coordinator');
  const [territory, setTerritory] = useState('38-GRE');
  const [org, setOrg] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void fetch('/api/bassins', { credentials: 'same-origin' })
      .then((response) => (response.ok ? (response.json() as Promise<Bassin[]>) : []))
      .then(setBassins);
  }, []);

  useEffect(() => {
    document.title = 'Connexion — Console FOQUALE / PSAD';
  }, []);

  if (!developmentSignIn) {
    return (
      <>
        <h1>Connexion</h1>
        <Alert
          severity="warning"
          title="Connexion indisponible"
          description="La connexion par ProConnect n’est pas encore configurée sur ce hub. Adressez-vous à son équipe d’exploitation."
        />
      </>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const response = await post('/api/session/development', {
      role,
      territories: territory ? [territory] : [],
      org: org.trim() || undefined,
    });
    setBusy(false);
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? 'La connexion a échoué.');
      return;
    }
    await refresh();
  };

  return (
    <>
      <h1>Connexion de développement</h1>
      <p>
        Ce hub tourne hors production : choisissez qui vous êtes. Le jeton est signé par la clé de
        développement et gardé par le serveur de la console, jamais par le navigateur.
      </p>
      {error && <Alert severity="error" title="Connexion refusée" description={error} className="fr-mb-3w" />}
      <form onSubmit={(event) => void submit(event)} className="fr-col-12 fr-col-md-8">
        <Select
          label="Rôle"
          nativeSelectProps={{ value: role, onChange: (event) => setRole(event.target.value), name: 'role' }}
        >
          {Object.keys(ROLE).map((code) => (
            <option key={code} value={code}>
              {label(ROLE, code)}
            </option>
          ))}
        </Select>
        <Select
          label="Bassin"
          hint="Le territoire que vous couvrez"
          nativeSelectProps={{
            value: territory,
            onChange: (event) => setTerritory(event.target.value),
            name: 'territory',
          }}
        >
          <option value="">Aucun (jeune, DPO)</option>
          {bassins.map((bassin) => (
            <option key={bassin.code} value={bassin.code}>
              {bassin.name} ({bassin.code})
            </option>
          ))}
        </Select>
        <Input
          label="Organisation"
          hintText="Code de votre organisation ; par défaut, la PSAD du bassin pour un coordinateur (PSAD-38-GRE)"
          nativeInputProps={{ value: org, onChange: (event) => setOrg(event.target.value), name: 'org' }}
        />
        <Button type="submit" disabled={busy}>
          Se connecter
        </Button>
      </form>
    </>
  );
}
