import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, get, type Api } from '../../api';

/**
 * Opens a dossier by the reference a citizen quotes at the desk or over the phone; the server
 * accepts it as typed (lower case, spaces, an O for a 0) and finds only dossiers the agent may see.
 */
export function FindByReference() {
  const navigate = useNavigate();
  const ids = { input: useId(), hint: useId(), error: useId() };
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);

  async function open(e: FormEvent) {
    e.preventDefault();
    if (!reference.trim()) {
      setError('Saisissez la référence du dossier, par exemple RC-2026-WNAR9.');
      return;
    }
    setSearching(true);
    try {
      const dossier = await get<Api.Dossier>(`/api/dossiers/reference/${encodeURIComponent(reference.trim())}`);
      navigate(`/agent/dossiers/${dossier.id}`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'La recherche n’a pas abouti : vérifiez votre connexion et réessayez.');
      setSearching(false);
    }
  }

  return (
    <form role="search" aria-label="Ouvrir un dossier par sa référence" className="fr-mb-3w" onSubmit={open} noValidate>
      <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor={ids.input}>
          Ouvrir un dossier par sa référence
          <span className="fr-hint-text" id={ids.hint}>Celle que donne l’usager, par exemple RC-2026-WNAR9.</span>
        </label>
        <div className="guichet-find">
          <input
            className={`fr-input${error ? ' fr-input--error' : ''}`} id={ids.input} value={reference} autoComplete="off" spellCheck={false}
            aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint} aria-invalid={error ? true : undefined}
            onChange={(e) => { setReference(e.target.value); setError(null); }}
          />
          <button type="submit" className="fr-btn fr-icon-search-line fr-btn--icon-left" disabled={searching}>Ouvrir</button>
        </div>
        {error && <p className="fr-error-text" id={ids.error}>{error}</p>}
      </div>
    </form>
  );
}
