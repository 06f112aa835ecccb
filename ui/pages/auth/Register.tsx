import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, useSession } from '../../api';

interface Field {
  name: 'givenName' | 'familyName' | 'email' | 'password';
  label: string;
  hint?: string;
  type: string;
  autoComplete: string;
}

const FIELDS: Field[] = [
  { name: 'givenName', label: 'Prénom', type: 'text', autoComplete: 'given-name' },
  { name: 'familyName', label: 'Nom', type: 'text', autoComplete: 'family-name' },
  { name: 'email', label: 'Adresse e-mail', hint: 'Format attendu : nom@domaine.fr', type: 'email', autoComplete: 'email' },
  { name: 'password', label: 'Mot de passe', hint: '12 caractères au minimum.', type: 'password', autoComplete: 'new-password' },
];

/** A citizen creates their account; field errors come from the API and sit under their field. */
export default function Register() {
  const { register } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState({ givenName: '', familyName: '', email: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      await register(values);
      navigate('/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        setGeneral(e.problem.detail);
        setErrors(Object.fromEntries((e.problem.errors ?? []).map((x) => [x.pointer.slice(1), x.message])));
      } else setGeneral('L’inscription a échoué : réessayez.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Créer un compte</h1>
        <p>Votre compte vous permet de déposer vos démarches et de suivre vos dossiers.</p>
        {general && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert"><p>{general}</p></div>}
        <form onSubmit={submit} noValidate>
          {FIELDS.map((f) => {
            const error = errors[f.name];
            const describedBy = [f.hint ? `${f.name}-hint` : '', error ? `${f.name}-error` : ''].filter(Boolean).join(' ') || undefined;
            return (
              <div key={f.name} className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
                <label className="fr-label" htmlFor={f.name}>
                  {f.label}
                  {f.hint && <span className="fr-hint-text" id={`${f.name}-hint`}>{f.hint}</span>}
                </label>
                <input
                  className={`fr-input${error ? ' fr-input--error' : ''}`} id={f.name} name={f.name} type={f.type} autoComplete={f.autoComplete} required
                  aria-describedby={describedBy} aria-invalid={error ? true : undefined}
                  value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                />
                {error && <p className="fr-error-text" id={`${f.name}-error`}>{error}</p>}
              </div>
            );
          })}
          <button className="fr-btn" type="submit" disabled={busy}>Créer mon compte</button>
        </form>
      </div>
    </div>
  );
}
