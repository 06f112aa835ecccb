import { useMemo, useState } from 'react';
import type { Demarche } from '../../engine';
import { ConditionBuilder, fieldsOf } from '../../ui/forms';
import type { Selection } from '../selection';
import { numberOrUndefined, tryEdit } from './apply';
import { MEDIA_TYPES, addPiece, removePiece, updatePiece, type Piece } from './pieces';

export interface PiecesProps {
  definition: Demarche;
  selection: Selection;
  onChange: (next: Demarche, group?: string) => void;
  onSelect: (selection: Selection) => void;
}

const MB = 1024 * 1024;

/** The pièces justificatives the usager attaches: the list, and the one selected. */
export function Pieces({ definition, selection, onChange, onSelect }: PiecesProps) {
  const pieces = Object.entries(definition.pieces ?? {});
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const current = selection?.kind === 'piece' ? selection.id : null;
  const add = () => {
    let id = '';
    const result = tryEdit(() => {
      const added = addPiece(definition, label);
      id = added.id;
      return added.definition;
    });
    setError(result.error ?? null);
    if (result.definition) { onChange(result.definition); onSelect({ kind: 'piece', id }); setLabel(''); }
  };
  return (
    <section aria-labelledby="pieces-titre" className="designer-structure fr-mt-4w">
      <h3 id="pieces-titre" className="fr-h5">Pièces justificatives</h3>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      {pieces.length === 0 ? <p className="fr-text--sm">Aucune pièce demandée.</p> : (
        <ul className="designer-fields">
          {pieces.map(([id, piece]) => (
            <li key={id} className={current === id ? 'designer-row designer-row--current' : 'designer-row'}>
              <button type="button" className="designer-row__select" aria-current={current === id ? 'true' : undefined} onClick={() => onSelect({ kind: 'piece', id })}>
                {piece.label} <span className="designer-muted">({piece.required === true ? 'obligatoire' : piece.required ? 'selon les réponses' : 'facultative'})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="designer-add fr-mt-2w" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="nouvelle-piece">Nom de la nouvelle pièce<span className="fr-hint-text">Par exemple « Pièce d’identité ».</span></label>
          <input className="fr-input" id="nouvelle-piece" value={label} onChange={(e) => setLabel(e.target.value)} />
        </div>
        <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-add-line fr-btn--icon-left" disabled={!label.trim()}>Ajouter la pièce</button>
      </form>
    </section>
  );
}

type Requirement = 'obligatoire' | 'facultative' | 'condition';

/** One pièce: its name, explanation, when it is required, the files accepted. */
export function PieceInspector({ definition, pieceId, onChange, onSelect }: { definition: Demarche; pieceId: string; onChange: PiecesProps['onChange']; onSelect: PiecesProps['onSelect'] }) {
  const piece = definition.pieces?.[pieceId];
  const [error, setError] = useState<string | null>(null);
  const fields = useMemo(() => fieldsOf(definition.form.schema), [definition.form.schema]);
  if (!piece) return null;
  const requirement: Requirement = piece.required === true ? 'obligatoire' : !piece.required ? 'facultative' : 'condition';
  const update = (patch: Partial<Piece>, group: string) => {
    const result = tryEdit(() => updatePiece(definition, pieceId, { ...piece, ...patch }));
    setError(result.error ?? null);
    if (result.definition) onChange(result.definition, `piece:${pieceId}:${group}`);
  };
  const accept = piece.accept ?? Object.keys(MEDIA_TYPES);
  const id = (what: string) => `piece-${pieceId}-${what}`;
  return (
    <section className="designer-inspector" aria-labelledby={id('titre')}>
      <h3 id={id('titre')} className="fr-h5">Pièce « {piece.label} »</h3>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={id('nom')}>Nom de la pièce</label>
        <input className="fr-input" id={id('nom')} value={piece.label} onChange={(e) => update({ label: e.target.value }, 'label')} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={id('description')}>Explication (facultatif)<span className="fr-hint-text">Quels documents conviennent, de quand.</span></label>
        <textarea className="fr-input" id={id('description')} rows={2} value={piece.description ?? ''} onChange={(e) => update({ description: e.target.value || undefined }, 'description')} />
      </div>
      <fieldset className="fr-fieldset" aria-labelledby={id('exigee')}>
        <legend className="fr-fieldset__legend fr-text--regular" id={id('exigee')}>Cette pièce est</legend>
        {([['obligatoire', 'Obligatoire'], ['facultative', 'Facultative'], ['condition', 'Obligatoire selon les réponses au formulaire']] as const).map(([value, text]) => (
          <div className="fr-fieldset__element" key={value}>
            <div className="fr-radio-group">
              <input
                type="radio" id={id(`exigee-${value}`)} name={id('exigee')} checked={requirement === value}
                onChange={() => update({ required: value === 'obligatoire' ? true : value === 'facultative' ? false : { '!!': [{ var: fields[0]?.path ?? 'data' }] } }, 'required')}
              />
              <label className="fr-label" htmlFor={id(`exigee-${value}`)}>{text}</label>
            </div>
          </div>
        ))}
      </fieldset>
      {requirement === 'condition' && (
        <ConditionBuilder definition={definition} value={piece.required} legend="Exigée quand" context={`de la pièce ${piece.label}`} onChange={(logic, status) => { if (status.complete) update({ required: logic as Piece['required'] }, 'condition'); }} />
      )}
      <fieldset className="fr-fieldset" aria-labelledby={id('formats')}>
        <legend className="fr-fieldset__legend fr-text--regular" id={id('formats')}>Formats acceptés</legend>
        {Object.entries(MEDIA_TYPES).map(([type, name]) => (
          <div className="fr-fieldset__element fr-fieldset__element--inline" key={type}>
            <div className="fr-checkbox-group">
              <input
                type="checkbox" id={id(`format-${name}`)} checked={accept.includes(type)}
                onChange={(e) => update({ accept: e.target.checked ? [...accept, type] : accept.filter((t) => t !== type) }, 'accept')}
              />
              <label className="fr-label" htmlFor={id(`format-${name}`)}>{name}</label>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="designer-inspector__pair">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={id('taille')}>Taille maximale d’un fichier (Mo)</label>
          <input className="fr-input" type="number" min={1} id={id('taille')} value={piece.maxSize ? Math.round((piece.maxSize / MB) * 10) / 10 : ''}
            onChange={(e) => { const mb = numberOrUndefined(e.target.value); update({ maxSize: mb && mb > 0 ? Math.round(mb * MB) : undefined }, 'maxSize'); }} />
        </div>
        <div className="fr-checkbox-group fr-mt-4w">
          <input type="checkbox" id={id('plusieurs')} checked={piece.multiple ?? false} onChange={(e) => update({ multiple: e.target.checked || undefined }, 'multiple')} />
          <label className="fr-label" htmlFor={id('plusieurs')}>Plusieurs fichiers possibles</label>
        </div>
      </div>
      <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left" onClick={() => { onChange(removePiece(definition, pieceId)); onSelect(null); }}>
        Supprimer la pièce
      </button>
    </section>
  );
}
