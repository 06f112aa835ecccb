import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { diffDefinitions, isSound, lint, type DefinitionDiff, type Demarche } from '../../engine';
import { publish } from '../demarches';
import { problems } from '../problems';
import type { Runtime } from '../runtime';
import { DemarcheDraft, DemarcheVersion, writable, type DemarcheDraftRow, type DemarcheVersionRow, type UserRow } from '../store';
import { blockingErrors, lintProblems, warningsOf, type LintProblem } from './lintProblems';
import { isUniqueViolation } from './uniqueViolation';

/** The definition the Procédures team edits, with what the linter says of it. */
export interface DraftView {
  demarcheId: string;
  /** « brouillon »: a saved draft; « publiee »: no draft yet, the latest published version to start from. */
  source: 'brouillon' | 'publiee';
  /** The latest published version, null before the first publication. */
  publishedVersion: number | null;
  /** As saved: it may be unsound, even incomplete. */
  definition: unknown;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Send it back in If-Match to save only over the draft you loaded. */
  etag: string;
  /** True when the linter finds no error: it could be published as it is. */
  sound: boolean;
  problems: LintProblem[];
}

/** What publishing answers: the new version and what it changes. */
export interface Publication {
  demarcheId: string;
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  diff: DefinitionDiff;
  warnings: { pointer: string; message: string }[];
}

const SLUG = /^[a-z][a-z0-9_-]{0,63}$/;

function etagOf(definition: unknown): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 20);
}

/** Lints a draft as it would be published: under the next version number. */
function lintDraft(definition: unknown, publishedVersion: number | null) {
  const found = lint(definition && typeof definition === 'object' ? { ...definition, version: (publishedVersion ?? 0) + 1 } : definition);
  return { sound: isSound(found), problems: lintProblems(found) };
}

function latestPublished(m: EntityManager, demarcheId: string): Promise<DemarcheVersionRow | null> {
  return m.findOne(DemarcheVersion, { where: { demarcheId }, order: { version: 'DESC' } });
}

function view(demarcheId: string, source: DraftView['source'], definition: unknown, published: DemarcheVersionRow | null, draft: DemarcheDraftRow | null): DraftView {
  return {
    demarcheId, source, publishedVersion: published?.version ?? null, definition,
    updatedAt: draft?.updatedAt ?? null, updatedBy: draft?.updatedBy ?? null, etag: etagOf(definition),
    ...lintDraft(definition, published?.version ?? null),
  };
}

/** The body must be a JSON object; its `id`, when given, must be the démarche's. */
function asDefinition(input: unknown, demarcheId: string): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw problems.badRequest('Le corps de la requête doit être la définition de la démarche (un objet JSON).');
  const definition = input as Record<string, unknown>;
  if (definition.id !== undefined && definition.id !== demarcheId) {
    const message = `L’identifiant de la définition (« ${String(definition.id)} ») n’est pas celui de l’adresse (« ${demarcheId} ») : l’identifiant d’une démarche ne change pas.`;
    throw problems.badRequest(message, [{ pointer: '/id', field: 'id', message }]);
  }
  return { ...definition, id: demarcheId };
}

