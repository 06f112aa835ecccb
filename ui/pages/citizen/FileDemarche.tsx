import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ApiError, post, put, upload, type Api } from '../../api';
import { DemarcheForm, type FormValues } from '../../forms';
import { piecesOf } from './pieces';
import { PIECES_FIELD, PiecesContext, piecesSummary, withPiecesPage, type PiecesContextValue } from './PiecesStep';
import { keys, useDemarche, useDocuments, useDossier, useRefreshDossier } from './queries';
import type { FiledState } from './CitizenDossier';
import { restoreStep, rememberStep, currentStep, forgetStep } from './stepMemory';
import './citizen.css';

const ID_PREFIX = 'demarche';

/** One key per attempt to submit: a retry of the same request is not filed twice. */
function attemptKey(dossierId: string): string {
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `depot-${dossierId}-${random}`;
}

/** The data without the pièces' page (what is saved and sent). */
function withoutPieces(data: FormValues): FormValues {
  if (!(PIECES_FIELD in data)) return data;
  const { [PIECES_FIELD]: _, ...rest } = data;
  return rest;
}

/**
 * Filing a démarche: its form page by page, the pièces justificatives, the récapitulatif, then
 * the submission. The citizen may save a draft at any page and come back to it from its address.
 */
export default function FileDemarche() {
  const { id = '', dossierId } = useParams();
  const navigate = useNavigate();
  const draft = useDossier(dossierId);
  const version = dossierId ? draft.data?.demarche.version : undefined;
  const demarche = useDemarche(dossierId ? draft.data?.demarche.id : id, version);
  const [draftId, setDraftId] = useState<string | undefined>(dossierId);
  const documents = useDocuments(draftId);
  const refresh = useRefreshDossier();
  const queryClient = useQueryClient();

  const [data, setData] = useState<FormValues | undefined>(dossierId ? undefined : {});
  const latest = useRef<FormValues>({});
  latest.current = data ?? {};
  const [savedAt, setSavedAt] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [serverErrors, setServerErrors] = useState<Api.FieldError[] | undefined>();
  const [error, setError] = useState<string | null>(null);
  const formRoot = useRef<HTMLDivElement>(null);
  const creating = useRef<Promise<string> | null>(null);

  // A draft reopened: its data, once.
  useEffect(() => {
    if (draft.data && data === undefined) {
      setData(draft.data.data);
      setSavedAt(draft.data.updatedAt);
    }
  }, [draft.data, data]);
  useEffect(() => { if (dossierId) setDraftId(dossierId); }, [dossierId]);

  const definition = useMemo(
    () => (demarche.data ? withPiecesPage(demarche.data.definition) : undefined),
    [demarche.data],
  );
  const pieces = useMemo(() => piecesOf(demarche.data), [demarche.data]);
  const docs = useMemo(() => documents.data ?? [], [documents.data]);
  const formData = useMemo(() => {
    if (!data) return undefined;
    return pieces.length ? { ...data, [PIECES_FIELD]: piecesSummary(pieces, docs, data) } : data;
  }, [data, pieces, docs]);

  // A draft reopened: back to the page where the citizen left it.
  const [restored, setRestored] = useState(!dossierId);
  useEffect(() => {
    if (restored || !definition || data === undefined || !formRoot.current || !dossierId) return;
    setRestored(true);
    void restoreStep(formRoot.current, dossierId);
  }, [restored, definition, data, dossierId]);

  /** The draft's id, creating it with the data so far if there is none yet; its address becomes the page's. */
  const ensureDraft = useCallback(async (values: FormValues): Promise<string> => {
    if (draftId) return draftId;
    creating.current ??= post<Api.Dossier>('/api/dossiers', { demarche: id, data: withoutPieces(values), draft: true }).then((created) => {
      // The page's address becomes the draft's, which reads the draft and its démarche's version:
      // both are known already, so the form stays on its step instead of loading again from the first.
      queryClient.setQueryData(keys.dossier(created.id), created);
      if (demarche.data?.version === created.demarche.version) queryClient.setQueryData(keys.demarche(id, created.demarche.version), demarche.data);
      setDraftId(created.id);
      setSavedAt(created.updatedAt);
      navigate(`/demarches/${id}/brouillons/${created.id}`, { replace: true });
      return created.id;
    }).finally(() => { creating.current = null; });
    return creating.current;
  }, [draftId, id, navigate, queryClient, demarche.data]);

  const saveDraft = async (values: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      const clean = withoutPieces(values);
      let target = draftId;
      if (!target) target = await ensureDraft(clean);
      else {
        const saved = await put<Api.Dossier>(`/api/dossiers/${target}/draft`, { data: clean });
        setSavedAt(saved.updatedAt);
      }
      if (formRoot.current) rememberStep(target, currentStep(formRoot.current));
      await refresh(target);
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : 'Le brouillon n’a pas pu être enregistré : vérifiez votre connexion et réessayez.');
    } finally {
      setSaving(false);
    }
  };

  const uploadPiece = async (pieceId: string, file: File, onProgress: (fraction: number) => void) => {
    const target = await ensureDraft(latest.current);
    const form = new FormData();
    form.append('piece', pieceId);
    form.append('file', file, file.name);
    try {
      const answer = await upload<Api.Attached>(`/api/dossiers/${target}/documents`, form, onProgress);
      rememberStep(target, formRoot.current ? currentStep(formRoot.current) : null);
      await refresh(target);
      return answer;
    } catch (e) {
      throw new Error(e instanceof ApiError ? e.problem.detail : 'le serveur ne répond pas.');
    }
  };

  const submit = async (values: FormValues) => {
    setSubmitting(true);
    setError(null);
    setServerErrors(undefined);
    const clean = withoutPieces(values);
    try {
      let target = draftId;
      if (!target) target = await ensureDraft(clean);
      else await put<Api.Dossier>(`/api/dossiers/${target}/draft`, { data: clean });
      const filed = await post<Api.Dossier>(`/api/dossiers/${target}/submit`, undefined, { 'Idempotency-Key': attemptKey(target) });
      forgetStep(target);
      await refresh(target, filed);
      navigate(`/mes-dossiers/${filed.id}`, { state: { filed: filed.reference } satisfies FiledState });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.problem.errors?.length) {
        // Each error is shown on its field (and in the form's summary of errors).
        setServerErrors(e.problem.errors);
      } else if (e instanceof ApiError && e.status === 409 && draftId) {
        navigate(`/mes-dossiers/${draftId}`);
      } else {
        setError(e instanceof ApiError ? e.problem.detail : 'Votre demande n’a pas pu être envoyée : vérifiez votre connexion et réessayez.');
      }
    } finally {
      setSubmitting(false);
    }
  };

  const piecesContext: PiecesContextValue = {
    pieces,
    documents: docs,
    data: data ?? {},
    upload: uploadPiece,
    draftPending: !draftId,
    loading: !!draftId && documents.isPending,
  };

  if (dossierId && draft.data && draft.data.status !== 'brouillon') return <Navigate to={`/mes-dossiers/${dossierId}`} replace />;
  if (dossierId && draft.data && draft.data.demarche.id !== id) {
    return <Navigate to={`/demarches/${draft.data.demarche.id}/brouillons/${dossierId}`} replace />;
  }

  const failed = (dossierId && draft.isError) || demarche.isError;
  if (failed) {
    const cause = (dossierId && draft.error) || demarche.error;
    const notFound = cause instanceof ApiError && cause.status === 404;
    return (
      <>
        <h1>{notFound ? (dossierId ? 'Brouillon introuvable' : 'Démarche introuvable') : 'La démarche n’a pas pu être chargée'}</h1>
        <p>
          {notFound
            ? (dossierId ? 'Ce brouillon n’existe pas, ou il ne vous appartient pas.' : 'Cette démarche n’existe pas ou n’est plus proposée en ligne.')
            : 'Rechargez la page dans quelques instants.'}
        </p>
        <p><Link to={dossierId ? '/mes-dossiers' : '/'}>{dossierId ? 'Revenir à mes dossiers' : 'Revenir à la liste des démarches'}</Link></p>
      </>
    );
  }

  if (!definition || !formData) return <p role="status">Chargement du formulaire…</p>;

  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li><Link className="fr-breadcrumb__link" to="/">Démarches</Link></li>
          {dossierId && <li><Link className="fr-breadcrumb__link" to="/mes-dossiers">Mes dossiers</Link></li>}
          <li><a className="fr-breadcrumb__link" aria-current="page">{demarche.data?.title}</a></li>
        </ol>
      </nav>
      <h1>{demarche.data?.title}</h1>
      <p className="fr-text--lead">{demarche.data?.summary}</p>
      {draft.data && <p className="fr-text--sm">Brouillon n° {draft.data.reference}</p>}
      <div role="alert">
        {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w"><p>{error}</p></div>}
      </div>
      <div ref={formRoot}>
        <PiecesContext.Provider value={piecesContext}>
          <DemarcheForm
            definition={definition}
            data={formData}
            onChange={(next) => setData(withoutPieces(next))}
            onSaveDraft={(values) => void saveDraft(values)}
            onSubmit={(values) => void submit(values)}
            submitting={submitting}
            savingDraft={saving}
            draftSavedAt={savedAt}
            serverErrors={serverErrors}
            submitLabel="Déposer ma demande"
            idPrefix={ID_PREFIX}
          />
        </PiecesContext.Provider>
      </div>
    </>
  );
}
