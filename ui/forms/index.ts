/**
 * The form layer of the interface, in the French State design system (DSFR): an rjsf theme, a
 * validator with French messages, a démarche's multi-page form with its recap, the form of an
 * event's payload, the upload of pièces justificatives, and French formatting helpers.
 */
import './forms.css';

export { DemarcheForm, type DemarcheFormProps } from './DemarcheForm';
export { PayloadForm, type PayloadFormProps } from './PayloadForm';
export {
  PieceUpload,
  checkFile,
  pieceHint,
  pieceRequirement,
  DEFAULT_ACCEPT,
  type PieceUploadProps,
  type UploadedFile,
} from './PieceUpload';
export { DsfrForm, ThemedForm, dsfrTheme, translateString, type DsfrFormProps } from './theme';
export { ErrorSummary, type ErrorSummaryProps, type SummaryError } from './ErrorSummary';
export { createValidator, validator, localizeErrors, transformErrors } from './validator';
export { formatDate, formatDateTime, formatSize, formatList, formatMediaTypes, mediaTypeName } from './format';
export { answerText } from './Recap';
export { renderSchema, pageSchema, cleanData } from './schemaTools';
export type { FormValues } from './GuidedForm';
export type { GuichetFormContext } from './controls';
export * from './conditions';
