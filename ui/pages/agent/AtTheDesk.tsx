import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, get, post, type Api } from '../../api';
import { DemarcheForm } from '../../forms';
import { useCatalogue } from '../shared';
import './agent.css';

interface Citizen {
  email: string;
  givenName: string;
  familyName: string;
}

type CitizenErrors = Partial<Record<keyof Citizen | 'demarche', string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkCitizen(demarche: string, c: Citizen): CitizenErrors {
  const errors: CitizenErrors = {};
  if (!demarche) errors.demarche = 'Choisissez la démarche.';
  if (!c.email.trim()) errors.email = 'Indiquez l’adresse e-mail de l’usager.';
  else if (!EMAIL.test(c.email.trim())) errors.email = 'L’adresse e-mail n’est pas valide : elle s’écrit nom@domaine.fr.';
  if (!c.givenName.trim()) errors.givenName = 'Indiquez le prénom de l’usager.';
  if (!c.familyName.trim()) errors.familyName = 'Indiquez le nom de l’usager.';
  return errors;
}

/**
 * At the desk: an agent files a dossier for a citizen who came in person. First the démarche and
 * who the citizen is (their account is found by e-mail, or created), then the démarche's form;
 * once filed, the dossier's page, where the pièces brought can be scanned and attached.
 */
