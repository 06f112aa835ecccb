import type { Demarche } from '../../engine';
import { edit } from '../model';

/** What the catalogue shows of the démarche: its title, summary and rubrique. */
export function GeneralInfo({ definition, onChange }: { definition: Demarche; onChange: (next: Demarche, group?: string) => void }) {
  const set = (key: 'title' | 'summary' | 'category') => (value: string) => onChange(edit(definition, (d) => { d[key] = value; }), `general:${key}`);
  return (
    <details className="designer-general fr-mb-3w">
      <summary className="fr-text--bold">Informations générales (catalogue)</summary>
      <div className="fr-input-group fr-mt-2w">
        <label className="fr-label" htmlFor="demarche-titre">Titre de la démarche</label>
        <input className="fr-input" id="demarche-titre" value={definition.title ?? ''} onChange={(e) => set('title')(e.target.value)} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="demarche-resume">Résumé<span className="fr-hint-text">Une ou deux phrases pour le catalogue.</span></label>
        <textarea className="fr-input" id="demarche-resume" rows={2} value={definition.summary ?? ''} onChange={(e) => set('summary')(e.target.value)} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="demarche-rubrique">Rubrique<span className="fr-hint-text">Par exemple « État civil », « Famille ».</span></label>
        <input className="fr-input" id="demarche-rubrique" value={definition.category ?? ''} onChange={(e) => set('category')(e.target.value)} />
      </div>
    </details>
  );
}
