import { useEffect, useState } from 'react';
import type { Demarche, ScenarioResult } from '../../engine';
import { checkScenarios } from './logic';

/**
 * The verdicts of a draft's scenarios, played again a moment after the draft stops changing (each
 * keystroke of an edit would otherwise replay them all). `current` is false while the verdicts are
 * those of an earlier version of the draft.
 */
export function useScenarioResults(definition: Demarche, delay = 400): { results: ScenarioResult[] | null; current: boolean } {
  const [verdict, setVerdict] = useState<{ of: Demarche; results: ScenarioResult[] } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setVerdict({ of: definition, results: checkScenarios(definition) }), delay);
    return () => clearTimeout(timer);
  }, [definition, delay]);
  return { results: verdict?.results ?? null, current: verdict?.of === definition };
}
