import { useEffect, useRef, useState } from 'react';
import type { Demarche } from '../../engine';
import type { Selection } from '../selection';
import { AddStateForm } from './AddStateForm';
import { StateInspector } from './StateInspector';
import { TransitionInspector } from './TransitionInspector';

interface Props {
  definition: Demarche;
  selection: Selection;
  onChange: (next: Demarche) => void;
  onSelect: (selection: Selection) => void;
  /** A group asked for a new sub-state from the drawing. */
  addingChild: string | null;
  onAddingChildDone: () => void;
}

/** The panel beside the drawing: adds a top-level state, and edits the selected state or transition. */
export function Inspector({ definition, selection, onChange, onSelect, addingChild, onAddingChildDone }: Props) {
  const [adding, setAdding] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const key = JSON.stringify(selection);
  useEffect(() => {
    panel.current?.scrollTo?.({ top: 0 });
  }, [key]);
  return (
    <aside className="gw-inspector" aria-labelledby="inspecteur-panneau" ref={panel}>
      <h2 className="fr-sr-only" id="inspecteur-panneau">Inspecteur du parcours</h2>
      <div className="gw-inspector__add">
        {!adding
          ? <button type="button" className="fr-btn fr-btn--sm fr-icon-add-line fr-btn--icon-left" onClick={() => setAdding(true)}>Ajouter une étape</button>
          : (
            <>
              <AddStateForm definition={definition} parentPath="" onChange={onChange} onSelect={onSelect} buttonLabel="Ajouter l’étape" autoFocus onDone={() => setAdding(false)} />
              <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" onClick={() => setAdding(false)}>Fermer</button>
            </>
          )}
      </div>
      {selection?.kind === 'state' && (
        <StateInspector key={selection.path} definition={definition} path={selection.path} onChange={onChange} onSelect={onSelect}
          addingChild={addingChild === selection.path} onAddingChildDone={onAddingChildDone} />
      )}
      {selection?.kind === 'transition' && (
        <TransitionInspector key={key} definition={definition} transitionRef={selection.ref} onChange={onChange} onSelect={onSelect} />
      )}
      {(!selection || (selection.kind !== 'state' && selection.kind !== 'transition')) && (
        <p className="fr-text--sm fr-mt-2w">
          Sélectionnez une étape ou une transition sur le schéma (clic, ou Tab puis Entrée) pour la modifier ici.
          Pour relier deux étapes, tirez depuis le point bas d’une étape vers une autre, ou utilisez « Ajouter une transition » dans l’inspecteur de l’étape.
        </p>
      )}
    </aside>
  );
}
