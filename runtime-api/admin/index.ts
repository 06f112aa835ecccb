/** Administration of the platform: staff accounts, and the Procédures team's drafts and publications. */
export {
  staffAccount, listStaff, staffByEmail, createStaff, updateStaff, setStaffPassword, checked,
  newStaffSchema, staffChangesSchema, passwordSchema, type StaffAccount, type NewStaff, type StaffChanges,
} from './accounts';
export { createDraft, readDraft, saveDraft, publishDraft, type DraftView, type Publication } from './drafts';
export { listDrafts, type DraftSummary } from './draftList';
export { blockingErrors, warningsOf, lintProblems, fieldAt, type LintProblem } from './lintProblems';
export { isUniqueViolation } from './uniqueViolation';