/** A new démarche: its first draft. 409 when the id is taken (published or drafted). */
export async function createDraft(rt: Runtime, user: UserRow, input: unknown): Promise<DraftView> {
  const id = input && typeof input === 'object' && !Array.isArray(input) ? (input as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || !SLUG.test(id)) {
    const message = 'Donnez à la nouvelle démarche un identifiant « id » : lettres minuscules sans accent, chiffres et « - » (par exemple « inscription-scolaire »).';
    throw problems.badRequest(message, [{ pointer: '/id', field: 'id', message }]);
  }
  const definition = asDefinition(input, id);
  const now = rt.clock.now().toISOString();
  try {
    return await rt.db.write(async (m) => {
      if ((await latestPublished(m, id)) || (await m.findOneBy(DemarcheDraft, { demarcheId: id }))) {
        throw problems.conflict(`La démarche « ${id} » existe déjà : modifiez son brouillon (PUT /api/demarches/${id}/draft) ou choisissez un autre identifiant.`);
      }
      const row: DemarcheDraftRow = { demarcheId: id, definition: definition as unknown as Demarche, updatedAt: now, updatedBy: user.id };
      await m.insert(DemarcheDraft, writable(row));
      return view(id, 'brouillon', definition, null, row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problems.conflict(`La démarche « ${id} » vient d’être créée par quelqu’un d’autre.`);
    throw e;
  }
}

/** The draft, or else the latest published version as a starting point; 404 when the démarche is unknown. */
export async function readDraft(rt: Runtime, demarcheId: string): Promise<DraftView> {
  return rt.db.read(async (m) => {
    const draft = await m.findOneBy(DemarcheDraft, { demarcheId });
    const published = await latestPublished(m, demarcheId);
    if (draft) return view(demarcheId, 'brouillon', draft.definition, published, draft);
    if (published) return view(demarcheId, 'publiee', published.definition, published, null);
    throw problems.notFound(`La démarche « ${demarcheId} » n’existe pas : créez-la (POST /api/demarches).`);
  });
}

/**
 * Saves the draft as it is, sound or not (the answer lists the problems). With `expected` (the
 * ETag of the draft the editor loaded), refuses to overwrite someone else's changes.
 */
export async function saveDraft(rt: Runtime, user: UserRow, demarcheId: string, input: unknown, expected?: string): Promise<DraftView> {
  const definition = asDefinition(input, demarcheId);
  const now = rt.clock.now().toISOString();
  try {
    return await rt.db.write(async (m) => {
      const draft = await m.findOneBy(DemarcheDraft, { demarcheId });
      const published = await latestPublished(m, demarcheId);
      if (!draft && !published) throw problems.notFound(`La démarche « ${demarcheId} » n’existe pas : créez-la (POST /api/demarches).`);
      const current = draft?.definition ?? published!.definition;
      if (expected !== undefined && expected !== etagOf(current)) {
        throw problems.conflict(`Le brouillon a été modifié entre-temps${draft?.updatedAt ? ` (le ${draft.updatedAt})` : ''} : rechargez-le avant d’enregistrer, pour ne pas effacer ces changements.`, { etag: etagOf(current) });
      }
      const row: DemarcheDraftRow = { demarcheId, definition: definition as unknown as Demarche, updatedAt: now, updatedBy: user.id };
      if (draft) await m.update(DemarcheDraft, { demarcheId }, writable<DemarcheDraftRow>({ definition: row.definition, updatedAt: now, updatedBy: user.id }));
      else await m.insert(DemarcheDraft, writable(row));
      return view(demarcheId, 'brouillon', definition, published, row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problems.conflict('Le brouillon vient d’être créé par quelqu’un d’autre : rechargez-le avant d’enregistrer.');
    throw e;
  }
}

/**
 * Publishes the draft as the next version, if the linter finds it sound; otherwise a 422 with every
 * error, its JSON pointer and its French message, and nothing changes. Dossiers already filed stay
 * on the version they were filed under; new ones get this one.
 */
export async function publishDraft(rt: Runtime, user: UserRow, demarcheId: string): Promise<Publication> {
  const now = rt.clock.now().toISOString();
  try {
    return await rt.db.write(async (m) => {
      const draft = await m.findOneBy(DemarcheDraft, { demarcheId });
      if (!draft) throw problems.notFound(`Il n’y a pas de brouillon de la démarche « ${demarcheId} » à publier : enregistrez-en un d’abord (PUT /api/demarches/${demarcheId}/draft).`);
      const previous = await latestPublished(m, demarcheId);
      const result = await publish(m, { ...draft.definition, id: demarcheId }, user.id, now);
      if (!result.ok) {
        const errors = blockingErrors(result.problems, 'Définition');
        throw problems.unprocessable('definition-invalide', 'Définition non publiable',
          `La définition a ${errors.length} erreur${errors.length > 1 ? 's' : ''} : corrigez-${errors.length > 1 ? 'les' : 'la'} avant de publier (voir « errors »). Rien n’a été publié.`,
          errors, { warnings: warningsOf(result.problems) });
      }
      return {
        demarcheId, version: result.row.version, publishedAt: result.row.publishedAt, publishedBy: result.row.publishedBy,
        diff: diffDefinitions(previous?.definition ?? null, result.row.definition),
        warnings: warningsOf(lint(result.row.definition)),
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw problems.conflict(`Une autre publication de « ${demarcheId} » vient d’avoir lieu : rechargez le brouillon et vérifiez-le avant de publier.`);
    throw e;
  }
}
