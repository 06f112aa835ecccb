import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, useSession } from '../../api';

/** Where each kind of user starts once signed in. */
export function homeOf(roles: string[]): string {
  if (roles.includes('procedures')) return '/conception';
  if (roles.includes('manager')) return '/pilotage';
  if (roles.some((r) => ['accueil', 'agent', 'expert', 'responsable', 'elu'].includes(r))) return '/agent';
  return '/mes-dossiers';
}

/** Sign-in: e-mail and password; errors said in words, next to the form. */
export default function Login() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(email, password);
      navigate(params.get('retour') || homeOf(user.roles), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : 'La connexion a échoué : réessayez.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Se connecter</h1>
        <form onSubmit={submit} noValidate>
          <fieldset className="fr-fieldset" aria-labelledby="connexion-legende">
            <legend className="fr-fieldset__legend" id="connexion-legende">Vos identifiants</legend>
            {error && (
              <div className="fr-fieldset__element">
                <div className="fr-alert fr-alert--error fr-alert--sm" role="alert"><p>{error}</p></div>
              </div>
            )}
            <div className="fr-fieldset__element">
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="email">Adresse e-mail<span className="fr-hint-text">Format attendu : nom@domaine.fr</span></label>
                <input className="fr-input" id="email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
              </div>
            </div>
            <div className="fr-fieldset__element">
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="password">Mot de passe</label>
                <input className="fr-input" id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
              </div>
            </div>
            <div className="fr-fieldset__element">
              <button className="fr-btn" type="submit" disabled={busy}>Se connecter</button>
            </div>
          </fieldset>
        </form>
        <p>Pas encore de compte ? <Link to="/inscription">Créer un compte</Link></p>
      </div>
    </div>
  );
}
