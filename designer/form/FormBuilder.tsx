import type { Demarche, RoutingTable } from '../../engine';
import { fieldKeys } from '../model';
import type { Selection } from '../selection';
import { FieldInspector } from './FieldInspector';
import { FormPreview } from './FormPreview';
import { GeneralInfo } from './GeneralInfo';
import { PageInspector } from './PageInspector';
import { PieceInspector, Pieces } from './Pieces';
import { Structure } from './Structure';

export interface FormBuilderProps {
  definition: Demarche;
  /** The routing table in force, whose rules may read the form's fields. */
  routing?: RoutingTable;
  onChange: (next: Demarche, group?: string) => void;
  selection: Selection;
  onSelect: (selection: Selection) => void;
}

/** The « Formulaire » tab: pages, fields and pièces on the left, what is selected in the middle, the usager's form on the right. */
export function FormBuilder({ definition, routing, onChange, selection, onSelect }: FormBuilderProps) {
  const props = { definition, onChange, onSelect };
  let inspector = <p className="fr-text--sm">Choisissez une page, un champ ou une pièce pour le modifier.</p>;
  if (selection?.kind === 'field' && fieldKeys(definition).includes(selection.key)) inspector = <FieldInspector key={selection.key} fieldKey={selection.key} routing={routing} {...props} />;
  else if (selection?.kind === 'page') inspector = <PageInspector key={selection.id} pageId={selection.id} {...props} />;
  else if (selection?.kind === 'piece') inspector = <PieceInspector key={selection.id} pieceId={selection.id} {...props} />;
  return (
    <div className="designer-form">
      <GeneralInfo definition={definition} onChange={onChange} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-4">
          <Structure {...props} selection={selection} />
          <Pieces {...props} selection={selection} />
        </div>
        <div className="fr-col-12 fr-col-lg-4">{inspector}</div>
        <div className="fr-col-12 fr-col-lg-4"><FormPreview definition={definition} /></div>
      </div>
    </div>
  );
}
