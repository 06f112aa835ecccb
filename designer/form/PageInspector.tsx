import { useState } from 'react';
import type { Demarche } from '../../engine';
import { edit, removePage, renamePage } from '../model';
import type { Selection } from '../selection';
import { tryEdit } from './apply';

export interface PageInspectorProps {
  definition: Demarche;
  pageId: string;
  onChange: (next: Demarche, group?: string) => void;
  onSelect: (selection: Selection) => void;
}

/** A page of the form: its title, its introduction, and removing it once it is empty. */
export function PageInspector({ definition, pageId, onChange, onSelect }: PageInspectorProps) {
  const page = definition.form.pages?.find((p) => p.id === pageId);
  const [error, setError] = useState<string | null>(null);
  if (!page) return null;
  const describe = (text: string) => edit(definition, (d) => {
    const p = d.form.pages!.find((x) => x.id === pageId)!;
    if (text) p.description = text;
    else delete p.description;
  });
  return (
    <section className="designer-inspector" aria-labelledby="page-inspecteur-titre">
      <h3 id="page-inspecteur-titre" className="fr-h5">Page « {page.title} »</h3>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="page-titre">Titre de la page</label>
        <input className="fr-input" id="page-titre" value={page.title} onChange={(e) => onChange(renamePage(definition, pageId, e.target.value), `page:${pageId}:title`)} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="page-description">Introduction (facultatif)</label>
        <textarea className="fr-input" id="page-description" rows={2} value={page.description ?? ''} onChange={(e) => onChange(describe(e.target.value), `page:${pageId}:description`)} />
      </div>
      <button
        type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left"
        onClick={() => {
          const result = tryEdit(() => removePage(definition, pageId));
          setError(result.error ?? null);
          if (result.definition) { onChange(result.definition); onSelect(null); }
        }}
      >
        Supprimer la page
      </button>
    </section>
  );
}
