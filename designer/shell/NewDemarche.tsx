import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, post } from '../../ui/api';
import { skeleton, demarcheIdFrom } from '../skeleton';

/** « Nouvelle démarche »: a title, an id made from it (which may be changed), and a skeleton to start from. */
export function NewDemarche({ onCreated }: { onCreated: () => void }) {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const effectiveId = idTouched ? id : demarcheIdFrom(title);

  const create = async () => {
    if (!title.trim()) { setError('Donnez un titre à la démarche.'); return; }
    setBusy(true);
    setError(null);
    try {
      await post('/api/demarches', skeleton(title.trim(), effectiveId));
      onCreated();
      navigate(`/conception/${encodeURIComponent(effectiveId)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Le serveur ne répond pas : réessayez.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="fr-p-3w designer-inspector" aria-labelledby="nouvelle-demarche-titre" onSubmit={(e) => { e.preventDefault(); void create(); }}>
      <h2 id="nouvelle-demarche-titre" className="fr-h5">Nouvelle démarche</h2>
      <p className="fr-text--sm">Elle commence par un formulaire d’une page et un parcours minimal (déposée, puis acceptée ou refusée), que vous modifierez.</p>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="nouvelle-demarche-libelle">Titre de la démarche<span className="fr-hint-text">Tel que les usagers le liront, par exemple « Demande de copie d’acte de naissance ».</span></label>
        <input className="fr-input" id="nouvelle-demarche-libelle" value={title} onChange={(e) => setTitle(e.target.value)} required />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="nouvelle-demarche-id">Identifiant<span className="fr-hint-text">Dans les adresses ; il ne changera plus. Lettres minuscules sans accent, chiffres et « - ».</span></label>
        <input className="fr-input" id="nouvelle-demarche-id" value={effectiveId} spellCheck={false} onChange={(e) => { setIdTouched(true); setId(e.target.value); }} />
      </div>
      <button type="submit" className="fr-btn fr-icon-add-line fr-btn--icon-left" disabled={busy}>{busy ? 'Création…' : 'Créer la démarche'}</button>
    </form>
  );
}
