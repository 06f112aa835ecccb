/** The form builder: pages, fields and pièces justificatives, with a live preview of the citizen's form. */
export { addPiece, updatePiece, removePiece, MEDIA_TYPES, type Piece } from './pieces';
export { showWhenFields, showWhenToLogic, logicToShowWhen } from './showWhen';
export { FormBuilder, type FormBuilderProps } from './FormBuilder';
