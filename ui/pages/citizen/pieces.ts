/** The pièces justificatives of a démarche, as the citizen pages show and upload them. */
import type { Api } from '../../api';

type Definition = Api.Demarche['definition'];
type Piece = NonNullable<Definition['pieces']>[string];

export interface PieceView {
  id: string;
  label: string;
  description?: string;
  required?: Piece['required'];
  accept?: string[];
  maxSize?: number;
  multiple?: boolean;
}

/** Every pièce of a démarche's definition, in its order, with its id. */
export function piecesOf(demarche: Api.Demarche | undefined): PieceView[] {
  const pieces = (demarche?.definition as Definition | undefined)?.pieces ?? {};
  return Object.entries(pieces).map(([id, p]) => ({
    id,
    label: p.label,
    description: p.description,
    required: p.required,
    accept: p.accept,
    maxSize: p.maxSize,
    multiple: p.multiple,
  }));
}
