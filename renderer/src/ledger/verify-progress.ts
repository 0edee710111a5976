// One progress bar over the whole of verifyWorkspace: its four phases each count from 0 to their own
// total, so a bar fed `done / total` would restart at 0 three times. Phases are weighted by their usual
// share of the time (reading and hashing entries dominates) and named, "phase k of 4".
import { WORKSPACE_PHASES, type WorkspaceProgress } from '../store/verify.ts';

/** Share of the whole verification each phase takes on the bar (they sum to 1). */
export const VERIFY_PHASE_WEIGHTS: Readonly<Record<WorkspaceProgress['phase'], number>> = {
  entries: 0.7,
  checkpoints: 0.05,
  state: 0.15,
  files: 0.1,
};

/** What each phase does, for people. */
export const VERIFY_PHASE_LABELS: Readonly<Record<WorkspaceProgress['phase'], string>> = {
  entries: 'entries, hashes and replay',
  checkpoints: 'checkpoints and their consistency',
  state: 'stored state against the replay',
  files: 'stored files against their SHA-256',
};

/** The progress before the first report of a run (phase 1, nothing done yet). */
export const VERIFY_STARTED: WorkspaceProgress = { phase: 'entries', done: 0, total: 0 };

/** Fraction (0…1) of the whole verification done at `p`: earlier phases' weights plus this one's share; never decreases across phases; never throws. */
export function verifyFraction(p: WorkspaceProgress): number {
  let before = 0;
  for (const phase of WORKSPACE_PHASES) {
    if (phase === p.phase) break;
    before += VERIFY_PHASE_WEIGHTS[phase];
  }
  const within = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
  return Math.min(1, before + VERIFY_PHASE_WEIGHTS[p.phase] * within);
}

/** "Phase k of 4: what (done of total)" for `p`; never throws. */
export function verifyPhaseText(p: WorkspaceProgress): string {
  const k = WORKSPACE_PHASES.indexOf(p.phase) + 1;
  const count = p.total > 0 ? ` (${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')})` : '';
  return `Phase ${k} of ${WORKSPACE_PHASES.length}: ${VERIFY_PHASE_LABELS[p.phase]}${count}`;
}
