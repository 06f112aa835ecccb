import { stateGraph, type Demarche } from '../../engine';

/** Every state of the workflow as a choice for a select: its French label, indented under its parent, and its path. */
export function stateChoices(definition: Demarche): { value: string; label: string }[] {
  return stateGraph(definition.workflow).nodes.filter((n) => n.parent !== null).map((n) => {
    const depth = n.path.split('.').length - 1;
    const label = ('meta' in n.config && n.config.meta?.label) || n.key;
    return { value: n.path, label: `${'\u00a0\u00a0'.repeat(depth)}${label} (${n.path})` };
  });
}

/** A state's French label (its key when it has none); « À tout moment » for the workflow itself. */
export function stateLabel(definition: Demarche, path: string): string {
  if (path === '') return 'À tout moment';
  const node = stateGraph(definition.workflow).byPath.get(path);
  if (!node) return path;
  return ('meta' in node.config && node.config.meta?.label) || node.key;
}
