import { useState, type ChangeEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, post, put } from '../../ui/api';
import { parseDefinitionFile } from '../definitionFile';
import { DesignError } from '../model';

/**
 * Importing a definition file: a new démarche becomes a draft; for a known one, the file replaces
 * its draft (the published versions do not change until the next publication).
 */
export function ImportDefinition({ known, onImported }: { known: ReadonlySet<string>; onImported: () => void }) {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const definition = parseDefinitionFile(await file.text());
      if (known.has(definition.id)) await put(`/api/demarches/${encodeURIComponent(definition.id)}/draft`, definition);
      else await post('/api/demarches', definition);
      onImported();
      navigate(`/conception/${encodeURIComponent(definition.id)}`);
    } catch (err) {
      setError(err instanceof DesignError || err instanceof ApiError ? err.message : 'Le fichier n’a pas pu être importé.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fr-p-3w designer-inspector">
      <h2 className="fr-h5">Importer une définition</h2>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      <div className="fr-upload-group">
        <label className="fr-label" htmlFor="import-definition">
          Fichier JSON d’une démarche
          <span className="fr-hint-text">Une démarche nouvelle devient un brouillon ; une démarche existante voit son brouillon remplacé par le fichier.</span>
        </label>
        <input className="fr-upload" type="file" id="import-definition" accept="application/json,.json" disabled={busy} onChange={(e) => { void read(e); }} />
      </div>
    </div>
  );
}
