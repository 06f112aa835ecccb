import { useEffect, useState } from 'react';
import { lint, type Demarche, type Problem } from '../../engine';

/**
 * The linter's problems with the definition being edited, run in the browser a moment after each
 * edit (not on every keystroke), as it would be published: under the next version number.
 */
export function useLint(definition: Demarche | null, publishedVersion: number | null, delay = 300): Problem[] {
  const [problems, setProblems] = useState<Problem[]>(() => (definition ? lint({ ...definition, version: (publishedVersion ?? 0) + 1 }) : []));
  useEffect(() => {
    if (!definition) return undefined;
    const timer = setTimeout(() => setProblems(lint({ ...definition, version: (publishedVersion ?? 0) + 1 })), delay);
    return () => clearTimeout(timer);
  }, [definition, publishedVersion, delay]);
  return problems;
}
