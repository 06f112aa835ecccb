import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider for previews and letters. */
  wide?: boolean;
}

/**
 * A DSFR modal on a native <dialog> opened with showModal(): the rest of the page is inert,
 * Échap and « Fermer » close it, and focus goes back to the button that opened it.
 * Mount it to open it, unmount it to close it.
 */
export function Modal({ title, onClose, children, wide = false }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useLayoutEffect(() => {
    const d = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="fr-modal fr-modal--opened"
      aria-labelledby={titleId}
      onCancel={(e) => { e.preventDefault(); close.current(); }}
    >
      <div className="fr-container fr-container--fluid fr-container-md">
        <div className="fr-grid-row fr-grid-row--center">
          <div className={wide ? 'fr-col-12 fr-col-lg-10' : 'fr-col-12 fr-col-md-10 fr-col-lg-8'}>
            <div className="fr-modal__body">
              <div className="fr-modal__header">
                <button type="button" className="fr-btn--close fr-btn" title="Fermer la fenêtre" onClick={() => close.current()}>Fermer</button>
              </div>
              <div className="fr-modal__content">
                <h2 id={titleId} className="fr-modal__title">{title}</h2>
                {children}
              </div>
            </div>
          </div>
        </div>
      </div>
    </dialog>
  );
}
