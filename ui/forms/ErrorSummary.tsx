import type { MouseEvent, Ref } from 'react';
import { focusField } from './controls';

/** One error of the summary: a link to the field, with its label and the message. */
export interface SummaryError {
  /** The id of the field's control or group (the link's target). */
  id: string;
  label: string;
  /** Labels of the groups around the field (« Enfant 2 »), to tell apart fields with the same label. */
  context?: string[];
  message: string;
  /** Instead of focusing `id` on this page: e.g. go to the page of the field first. */
  onSelect?: () => void;
}

export interface ErrorSummaryProps {
  errors: SummaryError[];
  /** Default « Le formulaire contient N erreur(s) ». */
  title?: string;
  /** Default « Corrigez-les pour continuer : ». */
  intro?: string;
  headingLevel?: 2 | 3 | 4;
  ref?: Ref<HTMLDivElement>;
}

/** « Nom (Enfant 2) ». */
export function errorLabel(error: Pick<SummaryError, 'label' | 'context'>): string {
  return error.context && error.context.length > 0 ? `${error.label} (${error.context.join(' › ')})` : error.label;
}

/**
 * The DSFR error alert at the top of a form: how many errors, and for each a link that moves the
 * focus to its field. The form focuses it when a submission fails, so that it is read first.
 */
export function ErrorSummary({ errors, title, intro, headingLevel = 3, ref }: ErrorSummaryProps) {
  if (errors.length === 0) return null;
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const count = errors.length;
  const onClick = (error: SummaryError) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (error.onSelect) error.onSelect();
    else focusField(error.id);
  };
  return (
    <div className="fr-alert fr-alert--error fr-mb-4w guichet-error-summary" tabIndex={-1} ref={ref}>
      <Heading className="fr-alert__title">
        {title ?? `Le formulaire contient ${count} erreur${count > 1 ? 's' : ''}`}
      </Heading>
      <p>{intro ?? (count > 1 ? 'Corrigez-les pour continuer :' : 'Corrigez-la pour continuer :')}</p>
      <ul>
        {errors.map((error, i) => (
          <li key={`${error.id}-${i}`}>
            <a href={`#${error.id}`} onClick={onClick(error)}>{errorLabel(error)}</a> : {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
