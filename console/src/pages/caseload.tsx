import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState, type FormEvent } from 'react';
import { execute, type HubError } from '../api';
import { graphql } from '../graphql';
import type { CaseStatus, CaseloadQuery } from '../graphql/graphql';
import { plural } from '../format';
import { CASE_STATUS, label } from '../labels';
import { Refusals } from '../refusals';
import { Link } from '../router';
import { useCaller } from '../session';

const Caseload = graphql(`
  query Caseload($filter: YoungFilter, $first: Int!, $after: String) {
    youngs(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        id
        firstName
        lastName
        age
        bassin {
          code
          name
        }
        sieiListings {
          campaign
        }
        psadCases {
          id
          status
          followerName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PAGE_SIZE = 20;

interface Filter {
  territory: string;
  caseStatus: string;
  campaign: string;
  name: string;
}

/** The PSAD coordinator's caseload: the people of their perimeter, filtered and paged. */
export default function CaseloadPage() {
  const caller = useCaller();
  const [draft, setDraft] = useState<Filter>({ territory: '', caseStatus: '', campaign: '', name: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  // The cursors of the pages before this one: "previous" pops one.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [answer, setAnswer] = useState<{ data: CaseloadQuery | null; errors: HubError[] } | null>(null);

  const after = cursors[cursors.length - 1];
  useEffect(() => {
    document.title = 'Jeunes suivis — Console FOQUALE / PSAD';
    let current = true;
    setAnswer(null);
    void execute(Caseload, {
      first: PAGE_SIZE,
      after,
      filter: {
        territory: filter.territory || null,
        caseStatus: (filter.caseStatus || null) as CaseStatus | null,
        campaign: filter.campaign.trim() || null,
        name: filter.name.trim() || null,
      },
    }).then((result) => current && setAnswer(result));
    return () => {
      current = false;
    };
  }, [filter, after]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCursors([null]);
    setFilter(draft);
  };

  const youngs = answer?.data?.youngs;
  const page = cursors.length;
  return (
    <>
      <h1>Jeunes suivis</h1>
      <form
        onSubmit={submit}
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
        role="search"
      >
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Territoire"
            nativeSelectProps={{
              value: draft.territory,
              onChange: (event) => setDraft({ ...draft, territory: event.target.value }),
            }}
          >
            <option value="">Tous mes bassins</option>
            {caller.territories.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Statut du dossier"
            nativeSelectProps={{
              value: draft.caseStatus,
              onChange: (event) => setDraft({ ...draft, caseStatus: event.target.value }),
            }}
          >
            <option value="">Tous</option>
            {Object.entries(CASE_STATUS).map(([code, text]) => (
              <option key={code} value={code}>
                {text}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Input
            label="Campagne SIEI"
            hintText="ex. 2026-S2"
            nativeInputProps={{
              value: draft.campaign,
              onChange: (event) => setDraft({ ...draft, campaign: event.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Input
            label="Nom"
            nativeInputProps={{
              value: draft.name,
              onChange: (event) => setDraft({ ...draft, name: event.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Button type="submit">Filtrer</Button>
        </div>
      </form>

      {answer && <Refusals errors={answer.errors} />}
      {!answer && <p>Chargement…</p>}
      {youngs && (
        <>
          <p aria-live="polite" data-testid="caseload-count">
            {plural(youngs.totalCount, 'jeune', 'jeunes')} — page {page}
          </p>
          <Table
            caption="Jeunes de votre périmètre"
            headers={['Nom', 'Âge', 'Bassin', 'Campagnes SIEI', 'Dossier PSAD', 'Suivi par']}
            data={youngs.nodes.map((young) => {
              const current = young.psadCases?.[young.psadCases.length - 1];
              return [
                <Link key="name" href={`/jeunes/${encodeURIComponent(young.id)}`}>
                  {young.lastName ?? '—'} {young.firstName ?? ''}
                </Link>,
                young.age ?? '—',
                young.bassin?.name ?? '—',
                (young.sieiListings ?? []).map((listing) => listing.campaign).join(', ') || '—',
                current ? label(CASE_STATUS, current.status) : 'Aucun',
                current?.followerName ?? '—',
              ];
            })}
          />
          <nav className="fr-btns-group fr-btns-group--inline" aria-label="Pages">
            <Button
              priority="secondary"
              disabled={page === 1}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Page précédente
            </Button>
            <Button
              priority="secondary"
              disabled={!youngs.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, youngs.pageInfo.endCursor ?? null])}
            >
              Page suivante
            </Button>
          </nav>
        </>
      )}
    </>
  );
}
