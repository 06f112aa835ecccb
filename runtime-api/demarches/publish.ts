import type { EntityManager } from 'typeorm';
import { compile, isSound, lint, runScenarios, type Demarche, type Problem } from '../../engine';
import { DemarcheDraft, DemarcheVersion, writable, type DemarcheVersionRow } from '../store';

/**
 * Publishes a definition as the démarche's next version, if the linter finds it sound. The
 * version number is the server's: one more than the latest. Running dossiers keep theirs.
 */
export async function publish(m: EntityManager, definition: Demarche, by: string | null, now: string): Promise<{ ok: true; row: DemarcheVersionRow } | { ok: false; problems: Problem[] }> {
  const latest = await m.findOne(DemarcheVersion, { where: { demarcheId: definition.id }, order: { version: 'DESC' } });
  const versioned: Demarche = { ...definition, version: (latest?.version ?? 0) + 1 };
  const problems = lint(versioned);
  if (!isSound(problems)) return { ok: false, problems };
  // The scenarios kept with the definition must still pass: they are its executable specification.
  const failed = runScenarios(versioned).filter((r) => !r.ok);
  if (failed.length > 0) {
    return {
      ok: false,
      problems: failed.map((r) => ({ rule: 'scenario' as const, severity: 'error' as const, pointer: r.failure!.pointer, message: `Scénario « ${r.title} » : ${r.failure!.message}` })),
    };
  }
  compile(versioned);
  const row: DemarcheVersionRow = {
    demarcheId: versioned.id, version: versioned.version, title: versioned.title, category: versioned.category,
    definition: versioned, publishedAt: now, publishedBy: by,
  };
  await m.insert(DemarcheVersion, writable(row));
  await m.delete(DemarcheDraft, { demarcheId: versioned.id });
  return { ok: true, row };
}
