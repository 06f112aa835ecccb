import { useCallback, useEffect, useRef, useState } from 'react';
import type { Demarche } from '../../engine';
import { ApiError, get, request, type Api } from '../../ui/api';
import { canRedo, canUndo, commit, history, redo, undo, type History } from '../model';

/** Where the draft stands against the server. */
export type SaveStatus =
  | { kind: 'enregistre'; at: string | null }
  | { kind: 'modifie' }
  | { kind: 'enregistrement' }
  | { kind: 'conflit'; message: string }
  | { kind: 'erreur'; message: string };

/** Edits typed within this time on the same thing are one step of undo. */
const GROUP_MS = 1200;
/** Autosave after this long without an edit. */
const AUTOSAVE_MS = 2000;

export interface DraftEditor {
  loading: boolean;
  loadError: string | null;
  definition: Demarche | null;
  publishedVersion: number | null;
  status: SaveStatus;
  /** A new definition; edits with the same `group` typed in a row are one step of undo. */
  change: (next: Demarche, group?: string) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  /** Saves now (If-Match the draft loaded); resolves to false when refused. */
  save: () => Promise<boolean>;
  /** Reloads the server's draft, dropping local changes (after a conflict). */
  reload: () => Promise<void>;
  /** After publishing: the server's version number. */
  setPublishedVersion: (v: number) => void;
}

/**
 * The draft of a démarche as the designer edits it: loaded from the server, every edit kept in an
 * undo history, saved (automatically after a pause, or on demand) over the very draft loaded, so
 * that someone else's changes are never overwritten silently.
 */
export function useDraft(id: string): DraftEditor {
  const [h, setH] = useState<History<Demarche> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [publishedVersion, setPublishedVersion] = useState<number | null>(null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'enregistre', at: null });
  const etag = useRef('');
  const saved = useRef<Demarche | null>(null);
  const last = useRef<{ group: string; at: number } | null>(null);
  const saving = useRef<Promise<boolean> | null>(null);
  const present = useRef<Demarche | null>(null);
  present.current = h?.present ?? null;

  const load = useCallback(async () => {
    try {
      const draft = await get<Api.Draft>(`/api/demarches/${encodeURIComponent(id)}/draft`);
      etag.current = draft.etag;
      saved.current = draft.definition as unknown as Demarche;
      setPublishedVersion(draft.publishedVersion);
      setH(history(draft.definition as unknown as Demarche));
      setStatus({ kind: 'enregistre', at: draft.updatedAt });
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : 'Le brouillon n’a pas pu être chargé.');
    }
  }, [id]);

  useEffect(() => { void load(); }, [load]);

  const save = useCallback(async (): Promise<boolean> => {
    if (saving.current) await saving.current;
    const definition = present.current;
    if (!definition) return false;
    if (definition === saved.current) return true;
    const run = (async () => {
      setStatus({ kind: 'enregistrement' });
      try {
        const draft = await request<Api.Draft>('PUT', `/api/demarches/${encodeURIComponent(id)}/draft`, { body: definition, headers: { 'if-match': `"${etag.current}"` } });
        etag.current = draft.etag;
        saved.current = definition;
        setStatus(present.current === definition ? { kind: 'enregistre', at: draft.updatedAt } : { kind: 'modifie' });
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) setStatus({ kind: 'conflit', message: e.message });
        else setStatus({ kind: 'erreur', message: e instanceof ApiError ? e.message : 'Le serveur ne répond pas : vos changements sont gardés dans cette page, réessayez.' });
        return false;
      }
    })();
    saving.current = run;
    try {
      return await run;
    } finally {
      saving.current = null;
    }
  }, [id]);

  const change = useCallback((next: Demarche, group?: string) => {
    const now = Date.now();
    const same = group !== undefined && last.current?.group === group && now - last.current.at < GROUP_MS;
    last.current = group !== undefined ? { group, at: now } : null;
    setH((prev) => (prev ? (same ? { ...prev, present: next, future: [] } : commit(prev, next)) : prev));
    setStatus((s) => (s.kind === 'conflit' ? s : { kind: 'modifie' }));
  }, []);

  // Autosave after a pause; not over a conflict, which the person must settle.
  useEffect(() => {
    if (!h || h.present === saved.current || status.kind === 'conflit' || status.kind === 'enregistrement') return undefined;
    const timer = setTimeout(() => { void save(); }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [h, save, status.kind]);

  const move = (fn: (x: History<Demarche>) => History<Demarche>) => {
    last.current = null;
    setH((prev) => (prev ? fn(prev) : prev));
    setStatus((s) => (s.kind === 'conflit' ? s : { kind: 'modifie' }));
  };

  return {
    loading: !h && !loadError,
    loadError,
    definition: h?.present ?? null,
    publishedVersion,
    status,
    change,
    undo: () => move(undo),
    redo: () => move(redo),
    canUndo: h ? canUndo(h) : false,
    canRedo: h ? canRedo(h) : false,
    save,
    reload: load,
    setPublishedVersion,
  };
}
