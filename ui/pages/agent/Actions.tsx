import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Demarche } from '../../../engine';
import { ApiError, get, post, type Api } from '../../api';
import { PayloadForm, formatDateTime } from '../../forms';
import { pieceLabel, roleLabel } from './labels';
import { Modal } from './Modal';

/** What happened after an action, said at the top of the page. */
export interface Outcome {
  kind: 'success' | 'conflict' | 'error';
  title: string;
  text: string;
  details?: string[];
}

const hasFields = (schema: Record<string, unknown>) =>
  typeof schema.properties === 'object' && schema.properties !== null && Object.keys(schema.properties).length > 0;

const stepsOf = (d: Api.Dossier | undefined) => (d?.etat?.states ?? []).map((s) => `« ${s.label} »`).join(' et ');

/** Why an action is greyed out: the engine says a condition that does not depend on what the agent enters blocks it. */
function disabledReason(dossier: Api.Dossier, definition: Demarche | undefined): string {
  const missing = dossier.etat?.piecesManquantes ?? [];
  if (missing.length > 0) {
    return `Pas possible pour l’instant : une condition de la démarche n’est pas remplie. Pièces manquantes : ${missing.map((p) => pieceLabel(p, definition)).join(', ')}.`;
  }
  return 'Pas possible pour l’instant : une condition de la démarche n’est pas remplie (pièce, date ou décision attendue).';
}

/**
 * The next line of a sentence about a 409: what the dossier became, and what others did since the
 * version the agent had loaded (from its history).
 */
async function explainConflict(id: string, seen: Api.Dossier, current: Api.Dossier | undefined, definition: Demarche | undefined): Promise<Outcome> {
  const before = stepsOf(seen);
  const after = stepsOf(current);
  let details: string[] = [];
  try {
    const { history } = await get<Api.History>(`/api/dossiers/${id}/history`);
    details = history.filter((h) => h.seq > seen.version).map((h) => `${h.label} — ${roleLabel(h.role, definition)}, le ${formatDateTime(h.at)}`);
  } catch {
    // the explanation stays shorter
  }
  if (!current) {
    return { kind: 'conflict', title: 'Le dossier a changé entre-temps', text: 'Votre action n’a pas été enregistrée : le dossier a été modifié par quelqu’un d’autre. Il a été rechargé : vérifiez-le avant d’agir.', details };
  }
  const text = current.status === 'clos'
    ? `Le dossier a été clos entre-temps (étape ${after}). Votre action n’a pas été enregistrée.`
    : after !== before
      ? `Le dossier est passé à l’étape ${after} (il était à l’étape ${before} quand vous l’avez ouvert). Votre action n’a pas été enregistrée : vérifiez sa nouvelle situation avant d’agir.`
      : `Le dossier a été modifié entre-temps ; il est toujours à l’étape ${after}. Votre action n’a pas été enregistrée : vérifiez-le, puis recommencez si besoin.`;
  return { kind: 'conflict', title: 'Le dossier a changé entre-temps', text, details };
}

interface ActionsProps {
  dossier: Api.Dossier;
  definition: Demarche | undefined;
  onOutcome: (outcome: Outcome) => void;
}

/**
 * What the agent may do now: one button per event the engine offers. An event with data opens its
 * form (a refusal asks for its motif), an irreversible one asks for confirmation; the event is sent
 * with the version the agent has seen (If-Match), so that nobody acts on a dossier that moved.
 */
