/** Checking and publishing a draft: the live linter, the difference with the published version, publication. */
export { useLint } from './useLint';
export { LintPanel, type LintPanelProps } from './LintPanel';
export { PublishPanel, type PublishPanelProps } from './PublishPanel';
export { DiffView } from './DiffView';
