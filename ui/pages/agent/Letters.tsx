import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, get, type Api } from '../../api';
import { LetterEditor, LetterTable } from './LetterEditor';
import './agent.css';

const STATUSES: { value: Api.LetterStatus; label: string; caption: string; empty: string }[] = [
  { value: 'a_verifier', label: 'À vérifier', caption: 'Courriers à vérifier, les plus anciens d’abord', empty: 'Aucun courrier à vérifier : tout est envoyé.' },
  { value: 'envoye', label: 'Envoyés', caption: 'Courriers envoyés, les plus récents d’abord', empty: 'Aucun courrier envoyé pour l’instant.' },
  { value: 'annule', label: 'Annulés', caption: 'Courriers annulés, les plus récents d’abord', empty: 'Aucun courrier annulé.' },
];

/**
 * The letters the démarches prepared for the agent's services: each is checked (and corrected if
 * needed) before it is sent to the citizen, or cancelled.
 */
export default function Letters() {
  const [params, setParams] = useSearchParams();
  const status = (STATUSES.find((s) => s.value === params.get('statut')) ?? STATUSES[0]);
  const [open, setOpen] = useState<Api.Letter | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const letters = useQuery({
    queryKey: ['letters', status.value],
    queryFn: () => get<Api.LetterList>(`/api/letters?status=${status.value}`).then((r) => r.letters),
  });

  return (
    <>
      <h1>Courriers</h1>
      <p className="fr-text--lead">Les courriers préparés par les démarches de vos services : relisez-les, corrigez-les si besoin, puis envoyez-les.</p>

      <fieldset className="fr-fieldset fr-mb-2w" aria-labelledby="statut-legende">
        <legend className="fr-fieldset__legend fr-text--regular fr-pb-1w" id="statut-legende">Afficher les courriers</legend>
        <ul className="fr-tags-group">
          {STATUSES.map((s) => (
            <li key={s.value}>
              <button
                type="button" className="fr-tag" aria-pressed={s.value === status.value}
                onClick={() => { setMessage(null); setParams(s.value === 'a_verifier' ? {} : { statut: s.value }); }}
              >
                {s.label}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>

      <div ref={messageRef} tabIndex={-1} role="status" className="guichet-message">
        {message && <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w"><p>{message}</p></div>}
      </div>

      {letters.isLoading && <p role="status">Chargement des courriers…</p>}
      {letters.isError && (
        <div className="fr-alert fr-alert--error" role="alert">
          <p>Les courriers n’ont pas pu être chargés : {letters.error instanceof ApiError ? letters.error.problem.detail : 'le serveur ne répond pas.'}</p>
        </div>
      )}
      {letters.isSuccess && letters.data.length === 0 && <div className="fr-callout"><p className="fr-callout__text">{status.empty}</p></div>}
      {letters.isSuccess && letters.data.length > 0 && (
        <>
          <p>{letters.data.length} courrier{letters.data.length > 1 ? 's' : ''}{letters.data.length >= 200 ? ' (les 200 premiers)' : ''}.</p>
          <LetterTable letters={letters.data} caption={status.caption} onOpen={setOpen} showDossier />
        </>
      )}

      {open && (
        <LetterEditor
          letter={open}
          linkToDossier
          onClose={() => setOpen(null)}
          onDone={(text) => {
            setOpen(null);
            setMessage(text);
            requestAnimationFrame(() => messageRef.current?.focus());
          }}
        />
      )}
    </>
  );
}
