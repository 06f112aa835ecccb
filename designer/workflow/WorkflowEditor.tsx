import type { Demarche, RoutingTable } from '../../engine';
import type { Selection } from '../selection';

export interface WorkflowEditorProps {
  definition: Demarche;
  /** A new definition after an edit (the designer keeps it in its undo history). */
  onChange: (next: Demarche) => void;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  routing?: RoutingTable;
}

/** Placeholder until the graph editor lands. */
export function WorkflowEditor(_props: WorkflowEditorProps) {
  return <p>Éditeur du parcours en préparation.</p>;
}
