/**
 * The pièces justificatives of a démarche: for each, a DSFR upload field saying which formats
 * and what size are accepted, checking the files before they leave, showing the upload's
 * progress and the files already there. It does not call the API: `upload` does.
 */
import { useId, useRef, useState, type ChangeEvent } from 'react';
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import type { Piece } from '../../engine';
import { needsOptionalMark, OPTIONAL_MARK } from './controls';
import { extensionsOf, formatMediaTypes, formatSize } from './format';

/** The media types accepted when a pièce does not say (the format's default). */
export const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];

export interface UploadedFile {
  /** The pièce the file justifies (`piece`, as the API's documents name it, is read too). */
  pieceId?: string;
  piece?: string | null;
  name: string;
  /** In bytes. */
  size: number;
}

/** A pièce given in a list rather than by id (`{ id, ...definition.pieces[id] }`). */
export type PieceInput = Omit<Piece, 'description'> & { id: string; description?: string | null };

export interface PieceUploadProps {
  /** The démarche's pièces (`definition.pieces`), or a list of them with their ids. */
  pieces: Readonly<Record<string, Piece>> | readonly PieceInput[] | undefined;
  /** Sends one file; reports its progress (0 to 1); rejects with an Error whose message is shown (in French). */
  upload: (pieceId: string, file: File, onProgress: (fraction: number) => void) => Promise<unknown>;
  /** The files already attached. */
  uploaded: readonly UploadedFile[];
  /** The form's data, to decide the pièces required under a condition (JSON Logic over `{ data }`). */
  data?: unknown;
  /** Whether each pièce is required, when the caller knows better (e.g. the API's missing pièces). */
  required?: Readonly<Record<string, boolean>>;
  disabled?: boolean;
  /** Prefix of the inputs' ids (default: unique). */
  idPrefix?: string;
}

type Requirement = 'required' | 'optional' | 'not-applicable';

/** Whether a pièce is asked: required, optional, or not for this dossier (a condition that does not hold). */
export function pieceRequirement(piece: Piece, data: unknown, override?: boolean): Requirement {
  if (override !== undefined) return override ? 'required' : 'optional';
  const rule = piece.required;
  if (rule === undefined || rule === null || rule === false) return 'optional';
  if (rule === true) return 'required';
  try {
    return jsonLogic.truthy(jsonLogic.apply(rule as RulesLogic, { data: data ?? {} })) ? 'required' : 'not-applicable';
  } catch {
    // An operation only the engine knows (dates…): better ask for the pièce than hide it.
    return 'required';
  }
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot).toLowerCase() : '';
};

/** Whether a file is of an accepted type: its media type, or its extension when the browser does not know it. */
export function isAccepted(file: Pick<File, 'name' | 'type'>, accept: readonly string[]): boolean {
  const type = file.type.toLowerCase();
  if (type) {
    if (accept.some((a) => a.toLowerCase() === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1).toLowerCase())))) return true;
    if (type !== 'application/octet-stream') return false;
  }
  const extension = extensionOf(file.name);
  return accept.some((a) => extensionsOf(a).includes(extension));
}

/** What is wrong with a file for a pièce, in French, or null. */
export function checkFile(file: Pick<File, 'name' | 'type' | 'size'>, piece: Piece): string | null {
  const accept = piece.accept ?? DEFAULT_ACCEPT;
  if (!isAccepted(file, accept)) {
    return `« ${file.name} » n’est pas dans un format accepté : choisissez un fichier ${formatMediaTypes(accept)}.`;
  }
  if (file.size === 0) return `« ${file.name} » est vide : choisissez un autre fichier.`;
  if (piece.maxSize !== undefined && file.size > piece.maxSize) {
    return `« ${file.name} » fait ${formatSize(file.size)} : la taille maximale est de ${formatSize(piece.maxSize)}.`;
  }
  return null;
}

/** « Formats acceptés : PDF, JPEG ou PNG. Taille maximale : 10 Mo par fichier. Plusieurs fichiers possibles. » */
export function pieceHint(piece: Piece): string {
  const accept = piece.accept ?? DEFAULT_ACCEPT;
  const parts = [`Formats acceptés : ${formatMediaTypes(accept)}.`];
  if (piece.maxSize !== undefined) parts.push(`Taille maximale : ${formatSize(piece.maxSize)}${piece.multiple ? ' par fichier' : ''}.`);
  if (piece.multiple) parts.push('Plusieurs fichiers possibles.');
  return parts.join(' ');
}

interface Progress {
  name: string;
  fraction: number;
}

