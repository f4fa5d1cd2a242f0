import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { execute, idempotencyKey, type Answer, type HubError } from '../api';
import { formatDateTime, formatDay, nowIso, plural } from '../format';
import type {
  CaseStatus,
  ContactChannel,
  ContactOutcome,
  PersonPageQuery,
  SuggestionsQuery,
  TypedDocumentString,
} from '../graphql/graphql';
import { CASE_STATUS, CHANNEL, label, OUTCOME, PARTNER } from '../labels';
import { Refusals, Withheld } from '../refusals';
import { Link } from '../router';
import {
  OpenCase,
  PersonPage as PersonQuery,
  RecordContact,
  ReserveAgriculture,
  ReserveCfa,
  ReserveE2c,
  ReserveEducationNationale,
  ReserveMissionsLocales,
  Suggestions,
  TransitionCase,
} from './person-documents';

type Young = NonNullable<PersonPageQuery['young']>;
type PsadCase = NonNullable<Young['psadCases']>[number];
type Suggestion = NonNullable<NonNullable<SuggestionsQuery['young']>['suggestedOffers']>[number];

/** Feedback after a write: what was done, or why not. */
interface Notice {
  severity: 'success' | 'error' | 'warning';
  title: string;
  description: string;
}

/** A person's page: identity, listings, cases, every partner's follow-ups, suggestions, the trajectory. */
export default function PersonPage({ id }: { id: string }) {
  const [answer, setAnswer] = useState<Answer<PersonPageQuery> | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const reload = useCallback(async () => setAnswer(await execute(PersonQuery, { id })), [id]);
  useEffect(() => {
    setAnswer(null);
    void reload();
  }, [reload]);

  const young = answer?.data?.young;
  useEffect(() => {
    document.title = `${young ? `${young.firstName ?? ''} ${young.lastName ?? ''}`.trim() || 'Jeune' : 'Jeune'} — Console FOQUALE / PSAD`;
  }, [young]);

  /** Runs a write, says how it went, and reloads the page's data either way (a conflict needs it). */
  const act = useCallback(
    async (success: string, write: () => Promise<Answer<unknown>>): Promise<boolean> => {
      const result = await write();
      const refusal = result.errors[0];
      setNotice(
        refusal ? noticeFor(refusal) : { severity: 'success', title: 'Enregistré', description: success },
      );
      await reload();
      return !refusal;
    },
    [reload],
  );

  if (!answer) return <p>Chargement…</p>;
  if (!young) {
    return (
      <>
        <Refusals errors={answer.errors} />
        <Alert
          severity="info"
          title="Personne introuvable"
          description="Aucune personne de ce numéro n’est visible pour vous."
        />
        <p className="fr-mt-3w">
          <Link href="/jeunes">Retour à la liste</Link>
        </p>
      </>
    );
  }

  const followUps = [
    ...(young.missionsLocalesFollowUps ?? []),
    ...(young.e2cFollowUps ?? []),
    ...(young.cfaFollowUps ?? []),
    ...(young.agricultureFollowUps ?? []),
  ];
  const reservations = [
    ...(young.educationNationalePlaceReservations ?? []),
    ...(young.missionsLocalesPlaceReservations ?? []),
    ...(young.e2cPlaceReservations ?? []),
    ...(young.cfaPlaceReservations ?? []),
    ...(young.agriculturePlaceReservations ?? []),
  ];
  return (
    <>
      <p>
        <Link href="/jeunes">← Jeunes suivis</Link>
      </p>
      <h1>
        {young.firstName ?? <Withheld errors={answer.errors} field="firstName" />} {young.lastName ?? ''}
      </h1>
      {notice && (
        <Alert
          severity={notice.severity}
          title={notice.title}
          description={notice.description}
          className="fr-mb-3w"
          closable
          onClose={() => setNotice(null)}
        />
      )}
      <Refusals errors={answer.errors} />

      <section className="fr-mb-5w" aria-labelledby="identite">
        <h2 id="identite">Identité</h2>
        <dl className="hub-facts">
          <dt>Né(e) le</dt>
          <dd>{young.birthDate ? `${formatDay(young.birthDate)} (${young.age} ans)` : '—'}</dd>
          <dt>Commune</dt>
          <dd>{young.commune ?? '—'}</dd>
          <dt>Bassin</dt>
          <dd>{young.bassin ? `${young.bassin.name} (${young.bassin.code})` : '—'}</dd>
          <dt>INE</dt>
          <dd>{young.ine ?? <Withheld errors={answer.errors} field="ine" />}</dd>
          <dt>Téléphone</dt>
          <dd>{young.contact?.phone ?? <Withheld errors={answer.errors} field="contact" />}</dd>
          <dt>Courriel</dt>
          <dd>{young.contact?.email ?? '—'}</dd>
        </dl>
      </section>

      <section className="fr-mb-5w" aria-labelledby="reperage">
        <h2 id="reperage">Repérage SIEI</h2>
        {(young.sieiListings ?? []).length === 0 ? (
          <p>Aucune liste SIEI.</p>
        ) : (
          <Table
            caption="Listes SIEI"
            noCaption
            headers={['Campagne', 'Repéré(e) le', 'Dernier établissement', 'Dernière classe']}
            data={(young.sieiListings ?? []).map((listing) => [
              listing.campaign,
              formatDay(listing.detectedOn),
              listing.lastSchoolName,
              listing.lastClass,
            ])}
          />
        )}
      </section>

      <CasesSection young={young} act={act} />

      <section className="fr-mb-5w" aria-labelledby="accompagnements">
        <h2 id="accompagnements">Accompagnements des partenaires</h2>
        {followUps.length === 0 ? (
          <p>Aucun accompagnement visible.</p>
        ) : (
          <Table
            caption="Accompagnements"
            noCaption
            headers={['Partenaire', 'Programme', 'Organisation', 'Ouvert le', 'Statut']}
            data={followUps.map((followUp) => [
              label(PARTNER, followUp.partner),
              followUp.programme,
              followUp.organisation.name,
              formatDay(followUp.openedOn),
              followUp.status === 'OPEN'
                ? 'En cours'
                : `Clos le ${followUp.closedOn ? formatDay(followUp.closedOn) : '—'}`,
            ])}
          />
        )}
        <h3>Places réservées</h3>
        {reservations.length === 0 ? (
          <p>Aucune réservation.</p>
        ) : (
          <ul data-testid="reservations">
            {reservations.map((reservation) => (
              <li key={reservation.id}>
                {reservation.offer.title} ({reservation.offer.provider}) —{' '}
                {reservation.status === 'RESERVED' ? 'réservée' : reservation.status.toLowerCase()} le{' '}
                {formatDateTime(reservation.reservedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <SuggestionsSection youngId={young.id} act={act} />

      <Trajectory events={young.trajectory ?? []} errors={answer.errors} />
    </>
  );
}

type Act = (success: string, write: () => Promise<Answer<unknown>>) => Promise<boolean>;

function CasesSection({ young, act }: { young: Young; act: Act }) {
  const cases = young.psadCases ?? [];
  const openCase = cases.find((psadCase) => !psadCase.closedOn);
  const campaigns = [...new Set((young.sieiListings ?? []).map((listing) => listing.campaign))];
  const [campaign, setCampaign] = useState(campaigns[campaigns.length - 1] ?? '');
  const [key] = useState(idempotencyKey);
  return (
    <section className="fr-mb-5w" aria-labelledby="dossiers">
      <h2 id="dossiers">Dossiers PSAD</h2>
      {cases.map((psadCase) => (
        <CaseCard key={psadCase.id} youngId={young.id} psadCase={psadCase} act={act} />
      ))}
      {!openCase && campaigns.length > 0 && (
        <form
          className="fr-mt-3w"
          onSubmit={(event) => {
            event.preventDefault();
            void act('Le dossier est ouvert.', () =>
              execute(OpenCase, { input: { youngId: young.id, campaign }, key }),
            );
          }}
        >
          <Select
            label="Campagne du dossier à ouvrir"
            nativeSelectProps={{ value: campaign, onChange: (event) => setCampaign(event.target.value) }}
          >
            {campaigns.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </Select>
          <Button type="submit">Ouvrir un dossier</Button>
        </form>
      )}
      {cases.length === 0 && campaigns.length === 0 && <p>Aucun dossier PSAD.</p>}
    </section>
  );
}

function CaseCard({ youngId, psadCase, act }: { youngId: string; psadCase: PsadCase; act: Act }) {
  return (
    <div className="hub-box fr-mb-3w" data-testid="psad-case">
      <div>
        <div>
          <h3 className="fr-h5">
            Dossier {psadCase.campaign} —{' '}
            <span data-testid="case-status">{label(CASE_STATUS, psadCase.status)}</span>
          </h3>
          <p>
            Suivi par {psadCase.followerName}, ouvert le {formatDay(psadCase.openedOn)}
            {psadCase.closedOn ? `, clos le ${formatDay(psadCase.closedOn)}` : ''} (version {psadCase.version}
            )
          </p>
          <h4 className="fr-h6 fr-mt-2w">Prises de contact</h4>
          {psadCase.contacts.length === 0 ? (
            <p>Aucune prise de contact.</p>
          ) : (
            <ul data-testid="contacts">
              {psadCase.contacts.map((contact) => (
                <li key={contact.id}>
                  {formatDateTime(contact.at)} — {label(CHANNEL, contact.channel)} :{' '}
                  {label(OUTCOME, contact.outcome)}
                </li>
              ))}
            </ul>
          )}
          <div className="fr-grid-row fr-grid-row--gutters">
            {!psadCase.closedOn && (
              <div className="fr-col-12 fr-col-md-6">
                <ContactForm youngId={youngId} psadCase={psadCase} act={act} />
              </div>
            )}
            {psadCase.allowedTransitions.length > 0 && (
              <div className="fr-col-12 fr-col-md-6">
                <TransitionForm youngId={youngId} psadCase={psadCase} act={act} />
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function ContactForm({ youngId, psadCase, act }: { youngId: string; psadCase: PsadCase; act: Act }) {
  const [channel, setChannel] = useState<ContactChannel>('PHONE');
  const [outcome, setOutcome] = useState<ContactOutcome>('REACHED');
  const [note, setNote] = useState('');
  const [key, setKey] = useState(idempotencyKey);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await act('La prise de contact est enregistrée.', () =>
      execute(RecordContact, {
        input: { youngId, caseId: psadCase.id, at: nowIso(), channel, outcome, note: note.trim() },
        key,
      }),
    );
    if (done) {
      setNote('');
      setKey(idempotencyKey());
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Enregistrer une prise de contact">
      <h4 className="fr-h6">Enregistrer une prise de contact</h4>
      <Select
        label="Canal"
        nativeSelectProps={{
          value: channel,
          onChange: (event) => setChannel(event.target.value as ContactChannel),
        }}
      >
        {Object.entries(CHANNEL).map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </Select>
      <Select
        label="Résultat"
        nativeSelectProps={{
          value: outcome,
          onChange: (event) => setOutcome(event.target.value as ContactOutcome),
        }}
      >
        {Object.entries(OUTCOME).map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </Select>
      <Input
        label="Note (gardée par la PSAD, jamais partagée)"
        textArea
        nativeTextAreaProps={{
          value: note,
          onChange: (event) => setNote(event.target.value),
          required: true,
        }}
      />
      <Button type="submit">Enregistrer le contact</Button>
    </form>
  );
}

function TransitionForm({ youngId, psadCase, act }: { youngId: string; psadCase: PsadCase; act: Act }) {
  const [to, setTo] = useState<CaseStatus>(psadCase.allowedTransitions[0]);
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(idempotencyKey);
  useEffect(() => setTo(psadCase.allowedTransitions[0]), [psadCase.allowedTransitions]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await act(`Le dossier est passé à « ${label(CASE_STATUS, to)} ».`, () =>
      execute(TransitionCase, {
        input: { youngId, caseId: psadCase.id, to, reason: reason.trim(), expectedVersion: psadCase.version },
        key,
      }),
    );
    if (done) setReason('');
    // A new intent either way: after a conflict the retry is a new request on the reloaded version.
    setKey(idempotencyKey());
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Faire avancer le dossier">
      <h4 className="fr-h6">Faire avancer le dossier</h4>
      <Select
        label="Nouveau statut"
        hint="Seules les étapes permises depuis le statut actuel sont proposées"
        nativeSelectProps={{ value: to, onChange: (event) => setTo(event.target.value as CaseStatus) }}
      >
        {psadCase.allowedTransitions.map((status) => (
          <option key={status} value={status}>
            {label(CASE_STATUS, status)}
          </option>
        ))}
      </Select>
      <Input
        label="Motif"
        nativeInputProps={{
          value: reason,
          onChange: (event) => setReason(event.target.value),
          required: true,
        }}
      />
      <Button type="submit">Changer le statut</Button>
    </form>
  );
}

type ReserveVariables = { input: { youngId: string; offerId: string }; key: string };
const RESERVE: Record<string, TypedDocumentString<unknown, ReserveVariables>> = {
  EDUCATION_NATIONALE: ReserveEducationNationale,
  MISSIONS_LOCALES: ReserveMissionsLocales,
  E2C: ReserveE2c,
  CFA: ReserveCfa,
  AGRICULTURE: ReserveAgriculture,
};

function SuggestionsSection({ youngId, act }: { youngId: string; act: Act }) {
  const [answer, setAnswer] = useState<Answer<SuggestionsQuery> | null>(null);
  const load = useCallback(async () => setAnswer(await execute(Suggestions, { id: youngId })), [youngId]);
  useEffect(() => void load(), [load]);

  const reserve = async (suggestion: Suggestion) => {
    const document = RESERVE[suggestion.offer.partner];
    await act(`Une place est réservée : ${suggestion.offer.title}.`, () =>
      execute(document, { input: { youngId, offerId: suggestion.offer.id }, key: idempotencyKey() }),
    );
    await load();
  };

  const suggestions = answer?.data?.young?.suggestedOffers ?? [];
  return (
    <section className="fr-mb-5w" aria-labelledby="suggestions">
      <h2 id="suggestions">Offres suggérées</h2>
      {!answer && <p>Chargement…</p>}
      {answer && <Refusals errors={answer.errors} />}
      {answer && suggestions.length === 0 && <p>Aucune offre suggérée.</p>}
      <ul className="fr-raw-list" data-testid="suggestions">
        {suggestions.map((suggestion) => (
          <li key={suggestion.offer.id} className="hub-box fr-mb-2w">
            <div>
              <div>
                <h3 className="fr-h5">{suggestion.offer.title}</h3>
                <p>
                  <Badge small noIcon severity="info">
                    {label(PARTNER, suggestion.offer.partner)}
                  </Badge>{' '}
                  {suggestion.offer.provider}, {suggestion.offer.commune} — à partir du{' '}
                  {formatDay(suggestion.offer.startsOn)} —{' '}
                  {plural(suggestion.offer.vacancies, 'place libre', 'places libres')}
                </p>
                <ul>
                  {suggestion.reasons.map((reason) => (
                    <li key={reason.code}>{reason.summary}</li>
                  ))}
                </ul>
                {suggestion.offer.partner in RESERVE && suggestion.offer.vacancies > 0 && (
                  <Button
                    priority="secondary"
                    onClick={() => void reserve(suggestion)}
                    nativeButtonProps={{ 'aria-label': `Réserver une place : ${suggestion.offer.title}` }}
                  >
                    Réserver une place
                  </Button>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

type TrajectoryEvent = NonNullable<Young['trajectory']>[number];

/** The merged trajectory, in time order, each event with its partner; filter by partner. */
function Trajectory({ events, errors }: { events: TrajectoryEvent[]; errors: HubError[] }) {
  const [partner, setPartner] = useState('');
  const partners = useMemo(() => [...new Set(events.map((event) => event.partner))], [events]);
  const shown = partner ? events.filter((event) => event.partner === partner) : events;
  const withheld = errors.filter(
    (error) => error.extensions?.code === 'FORBIDDEN' && error.path?.includes('trajectory'),
  );
  return (
    <section className="fr-mb-5w" aria-labelledby="parcours">
      <h2 id="parcours">Parcours</h2>
      {withheld.length > 0 && (
        <p data-testid="trajectory-withheld">
          Événements retenus :{' '}
          {withheld
            .map(
              (error) =>
                `${error.extensions?.category ?? ''} (${(error.extensions?.partners ?? []).map((code) => label(PARTNER, code)).join(', ')})`,
            )
            .join(' ; ')}
        </p>
      )}
      <Select
        label="Partenaire"
        nativeSelectProps={{ value: partner, onChange: (event) => setPartner(event.target.value) }}
      >
        <option value="">Tous ({events.length})</option>
        {partners.map((code) => (
          <option key={code} value={code}>
            {label(PARTNER, code)} ({events.filter((event) => event.partner === code).length})
          </option>
        ))}
      </Select>
      <ol className="hub-timeline" data-testid="trajectory">
        {shown.map((event) => (
          <li key={event.id}>
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>{' '}
            <Badge small noIcon severity={event.partner === 'PSAD' ? 'new' : 'info'}>
              {label(PARTNER, event.partner)}
            </Badge>{' '}
            <span>{event.summary}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function noticeFor(error: HubError): Notice {
  switch (error.extensions?.code) {
    case 'CONFLICT':
      return {
        severity: 'warning',
        title: 'Le dossier a changé entre-temps',
        description:
          'Quelqu’un l’a modifié pendant que vous le consultiez. La page est rechargée : vérifiez son état et recommencez.',
      };
    case 'ILLEGAL_TRANSITION':
      return {
        severity: 'warning',
        title: 'Étape non permise',
        description: 'Cette étape n’est plus permise depuis le statut actuel. La page est rechargée.',
      };
    case 'NO_VACANCY':
      return {
        severity: 'warning',
        title: 'Plus de place',
        description: 'Il n’y a plus de place libre sur cette offre.',
      };
    case 'BAD_USER_INPUT':
      return {
        severity: 'error',
        title: 'Saisie incomplète ou invalide',
        description:
          (error.extensions.fieldErrors ?? []).map((field) => field.message).join(' ') || error.message,
      };
    case 'FORBIDDEN':
      return { severity: 'error', title: 'Refusé', description: error.message };
    default:
      return { severity: 'error', title: 'Échec', description: error.message };
  }
}
