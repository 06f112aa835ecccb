import { useState } from 'react';
import { ApiError, post, type Api } from '../../api';
import { PayloadForm } from '../../forms';
import { ConfirmDialog } from './ConfirmDialog';

type Action = Api.AvailableEvent;
type FieldError = Api.FieldError;

/** An event needs a form when its payload schema has fields. */
function hasFields(action: Action): boolean {
  const properties = action.payload?.properties;
  return !!properties && typeof properties === 'object' && Object.keys(properties).length > 0;
}

/**
 * What the citizen may do on their dossier now (« actions » of the dossier): a button each; a
 * form when the event carries data; a confirmation when it cannot be undone.
 */
export function DossierActions({ dossier, heading, onDone }: {
  dossier: Api.Dossier;
  /** A title over the buttons (a level-3 heading), when they sit under another subject. */
  heading?: string;
  onDone: (message: string, dossier?: Api.Dossier) => void;
}) {
  const [active, setActive] = useState<Action | null>(null);
  const [pending, setPending] = useState<{ action: Action; payload: Record<string, unknown> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[] | undefined>();
  const [error, setError] = useState<string | null>(null);

  const actions = dossier.actions;
  if (actions.length === 0) return null;

  async function send(action: Action, payload: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    setServerErrors(undefined);
    try {
      const after = await post<Api.Dossier>(`/api/dossiers/${dossier.id}/events`, { type: action.type, payload }, { 'If-Match': `"${dossier.version}"` });
      setPending(null);
      setActive(null);
      onDone(`C’est fait : « ${action.label} ».`, after);
    } catch (e) {
      setPending(null);
      if (e instanceof ApiError) {
        if (e.problem.errors?.length && hasFields(action)) setServerErrors(e.problem.errors);
        setError(e.status === 409
          ? 'Votre dossier a changé entre-temps : la page vient d’être mise à jour. Vérifiez et recommencez si besoin.'
          : e.problem.detail);
        if (e.status === 409) onDone('', e.problem.dossier as Api.Dossier | undefined);
      } else {
        setError('L’envoi a échoué : vérifiez votre connexion et réessayez.');
      }
    } finally {
      setBusy(false);
    }
  }

  function start(action: Action) {
    setError(null);
    setServerErrors(undefined);
    if (hasFields(action)) setActive(action);
    else if (action.confirm) setPending({ action, payload: {} });
    else void send(action, {});
  }

  function submitted(action: Action, payload: Record<string, unknown>) {
    if (action.confirm) setPending({ action, payload });
    else void send(action, payload);
  }

  return (
    <div className={heading ? 'fr-mt-3w' : undefined}>
      {heading && <h3 className="fr-h6">{heading}</h3>}
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {actions.map((action) => (
          <li key={action.type}>
            <button
              type="button"
              className={`fr-btn ${action.type.startsWith('retirer') || action.type.startsWith('contester') ? 'fr-btn--secondary' : ''}`}
              disabled={!action.enabled || busy}
              aria-expanded={hasFields(action) ? active?.type === action.type : undefined}
              aria-controls={hasFields(action) ? `action-${action.type}` : undefined}
              onClick={() => start(action)}
            >
              {action.label}
            </button>
          </li>
        ))}
      </ul>
      {actions.filter((a) => !a.enabled && a.description).map((a) => (
        <p key={a.type} className="fr-text--sm">{a.label} : {a.description}</p>
      ))}
      {actions.filter(hasFields).map((action) => (
        <div key={action.type} id={`action-${action.type}`} hidden={active?.type !== action.type}>
          {active?.type === action.type && (
            <div className="guichet-panel">
              {heading ? <h4 className="fr-h6">{action.label}</h4> : <h3 className="fr-h6">{action.label}</h3>}
              {action.description && <p>{action.description}</p>}
              <PayloadForm
                schema={action.payload}
                uiSchema={action.uiSchema}
                submitLabel={action.label}
                submitting={busy}
                serverErrors={serverErrors}
                headingLevel={4}
                onSubmit={(payload: Record<string, unknown>) => submitted(action, payload)}
                onCancel={() => { setActive(null); setServerErrors(undefined); }}
              />
            </div>
          )}
        </div>
      ))}
      <ConfirmDialog
        open={!!pending}
        title={pending?.action.label ?? ''}
        question={pending?.action.confirm ?? ''}
        confirmLabel={`Oui, ${lowerFirst(pending?.action.label ?? '')}`}
        busy={busy}
        onConfirm={() => { if (pending) void send(pending.action, pending.payload); }}
        onCancel={() => setPending(null)}
      />
    </div>
  );
}

function lowerFirst(text: string): string {
  return text ? text[0].toLowerCase() + text.slice(1) : text;
}
