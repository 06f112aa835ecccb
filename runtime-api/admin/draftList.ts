import { isSound, lint } from '../../engine';
import type { Runtime } from '../runtime';
import { DemarcheDraft, DemarcheVersion, type DemarcheVersionRow } from '../store';

/** One draft as the designer's home lists it. */
export interface DraftSummary {
  demarcheId: string;
  /** The draft's own title (it may differ from the published one), or its id when it has none. */
  title: string;
  /** The latest published version, null before the first publication. */
  publishedVersion: number | null;
  updatedAt: string;
  updatedBy: string | null;
  /** The linter finds no error: it could be published as it is. */
  sound: boolean;
  /** How many errors the linter finds. */
  errors: number;
}

/** Every saved draft, the most recently changed first, with what the linter says of it. */
export async function listDrafts(rt: Runtime): Promise<DraftSummary[]> {
  return rt.db.read(async (m) => {
    const drafts = await m.find(DemarcheDraft, { order: { updatedAt: 'DESC' } });
    const versions = await m.find(DemarcheVersion, { select: { demarcheId: true, version: true } });
    const latest = new Map<string, number>();
    for (const v of versions as Pick<DemarcheVersionRow, 'demarcheId' | 'version'>[]) latest.set(v.demarcheId, Math.max(latest.get(v.demarcheId) ?? 0, v.version));
    return drafts.map((d) => {
      const publishedVersion = latest.get(d.demarcheId) ?? null;
      const definition = d.definition as unknown;
      const title = definition && typeof definition === 'object' && typeof (definition as { title?: unknown }).title === 'string' ? (definition as { title: string }).title : d.demarcheId;
      // Linted as it would be published: under the next version number.
      const found = lint(definition && typeof definition === 'object' ? { ...definition, version: (publishedVersion ?? 0) + 1 } : definition);
      return {
        demarcheId: d.demarcheId, title, publishedVersion, updatedAt: d.updatedAt, updatedBy: d.updatedBy,
        sound: isSound(found), errors: found.filter((p) => p.severity === 'error').length,
      };
    });
  });
}
