import type { Demarche, Problem } from '../../engine';
import { targetOf, type Target } from '../pointerSelection';
import { describeSelection } from './describeTarget';

export interface LintPanelProps {
  definition: Demarche;
  problems: readonly Problem[];
  /** Clicking a problem: the tab and the part it is about. */
  onGo: (target: Target) => void;
}

/**
 * What the linter says of the draft, live: each problem in French, with where it is; a click takes
 * the designer to the field, pièce, state or transition concerned.
 */
export function LintPanel({ definition, problems, onGo }: LintPanelProps) {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <section className="designer-lint fr-p-2w fr-mb-2w" aria-labelledby="designer-lint-title">
      <h2 id="designer-lint-title" className="fr-h6 fr-mb-1w">Vérifications</h2>
      <p className="fr-text--sm fr-mb-1w" role="status" aria-live="polite">
        {problems.length === 0
          ? 'Aucun problème : la démarche peut être publiée.'
          : `${errors.length} erreur${errors.length > 1 ? 's' : ''} bloquant${errors.length > 1 ? 'es' : 'e'} la publication, ${warnings.length} avertissement${warnings.length > 1 ? 's' : ''}.`}
      </p>
      {problems.length > 0 && (
        <ul className="designer-lint__list">
          {problems.map((p, i) => {
            const target = targetOf(definition, p.pointer);
            const where = describeSelection(definition, target.selection);
            return (
              <li key={`${p.pointer}-${p.rule}-${i}`}>
                <button type="button" className={`designer-lint__problem designer-lint__problem--${p.severity}`} onClick={() => onGo(target)}>
                  <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${p.severity === 'error' ? 'fr-badge--error' : 'fr-badge--warning'}`}>
                    {p.severity === 'error' ? 'Erreur' : 'Avertissement'}
                  </span>{' '}
                  {p.message}
                  {where && <span className="designer-lint__where"> — {where}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
