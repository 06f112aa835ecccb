import { Component, useState, type ReactNode } from 'react';
import type { Demarche } from '../../engine';
import { DemarcheForm } from '../../ui/forms';

/** A definition being edited may be momentarily unrenderable (a half-typed pattern): the preview says so instead of breaking the page. */
class PreviewBoundary extends Component<{ definition: Demarche; children: ReactNode }, { error: string | null; of: Demarche | null }> {
  override state = { error: null as string | null, of: null as Demarche | null };

  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  static getDerivedStateFromProps(props: { definition: Demarche }, state: { error: string | null; of: Demarche | null }) {
    // A new edit: try again.
    return props.definition !== state.of ? { error: null, of: props.definition } : null;
  }

  override render() {
    if (this.state.error) return <div className="fr-alert fr-alert--info fr-alert--sm"><p>L’aperçu ne peut pas afficher le formulaire tel qu’il est : {this.state.error}</p></div>;
    return this.props.children;
  }
}

/** The usager's form as the portal shows it, with the same theme, live as the designer edits. */
export function FormPreview({ definition }: { definition: Demarche }) {
  const [checked, setChecked] = useState(false);
  return (
    <section aria-labelledby="apercu-titre" className="designer-preview">
      <h3 id="apercu-titre" className="fr-h5">Aperçu pour l’usager</h3>
      {checked && <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status"><p>Réponses valides : dans le portail, la demande serait envoyée.</p></div>}
      <PreviewBoundary definition={definition}>
        <DemarcheForm definition={definition} onSubmit={() => setChecked(true)} onChange={() => setChecked(false)} headingLevel={3} idPrefix="apercu" submitLabel="Vérifier mes réponses (aperçu)" />
      </PreviewBoundary>
    </section>
  );
}
