/**
 * The rjsf theme of the DSFR, and a themed form with the defaults of Guichet: French texts,
 * the 2020-12 validator with French messages, no browser validation bubbles.
 */
import { withTheme, type FormProps, type ThemeProps } from '@rjsf/core';
import { replaceStringParameters, TranslatableString, type ValidatorType } from '@rjsf/utils';
import { DEFAULT_FORM_STATE_BEHAVIOR } from './controls';
import {
  ArrayFieldDescriptionTemplate,
  ArrayFieldItemButtonsTemplate,
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  ArrayFieldTitleTemplate,
  ButtonTemplates,
  DescriptionFieldTemplate,
  ErrorListTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  FieldTemplate,
  ObjectFieldTemplate,
  TitleFieldTemplate,
} from './templates';
import { transformErrors, validator as sharedValidator } from './validator';
import { BaseInputTemplate, CheckboxesWidget, CheckboxWidget, RadioWidget, SelectWidget, TextareaWidget } from './widgets';

const FRENCH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Élément',
  [TranslatableString.MissingItems]: 'Définition des éléments manquante',
  [TranslatableString.EmptyArray]: 'Aucun élément pour l’instant.',
  [TranslatableString.YesLabel]: 'Oui',
  [TranslatableString.NoLabel]: 'Non',
  [TranslatableString.CloseLabel]: 'Fermer',
  [TranslatableString.ErrorsLabel]: 'Erreurs',
  [TranslatableString.NewStringDefault]: 'Nouvelle valeur',
  [TranslatableString.AddButton]: 'Ajouter',
  [TranslatableString.AddItemButton]: 'Ajouter un élément',
  [TranslatableString.CopyButton]: 'Dupliquer',
  [TranslatableString.ExpandButton]: 'Déplier',
  [TranslatableString.MoveDownButton]: 'Descendre',
  [TranslatableString.MoveUpButton]: 'Monter',
  [TranslatableString.RemoveButton]: 'Supprimer',
  [TranslatableString.NowLabel]: 'Maintenant',
  [TranslatableString.ClearLabel]: 'Effacer',
  [TranslatableString.AriaDateLabel]: 'Choisir une date',
  [TranslatableString.PreviewLabel]: 'Aperçu',
  [TranslatableString.DecrementAriaLabel]: 'Diminuer de 1',
  [TranslatableString.IncrementAriaLabel]: 'Augmenter de 1',
  [TranslatableString.OptionalObjectAdd]: 'Ajouter ces informations facultatives',
  [TranslatableString.OptionalObjectRemove]: 'Retirer ces informations facultatives',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Aucune information facultative',
  [TranslatableString.Type]: 'Type',
  [TranslatableString.Value]: 'Valeur',
  [TranslatableString.ClearButton]: 'effacer le champ',
  [TranslatableString.UnknownFieldType]: 'Type de champ inconnu : %1',
  [TranslatableString.OptionPrefix]: 'Option %1',
  [TranslatableString.TitleOptionPrefix]: '%1, option %2',
  [TranslatableString.KeyLabel]: 'Clé de %1',
  [TranslatableString.DeprecatedLabel]: '%1 (obsolète)',
  [TranslatableString.CycleDetected]: 'Référence circulaire détectée pour le champ « %1 ».',
  [TranslatableString.InvalidObjectField]: 'Configuration du groupe « %1 » non valide : %2.',
  [TranslatableString.UnsupportedField]: 'Ce type de champ n’est pas pris en charge.',
  [TranslatableString.UnsupportedFieldWithId]: 'Le champ « %1 » n’est pas pris en charge.',
  [TranslatableString.UnsupportedFieldWithReason]: 'Ce type de champ n’est pas pris en charge : %1.',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: 'Le champ « %1 » n’est pas pris en charge : %2.',
  [TranslatableString.FilesInfo]: '**%1** (%2, %3 octets)',
};

/** rjsf's own texts in French. */
export function translateString(key: TranslatableString, params?: string[]): string {
  return replaceStringParameters(FRENCH[key] ?? key, params);
}

export const dsfrTheme: ThemeProps = {
  templates: {
    ArrayFieldDescriptionTemplate,
    ArrayFieldItemButtonsTemplate,
    ArrayFieldItemTemplate,
    ArrayFieldTemplate,
    ArrayFieldTitleTemplate,
    BaseInputTemplate,
    ButtonTemplates,
    DescriptionFieldTemplate,
    ErrorListTemplate,
    FieldErrorTemplate,
    FieldHelpTemplate,
    FieldTemplate,
    ObjectFieldTemplate,
    TitleFieldTemplate,
  },
  widgets: {
    CheckboxWidget,
    CheckboxesWidget,
    RadioWidget,
    SelectWidget,
    TextareaWidget,
  },
};

/** rjsf's Form with the DSFR theme, without Guichet's defaults. */
export const ThemedForm = withTheme(dsfrTheme);

/** The errors are on the page already: without `onError`, rjsf would also log them. */
const ignoreErrors = () => undefined;

export type DsfrFormProps = Omit<FormProps, 'validator'> & { validator?: ValidatorType };

/**
 * A form in the DSFR with Guichet's defaults: the French 2020-12 validator, French texts, errors
 * summarized at the top (each a link to its field), no browser validation bubbles.
 */
export function DsfrForm({ validator, ...props }: DsfrFormProps) {
  return (
    <ThemedForm
      validator={validator ?? sharedValidator}
      translateString={translateString}
      transformErrors={transformErrors}
      noHtml5Validate
      showErrorList="top"
      experimental_defaultFormStateBehavior={DEFAULT_FORM_STATE_BEHAVIOR}
      onError={ignoreErrors}
      {...props}
    />
  );
}
