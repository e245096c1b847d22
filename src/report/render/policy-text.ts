/** What training learned and why it stopped, in words: for the terminal and report.html alike. */
import type { MarketModelSummary } from '../../strategy/policy-map.js';

/** The market model in one sentence: the drift it follows and whether its states differ. */
export function modelSentence(model: MarketModelSummary): string {
  const drift = `The market model expects a drift of ${(model.drift * 100).toFixed(1)}% a year (the training days alone: ${(model.dataDrift * 100).toFixed(1)}%)`;
  const bp = (sd: number) => (sd * 10_000).toFixed(1);
  const parts = model.byIndicator.length > 0 ? ` (${model.byIndicator.map((f) => `${f.indicator} ${bp(f.sd)}`).join(', ')}, and ${bp(model.beyondIndicatorsSd)} beyond them)` : '';
  return model.statesDiffer
    ? `${drift}; its market states differ beyond noise: their true daily moves spread by about ${bp(model.betweenStateSd)} bp around each other${parts}, against ${(model.noiseSd * 100).toFixed(2)}% of daily noise.`
    : `${drift}; it found no difference between its market states beyond noise (daily noise ${(model.noiseSd * 100).toFixed(2)}%), so every state expects the drift.`;
}

/** Why training stopped, in words: what converged, or that the epoch limit came first. */
export function stopReason(training: { converged: boolean; changedDays: number }, patience: number): string {
  if (training.converged) return `converged: the greedy policy's positions did not change for ${patience} epochs`;
  return `epoch limit; the last epoch still changed the position on ${training.changedDays.toLocaleString('en-US')} training day${training.changedDays === 1 ? '' : 's'}`;
}
