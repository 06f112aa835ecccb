/**
 * Where the citizen left a draft: the step of the form is remembered in this browser when they
 * save or send a file, and the form moves back to it when the draft is reopened.
 *
 * <DemarcheForm> keeps its step to itself (no prop sets it): the step is read from the id of its
 * root element (`<prefix>-etape-<page>` or `<prefix>-recapitulatif`), and reached again by going
 * « Suivant » page after page, as the citizen would — each page is checked on the way, so the
 * form stops at the first page that has something to correct.
 */

const KEY = (dossierId: string) => `guichet:brouillon:${dossierId}:etape`;
const RECAP = 'recapitulatif';

/** The step the form shows: a page id, or « recapitulatif ». */
export function currentStep(root: HTMLElement): string | null {
  const form = root.querySelector<HTMLElement>('.guichet-demarche-form');
  if (!form) return null;
  if (form.id.endsWith(`-${RECAP}`)) return RECAP;
  const match = /-etape-(.+)$/.exec(form.id);
  return match ? match[1] : null;
}

export function rememberStep(dossierId: string, step: string | null): void {
  if (!step) return;
  try {
    localStorage.setItem(KEY(dossierId), step);
  } catch {
    // Private browsing without storage: the draft reopens at its first page.
  }
}

export function forgetStep(dossierId: string): void {
  try {
    localStorage.removeItem(KEY(dossierId));
  } catch {
    // Nothing to forget.
  }
}

function rememberedStep(dossierId: string): string | null {
  try {
    return localStorage.getItem(KEY(dossierId));
  } catch {
    return null;
  }
}

const nextFrame = () => new Promise<void>((resolve) => { requestAnimationFrame(() => resolve()); });

/** Waits until the form shows another step than `from` (or gives up: the page had errors). */
async function stepChange(root: HTMLElement, from: string | null): Promise<string | null> {
  for (let i = 0; i < 30; i++) {
    await nextFrame();
    const now = currentStep(root);
    if (now !== from) return now;
  }
  return from;
}

/** Moves the form of a reopened draft to the step where the citizen left it. */
export async function restoreStep(root: HTMLElement, dossierId: string): Promise<void> {
  const target = rememberedStep(dossierId);
  if (!target) return;
  await nextFrame();
  for (let guard = 0; guard < 50; guard++) {
    const step = currentStep(root);
    if (!step || step === target || step === RECAP) return;
    const next = root.querySelector<HTMLButtonElement>('.guichet-demarche-form button[data-action="next"]');
    if (!next) return;
    next.click();
    if ((await stepChange(root, step)) === step) return;
  }
}
