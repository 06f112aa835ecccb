import { formatDateTime } from '../../ui/forms';
import type { SaveStatus } from './useDraft';

/** Where the draft stands, said politely to screen readers as it changes. */
export function SaveStatusLine({ status, onReload }: { status: SaveStatus; onReload: () => void }) {
  if (status.kind === 'conflit') {
    return (
      <div className="fr-alert fr-alert--warning fr-alert--sm" role="alert">
        <p>{status.message}</p>
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" onClick={onReload}>Recharger le brouillon (vos changements seront perdus)</button>
      </div>
    );
  }
  if (status.kind === 'erreur') return <div className="fr-alert fr-alert--error fr-alert--sm" role="alert"><p>{status.message}</p></div>;
  const text = status.kind === 'enregistrement' ? 'Enregistrement…'
    : status.kind === 'modifie' ? 'Modifications non enregistrées'
      : status.at ? `Brouillon enregistré (${formatDateTime(status.at)})` : 'Aucun changement';
  return <p className="fr-text--sm fr-mb-0 designer-status" role="status" aria-live="polite">{text}</p>;
}