export function Actions({ dossier, definition, onOutcome }: ActionsProps) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ action: Api.AvailableEvent; key: string; step: 'form' | 'confirm'; payload: Record<string, unknown> } | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Api.FieldError[]>([]);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const reasonId = useId();
  const actions = dossier.actions;

  const refreshAround = () => {
    for (const key of ['history', 'documents', 'dossier-letters', 'notes']) void queryClient.invalidateQueries({ queryKey: [key, dossier.id] });
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    void queryClient.invalidateQueries({ queryKey: ['letters'] });
  };

  async function send(action: Api.AvailableEvent, payload: Record<string, unknown>, key: string, dialogOpen = true) {
    setSending(action.type);
    setServerErrors([]);
    setDialogError(null);
    try {
      const updated = await post<Api.Dossier>(`/api/dossiers/${dossier.id}/events`, { type: action.type, payload }, {
        'If-Match': `"${dossier.version}"`,
        'Idempotency-Key': key,
      });
      queryClient.setQueryData(['dossier', dossier.id], updated);
      refreshAround();
      setOpen(null);
      const now = stepsOf(updated);
      onOutcome({
        kind: 'success',
        title: `« ${action.label} » : c’est enregistré`,
        text: updated.status === 'clos' ? `Le dossier est clos (étape ${now}).` : `Le dossier est maintenant à l’étape ${now}.`,
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const current = e.problem.dossier as Api.Dossier | undefined;
        if (current) queryClient.setQueryData(['dossier', dossier.id], current);
        else void queryClient.invalidateQueries({ queryKey: ['dossier', dossier.id] });
        refreshAround();
        setOpen(null);
        onOutcome(await explainConflict(dossier.id, dossier, current, definition));
      } else if (e instanceof ApiError && e.status === 422 && e.problem.errors?.length && hasFields(action.payload)) {
        // The payload's fields in error: back to the form, each error on its field.
        setServerErrors(e.problem.errors);
        setDialogError(e.problem.detail);
        setOpen((o) => (o ? { ...o, step: 'form' } : o));
      } else {
        const detail = e instanceof ApiError ? e.problem.detail : 'Le serveur ne répond pas : vérifiez votre connexion et réessayez.';
        if (e instanceof ApiError) void queryClient.invalidateQueries({ queryKey: ['dossier', dossier.id] });
        if (dialogOpen) setDialogError(detail);
        else onOutcome({ kind: 'error', title: `« ${action.label} » n’a pas été enregistré`, text: detail });
      }
      // The server answered: a new attempt (corrected) is a new request, with a key of its own.
      // Without an answer (network), the same key lets the retry be recognised.
      if (e instanceof ApiError && e.status !== 0) setOpen((o) => (o ? { ...o, key: crypto.randomUUID() } : o));
    } finally {
      setSending(null);
    }
  }

  function start(action: Api.AvailableEvent) {
    setServerErrors([]);
    setDialogError(null);
    const key = crypto.randomUUID();
    if (hasFields(action.payload)) setOpen({ action, key, step: 'form', payload: {} });
    else if (action.confirm) setOpen({ action, key, step: 'confirm', payload: {} });
    else void send(action, {}, key, false);
  }

  if (dossier.status !== 'en_cours') {
    return <p>{dossier.status === 'clos' ? 'Le dossier est clos : plus aucune action n’est possible.' : 'Ce dossier est un brouillon : l’usager ne l’a pas encore déposé.'}</p>;
  }
  if (actions.length === 0) {
    return <p>Aucune action ne vous revient à cette étape{dossier.etat?.states.some((s) => s.roles.length) ? ` : elle attend ${[...new Set(dossier.etat.states.flatMap((s) => s.roles))].map((r) => roleLabel(r, definition)).join(' ou ')}.` : '.'}</p>;
  }

  const anyDisabled = actions.some((a) => !a.enabled);
  return (
    <>
      <ul className="fr-btns-group guichet-actions">
        {actions.map((a) => (
          <li key={a.type}>
            <button
              type="button"
              className={`fr-btn${a.confirm ? ' fr-btn--secondary' : ''}`}
              disabled={!a.enabled || sending !== null}
              aria-describedby={!a.enabled ? reasonId : undefined}
              onClick={() => start(a)}
            >
              {sending === a.type ? `${a.label}…` : a.label}
            </button>
            {a.description && <p className="fr-text--xs fr-mb-1w guichet-actions__help">{a.description}</p>}
          </li>
        ))}
      </ul>
      {anyDisabled && <p className="fr-text--sm fr-message fr-message--info" id={reasonId}>{disabledReason(dossier, definition)}</p>}

      {open && (
        <Modal title={open.action.label} onClose={() => setOpen(null)}>
          {open.action.description && <p>{open.action.description}</p>}
          {dialogError && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{dialogError}</p></div>}
          {open.step === 'form' ? (
            <PayloadForm
              schema={open.action.payload}
              uiSchema={open.action.uiSchema}
              formData={open.payload}
              submitLabel={open.action.confirm ? 'Continuer' : open.action.label}
              submitting={sending !== null}
              serverErrors={serverErrors}
              onCancel={() => setOpen(null)}
              onSubmit={(payload) => {
                if (open.action.confirm) setOpen({ ...open, step: 'confirm', payload });
                else void send(open.action, payload, open.key);
              }}
            />
          ) : (
            <>
              <p className="fr-text--lead fr-mb-3w">{open.action.confirm ?? `Confirmer « ${open.action.label} » ?`}</p>
              <ul className="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <button type="button" className="fr-btn" disabled={sending !== null} onClick={() => void send(open.action, open.payload, open.key)}>
                    Confirmer : {open.action.label.charAt(0).toLowerCase() + open.action.label.slice(1)}
                  </button>
                </li>
                <li>
                  <button type="button" className="fr-btn fr-btn--secondary" onClick={() => (hasFields(open.action.payload) ? setOpen({ ...open, step: 'form' }) : setOpen(null))}>
                    {hasFields(open.action.payload) ? 'Revenir au formulaire' : 'Annuler'}
                  </button>
                </li>
              </ul>
              {sending && <p role="status" className="fr-text--sm">Envoi en cours…</p>}
            </>
          )}
        </Modal>
      )}
    </>
  );
}
