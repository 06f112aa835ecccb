import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, get, post, type Api } from '../../api';
import { formatDateTime } from '../../forms/format';

/** The agents' private notes on a dossier: never shown to the citizen. */
export function Notes({ dossierId, onAdded }: { dossierId: string; onAdded: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { input: useId(), hint: useId(), error: useId() };
  const notes = useQuery({
    queryKey: ['notes', dossierId],
    queryFn: () => get<Api.NoteList>(`/api/dossiers/${dossierId}/notes`).then((r) => r.notes),
  });
  const add = useMutation({
    mutationFn: (text: string) => post<Api.Note>(`/api/dossiers/${dossierId}/notes`, { body: text }),
    onSuccess: (note) => {
      queryClient.setQueryData<Api.Note[]>(['notes', dossierId], (old) => [...(old ?? []), note]);
      setBody('');
      onAdded('Votre note est ajoutée au dossier.');
    },
    onError: (e) => setError(e instanceof ApiError ? e.problem.detail : 'La note n’a pas été enregistrée : réessayez.'),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      setError('Écrivez la note avant de l’ajouter.');
      return;
    }
    setError(null);
    add.mutate(body.trim());
  }

  return (
    <>
      {notes.isLoading && <p role="status">Chargement des notes…</p>}
      {notes.isError && <div className="fr-alert fr-alert--error fr-alert--sm" role="alert"><p>Les notes n’ont pas pu être chargées.</p></div>}
      {notes.isSuccess && notes.data.length === 0 && <p className="fr-text--sm">Aucune note pour l’instant.</p>}
      {(notes.data ?? []).length > 0 && (
        <ul className="guichet-notes">
          {notes.data!.map((n) => (
            <li key={n.id} className="guichet-notes__item">
              <p className="fr-text--sm fr-mb-1v"><strong>{n.author}</strong>, le {formatDateTime(n.createdAt)}</p>
              <p className="guichet-notes__body fr-mb-0">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate className="fr-mt-2w">
        <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor={ids.input}>
            Nouvelle note
            <span className="fr-hint-text" id={ids.hint}>Visible des agents seulement, jamais de l’usager.</span>
          </label>
          <textarea
            className={`fr-input${error ? ' fr-input--error' : ''}`} id={ids.input} rows={3} maxLength={10000} value={body}
            onChange={(e) => setBody(e.target.value)} aria-invalid={!!error || undefined}
            aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
          />
          {error && <p className="fr-error-text" id={ids.error}>{error}</p>}
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm" disabled={add.isPending}>Ajouter la note</button>
      </form>
    </>
  );
}
