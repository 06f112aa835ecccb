import { useEffect, useId, useRef } from 'react';

/**
 * A DSFR modal on a native <dialog>: the browser traps the focus, Échap closes it, and the focus
 * returns to the button that opened it.
 */
export function ConfirmDialog({ open, title, question, confirmLabel, busy, onConfirm, onCancel }: {
  open: boolean;
  title: string;
  question: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="guichet-dialog" aria-labelledby={titleId} aria-describedby={textId} onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <div className="fr-modal__body">
        <div className="fr-modal__header">
          <button type="button" className="fr-btn--close fr-btn" onClick={onCancel} title="Fermer la fenêtre">Fermer</button>
        </div>
        <div className="fr-modal__content">
          <h2 id={titleId} className="fr-modal__title">{title}</h2>
          <p id={textId}>{question}</p>
        </div>
        <div className="fr-modal__footer">
          <ul className="fr-btns-group fr-btns-group--right fr-btns-group--inline-reverse fr-btns-group--inline-lg">
            <li><button type="button" className="fr-btn" onClick={onConfirm} disabled={busy}>{confirmLabel}</button></li>
            <li><button type="button" className="fr-btn fr-btn--secondary" onClick={onCancel} disabled={busy}>Annuler</button></li>
          </ul>
        </div>
      </div>
    </dialog>
  );
}