export default function AtTheDesk() {
  const navigate = useNavigate();
  const catalogue = useCatalogue();
  const [step, setStep] = useState<'usager' | 'formulaire'>('usager');
  const [demarche, setDemarche] = useState('');
  const [citizen, setCitizen] = useState<Citizen>({ email: '', givenName: '', familyName: '' });
  const [errors, setErrors] = useState<CitizenErrors>({});
  const [data, setData] = useState<Record<string, unknown>>({});
  const [submitting, setSubmitting] = useState(false);
  const [serverErrors, setServerErrors] = useState<Api.FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  // One key per filing: a retry after a network failure does not file the dossier twice.
  const idempotencyKey = useRef(crypto.randomUUID());
  const ids = { demarche: useId(), email: useId(), givenName: useId(), familyName: useId(), legend: useId() };

  const definition = useQuery({
    queryKey: ['demarche', demarche],
    queryFn: () => get<Api.Demarche>(`/api/demarches/${demarche}`).then((r) => r.definition),
    enabled: !!demarche,
    staleTime: 60_000,
  });
  const title = catalogue.data?.find((d) => d.id === demarche)?.title ?? demarche;

  function next(e: FormEvent) {
    e.preventDefault();
    const found = checkCitizen(demarche, citizen);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setFailure(null);
    setStep('formulaire');
    requestAnimationFrame(() => document.getElementById('formulaire-titre')?.focus());
  }

  async function submit(formData: Record<string, unknown>) {
    setSubmitting(true);
    setServerErrors([]);
    setFailure(null);
    try {
      const onBehalfOf = { email: citizen.email.trim(), givenName: citizen.givenName.trim(), familyName: citizen.familyName.trim() };
      const dossier = await post<Api.Dossier>('/api/dossiers', { demarche, data: formData, onBehalfOf }, { 'Idempotency-Key': idempotencyKey.current });
      navigate(`/agent/dossiers/${dossier.id}?onglet=pieces`, {
        state: { flash: `Le dossier ${dossier.reference} est déposé pour ${onBehalfOf.givenName} ${onBehalfOf.familyName} (${onBehalfOf.email}). Numérisez et joignez ci-dessous les pièces apportées.` },
      });
    } catch (e) {
      if (e instanceof ApiError) {
        // Refused: the corrected filing is another request.
        idempotencyKey.current = crypto.randomUUID();
        const citizenErrors: CitizenErrors = {};
        const formErrors: Api.FieldError[] = [];
        for (const err of e.problem.errors ?? []) {
          const m = /^\/onBehalfOf\/(email|givenName|familyName)$/.exec(err.pointer);
          if (m) citizenErrors[m[1] as keyof Citizen] = err.message;
          else formErrors.push({ ...err, pointer: err.pointer.replace(/^\/data(?=\/|$)/, '') });
        }
        if (e.status === 409) citizenErrors.email = e.problem.detail;
        if (Object.keys(citizenErrors).length > 0) {
          setErrors(citizenErrors);
          setStep('usager');
          requestAnimationFrame(() => summary.current?.focus());
        }
        setServerErrors(formErrors);
        setFailure(e.problem.detail);
      } else {
        setFailure('Le serveur ne répond pas : vérifiez la connexion et réessayez. Le formulaire saisi est conservé.');
      }
    } finally {
      setSubmitting(false);
    }
  }

  const errorList = Object.entries(errors).filter(([, v]) => v) as [keyof CitizenErrors, string][];
  const field = (key: keyof Citizen, label: string, hint: string | null, type: string, autoComplete: string) => (
    <div className="fr-fieldset__element">
      <div className={`fr-input-group${errors[key] ? ' fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor={ids[key]}>
          {label}
          {hint && <span className="fr-hint-text">{hint}</span>}
        </label>
        <input
          className={`fr-input${errors[key] ? ' fr-input--error' : ''}`} id={ids[key]} type={type} autoComplete={autoComplete}
          value={citizen[key]} onChange={(e) => setCitizen({ ...citizen, [key]: e.target.value })}
          aria-invalid={!!errors[key] || undefined} aria-describedby={errors[key] ? `${ids[key]}-erreur` : undefined}
        />
        {errors[key] && <p className="fr-error-text" id={`${ids[key]}-erreur`}>{errors[key]}</p>}
      </div>
    </div>
  );

  return (
    <>
      <h1>Déposer un dossier au guichet</h1>
      <p className="fr-text--lead">Pour un usager venu en personne : vous remplissez la demande avec lui, elle est ensuite dans son espace comme s’il l’avait déposée en ligne.</p>

      {failure && step === 'formulaire' && serverErrors.length === 0 && (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>{failure}</p></div>
      )}

      {step === 'usager' ? (
        <form onSubmit={next} noValidate className="guichet-desk" aria-labelledby="usager-titre">
          <h2 id="usager-titre">1. La démarche et l’usager</h2>
          {errorList.length > 0 && (
            <div ref={summary} tabIndex={-1} className="fr-alert fr-alert--error fr-mb-3w" role="alert">
              <h3 className="fr-alert__title">Vérifiez les informations suivantes</h3>
              <ul>
                {errorList.map(([key, message]) => (
                  <li key={key}><a href={`#${ids[key]}`} onClick={(e) => { e.preventDefault(); document.getElementById(ids[key])?.focus(); }}>{message}</a></li>
                ))}
              </ul>
            </div>
          )}
          <div className={`fr-select-group${errors.demarche ? ' fr-select-group--error' : ''}`}>
            <label className="fr-label" htmlFor={ids.demarche}>Démarche</label>
            <select
              className={`fr-select${errors.demarche ? ' fr-select--error' : ''}`} id={ids.demarche} value={demarche}
              onChange={(e) => { setDemarche(e.target.value); setData({}); setServerErrors([]); }}
              aria-invalid={!!errors.demarche || undefined} aria-describedby={errors.demarche ? `${ids.demarche}-erreur` : undefined}
            >
              <option value="" disabled>Choisir la démarche</option>
              {(catalogue.data ?? []).map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
            </select>
            {errors.demarche && <p className="fr-error-text" id={`${ids.demarche}-erreur`}>{errors.demarche}</p>}
          </div>
          <fieldset className="fr-fieldset fr-mt-3w" aria-labelledby={ids.legend}>
            <legend className="fr-fieldset__legend" id={ids.legend}>
              L’usager
              <span className="fr-hint-text">Son compte est retrouvé par son adresse e-mail, ou créé : il pourra suivre son dossier en ligne.</span>
            </legend>
            {field('email', 'Adresse e-mail de l’usager', 'Format attendu : nom@domaine.fr', 'email', 'off')}
            {field('givenName', 'Prénom de l’usager', null, 'text', 'off')}
            {field('familyName', 'Nom de l’usager', null, 'text', 'off')}
          </fieldset>
          <button type="submit" className="fr-btn fr-icon-arrow-right-line fr-btn--icon-right">Continuer vers le formulaire</button>
        </form>
      ) : (
        <section aria-labelledby="formulaire-titre">
          <div className="fr-callout fr-mb-3w">
            <h2 className="fr-callout__title" id="formulaire-titre" tabIndex={-1}>2. Le formulaire, pour {citizen.givenName} {citizen.familyName}</h2>
            <p className="fr-callout__text">{citizen.email} · {title}</p>
            <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => setStep('usager')}>Modifier la démarche ou l’usager</button>
          </div>
          {definition.isLoading && <p role="status">Chargement du formulaire…</p>}
          {definition.isError && <div className="fr-alert fr-alert--error" role="alert"><p>Le formulaire de la démarche n’a pas pu être chargé.</p></div>}
          {definition.data && (
            <DemarcheForm
              definition={definition.data}
              data={data}
              onChange={setData}
              onSubmit={(d) => void submit(d)}
              submitting={submitting}
              submitLabel="Déposer le dossier"
              idPrefix="guichet"
              serverErrors={serverErrors}
            />
          )}
        </section>
      )}
    </>
  );
}
