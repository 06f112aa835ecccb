import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, post, put, type Api } from '../../api';
import { formatDateTime } from '../../forms/format';
import { Modal } from './Modal';

export const LETTER_STATUS: Record<Api.LetterStatus, { label: string; badge: string }> = {
  a_verifier: { label: 'À vérifier', badge: 'fr-badge--warning' },
  envoye: { label: 'Envoyé', badge: 'fr-badge--success' },
  annule: { label: 'Annulé', badge: '' },
};

export function LetterStatusBadge({ status }: { status: Api.LetterStatus }) {
  const s = LETTER_STATUS[status];
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${s.badge}`}>{s.label}</span>;
}

function message(e: unknown): string {
  return e instanceof ApiError ? e.problem.detail : 'Le serveur ne répond pas : réessayez.';
}

interface LetterEditorProps {
  letter: Api.Letter;
  onClose: () => void;
  /** Said once the letter is sent, cancelled or saved. */
  onDone: (status: string) => void;
  /** Show a link to the dossier (from the list of letters). */
  linkToDossier?: boolean;
}

/**
 * Checking a letter before it goes: its subject and text can be corrected, then it is sent (the
 * citizen finds it in their notifications) or cancelled. A letter already sent or cancelled is
 * only shown.
 */
export function LetterEditor({ letter, onClose, onDone, linkToDossier = false }: LetterEditorProps) {
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(letter.subject);
  const [body, setBody] = useState(letter.body);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const ids = { subject: useId(), body: useId(), subjectError: useId(), bodyError: useId() };
  const editable = letter.status === 'a_verifier';
  const dirty = subject !== letter.subject || body !== letter.body;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['letters'] });
    void queryClient.invalidateQueries({ queryKey: ['dossier-letters', letter.dossier.id] });
  };

  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.problem.errors?.length) {
      const byField: Record<string, string> = {};
      for (const err of e.problem.errors) byField[err.pointer.replace(/^\//, '')] = err.message;
      setFieldErrors(byField);
    }
    setError(message(e));
  };

  const validate = (): boolean => {
    const errors: Record<string, string> = {};
    if (!subject.trim()) errors.subject = 'Indiquez l’objet du courrier.';
    else if (/[\r\n]/.test(subject)) errors.subject = 'L’objet tient sur une seule ligne.';
    if (!body.trim()) errors.body = 'Le texte du courrier ne peut pas être vide.';
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) setError('Le courrier n’a pas été enregistré : corrigez les champs signalés.');
    return Object.keys(errors).length === 0;
  };

  const save = useMutation({
    mutationFn: () => put<Api.Letter>(`/api/letters/${letter.id}`, { subject, body }),
    onSuccess: () => { refresh(); onDone(`Les corrections du courrier « ${letter.title} » sont enregistrées.`); },
    onError: failed,
  });
  const send = useMutation({
    mutationFn: async () => {
      if (dirty) await put<Api.Letter>(`/api/letters/${letter.id}`, { subject, body });
      return post<Api.Letter>(`/api/letters/${letter.id}/send`);
    },
    onSuccess: () => { refresh(); onDone(`Le courrier « ${letter.title} » est envoyé à : ${letter.recipientLabel}.`); },
    onError: failed,
  });
  const cancel = useMutation({
    mutationFn: () => post<Api.Letter>(`/api/letters/${letter.id}/cancel`),
    onSuccess: () => { refresh(); onDone(`Le courrier « ${letter.title} » est annulé : il ne sera pas envoyé.`); },
    onError: failed,
  });
  const busy = save.isPending || send.isPending || cancel.isPending;

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (validate()) send.mutate();
  }

  return (
    <Modal title={editable ? `Vérifier le courrier : ${letter.title}` : `Courrier : ${letter.title}`} onClose={onClose} wide>
      <p className="fr-text--sm">
        Dossier {linkToDossier ? <Link to={`/agent/dossiers/${letter.dossier.id}`}>{letter.dossier.reference}</Link> : letter.dossier.reference}
        {' '}({letter.dossier.demarche.title}) · Destinataire : {letter.recipientLabel} · Préparé le {formatDateTime(letter.createdAt)}
        {' '}· <LetterStatusBadge status={letter.status} />
        {letter.sentAt && <> · Envoyé le {formatDateTime(letter.sentAt)}</>}
      </p>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      {editable ? (
        <form onSubmit={submit} noValidate>
          <div className={`fr-input-group${fieldErrors.subject ? ' fr-input-group--error' : ''}`}>
            <label className="fr-label" htmlFor={ids.subject}>Objet</label>
            <input
              className={`fr-input${fieldErrors.subject ? ' fr-input--error' : ''}`} id={ids.subject} value={subject} maxLength={255}
              onChange={(e) => setSubject(e.target.value)} aria-invalid={!!fieldErrors.subject || undefined}
              aria-describedby={fieldErrors.subject ? ids.subjectError : undefined}
            />
            {fieldErrors.subject && <p className="fr-error-text" id={ids.subjectError}>{fieldErrors.subject}</p>}
          </div>
          <div className={`fr-input-group${fieldErrors.body ? ' fr-input-group--error' : ''}`}>
            <label className="fr-label" htmlFor={ids.body}>Texte du courrier</label>
            <textarea
              className={`fr-input guichet-letter__body${fieldErrors.body ? ' fr-input--error' : ''}`} id={ids.body} value={body} rows={18}
              onChange={(e) => setBody(e.target.value)} aria-invalid={!!fieldErrors.body || undefined}
              aria-describedby={fieldErrors.body ? ids.bodyError : undefined}
            />
            {fieldErrors.body && <p className="fr-error-text" id={ids.bodyError}>{fieldErrors.body}</p>}
          </div>
          {confirmCancel ? (
            <div className="fr-callout fr-mb-2w">
              <p className="fr-callout__text">Annuler ce courrier ? Il ne sera pas envoyé à l’usager.</p>
              <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-2w">
                <li><button type="button" className="fr-btn" disabled={busy} onClick={() => { setError(null); cancel.mutate(); }}>Oui, annuler le courrier</button></li>
                <li><button type="button" className="fr-btn fr-btn--secondary" onClick={() => setConfirmCancel(false)}>Non, le garder</button></li>
              </ul>
            </div>
          ) : (
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li><button type="submit" className="fr-btn fr-icon-send-plane-line fr-btn--icon-left" disabled={busy}>Envoyer le courrier</button></li>
              <li>
                <button type="button" className="fr-btn fr-btn--secondary" disabled={busy || !dirty} onClick={() => { setError(null); if (validate()) save.mutate(); }}>
                  Enregistrer les corrections
                </button>
              </li>
              <li><button type="button" className="fr-btn fr-btn--tertiary" disabled={busy} onClick={() => setConfirmCancel(true)}>Annuler le courrier</button></li>
            </ul>
          )}
          {busy && <p role="status" className="fr-text--sm">Envoi en cours…</p>}
        </form>
      ) : (
        <>
          <p><strong>Objet :</strong> {letter.subject}</p>
          <div className="guichet-letter__text">{letter.body}</div>
        </>
      )}
    </Modal>
  );
}

/** A dossier's letters (or the service's), as a table whose rows open the letter. */
export function LetterTable({ letters, caption, onOpen, showDossier = false }: {
  letters: Api.Letter[];
  caption: string;
  onOpen: (letter: Api.Letter) => void;
  showDossier?: boolean;
}) {
  return (
    <div className="fr-table fr-table--no-caption-mobile">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Courrier</th>
            {showDossier && <th scope="col">Dossier</th>}
            <th scope="col">Destinataire</th>
            <th scope="col">Préparé le</th>
            <th scope="col">État</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => (
            <tr key={l.id}>
              <td>{l.title}<br /><span className="fr-text--xs">{l.subject}</span></td>
              {showDossier && <td><Link to={`/agent/dossiers/${l.dossier.id}`}>{l.dossier.reference}</Link><br /><span className="fr-text--xs">{l.dossier.demarche.title}</span></td>}
              <td>{l.recipientLabel}</td>
              <td>{formatDateTime(l.createdAt)}</td>
              <td><LetterStatusBadge status={l.status} /></td>
              <td>
                <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => onOpen(l)}>
                  {l.status === 'a_verifier' ? 'Vérifier' : 'Lire'}<span className="fr-sr-only"> le courrier « {l.title} » du dossier {l.dossier.reference}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