function PieceField({ id, pieceId, piece, requirement, files, upload, disabled }: {
  id: string; pieceId: string; piece: Piece; requirement: Requirement; files: readonly UploadedFile[];
  upload: PieceUploadProps['upload']; disabled: boolean;
}) {
  const [errors, setErrors] = useState<string[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const accept = piece.accept ?? DEFAULT_ACCEPT;
  const acceptAttribute = [...accept, ...accept.flatMap(extensionsOf)].join(',');
  const hintId = `${id}-hint`;
  const messagesId = `${id}-messages`;
  const busy = progress !== null;

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    if (chosen.length === 0) return;
    const problems: string[] = [];
    const valid: File[] = [];
    for (const file of piece.multiple ? chosen : chosen.slice(0, 1)) {
      const problem = checkFile(file, piece);
      if (problem) problems.push(problem);
      else valid.push(file);
    }
    if (!piece.multiple && chosen.length > 1) problems.push('Un seul fichier est attendu pour cette pièce.');
    setErrors(problems);
    const sent: string[] = [];
    for (const file of valid) {
      setProgress({ name: file.name, fraction: 0 });
      setStatus(`Envoi de « ${file.name} » en cours.`);
      try {
        await upload(pieceId, file, (fraction) => setProgress({ name: file.name, fraction: Math.max(0, Math.min(1, fraction)) }));
        sent.push(file.name);
      } catch (error) {
        const reason = error instanceof Error && error.message ? error.message : 'le serveur ne l’a pas accepté.';
        problems.push(`L’envoi de « ${file.name} » a échoué : ${reason}`);
        setErrors([...problems]);
      }
    }
    setProgress(null);
    if (input.current) input.current.value = '';
    if (sent.length > 0) setStatus(sent.length === 1 ? `« ${sent[0]} » a été envoyé.` : `${sent.length} fichiers ont été envoyés.`);
    else if (problems.length > 0) setStatus('');
  };

  const percent = progress ? Math.round(progress.fraction * 100) : 0;
  const hasError = errors.length > 0;
  return (
    <div className={`fr-upload-group guichet-piece${hasError ? ' fr-upload-group--error' : ''}${disabled ? ' fr-upload-group--disabled' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {piece.label}
        {requirement !== 'required' && needsOptionalMark(piece.label) && <span className="guichet-optional">{OPTIONAL_MARK}</span>}
      </label>
      <p className="fr-hint-text guichet-hint" id={hintId}>
        {piece.description && <>{piece.description}<br /></>}
        {pieceHint(piece)}
      </p>
      <input
        ref={input}
        className="fr-upload"
        type="file"
        id={id}
        name={id}
        accept={acceptAttribute}
        multiple={piece.multiple === true}
        disabled={disabled || busy}
        aria-describedby={`${hintId} ${messagesId}`}
        aria-invalid={hasError || undefined}
        onChange={(e) => void onFiles(e)}
      />
      <div className="fr-messages-group" id={messagesId} aria-live="polite">
        {errors.map((e, i) => <p className="fr-message fr-message--error" key={i}>{e}</p>)}
      </div>
      {progress && (
        <div className="guichet-upload-progress">
          <label className="fr-text--sm" htmlFor={`${id}-progress`}>Envoi de « {progress.name} »</label>
          <progress id={`${id}-progress`} max={100} value={percent}>{percent} %</progress>
          <span className="fr-text--sm" aria-hidden="true">{percent} %</span>
        </div>
      )}
      {files.length > 0 && (
        <div className="guichet-uploaded">
          <p className="fr-text--sm fr-mb-1v">{files.length > 1 ? 'Fichiers déposés :' : 'Fichier déposé :'}</p>
          <ul className="guichet-uploaded__list">
            {files.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                <span className="fr-icon-file-line fr-icon--sm" aria-hidden="true" /> {f.name}{' '}
                <span className="guichet-uploaded__size">({formatSize(f.size)})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="fr-sr-only" role="status">{status}</p>
    </div>
  );
}

/** Every pièce of a démarche that applies to this dossier, each with its upload field. */
export function PieceUpload({ pieces, upload, uploaded, data, required, disabled = false, idPrefix }: PieceUploadProps) {
  const generated = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const prefix = idPrefix ?? `piece-${generated}`;
  const list: [string, Piece][] = Array.isArray(pieces)
    ? (pieces as readonly PieceInput[]).map(({ id, description, ...piece }) => [id, { ...piece, description: description ?? undefined }])
    : Object.entries((pieces ?? {}) as Readonly<Record<string, Piece>>);
  const entries = list
    .map(([pieceId, piece]) => ({
      pieceId,
      piece,
      requirement: pieceRequirement(piece, data, required?.[pieceId]),
      files: uploaded.filter((f) => (f.pieceId ?? f.piece) === pieceId),
    }))
    // A pièce whose condition does not hold is not asked, unless files were already sent for it.
    .filter((e) => e.requirement !== 'not-applicable' || e.files.length > 0);
  if (entries.length === 0) return <p>Aucune pièce justificative n’est demandée.</p>;
  return (
    <div className="guichet-pieces">
      <p className="fr-hint-text">Sauf mention contraire, toutes les pièces sont obligatoires.</p>
      {entries.map(({ pieceId, piece, requirement, files }) => (
        <PieceField
          key={pieceId}
          id={`${prefix}-${pieceId}`}
          pieceId={pieceId}
          piece={piece}
          requirement={requirement}
          files={files}
          upload={upload}
          disabled={disabled}
        />
      ))}
    </div>
  );
}
