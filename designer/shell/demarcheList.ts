import type { Api } from '../../ui/api';

/** One démarche on the designer's home: published, drafted, or both. */
export interface DesignRow {
  id: string;
  title: string;
  category: string | null;
  publishedVersion: number | null;
  draft: { updatedAt: string; errors: number; sound: boolean } | null;
}

/** The published catalogue and the drafts, one row per démarche, sorted by title. */
export function designRows(published: readonly Api.DemarcheSummary[], drafts: Api.DraftList['drafts']): DesignRow[] {
  const rows = new Map<string, DesignRow>();
  for (const p of published) rows.set(p.id, { id: p.id, title: p.title, category: p.category, publishedVersion: p.version, draft: null });
  for (const d of drafts) {
    const row = rows.get(d.demarcheId);
    const draft = { updatedAt: d.updatedAt, errors: d.errors, sound: d.sound };
    if (row) rows.set(d.demarcheId, { ...row, title: d.title, draft });
    else rows.set(d.demarcheId, { id: d.demarcheId, title: d.title, category: null, publishedVersion: d.publishedVersion, draft });
  }
  return [...rows.values()].sort((a, b) => a.title.localeCompare(b.title, 'fr'));
}
