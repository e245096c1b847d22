/**
 * The order in which independent jobs are started. On a few threads the time a
 * batch takes is set by its tail: started in index order, a sweep's heaviest
 * jobs (the last settings of each file) end up alone on one thread while the
 * others idle. Starting the longest first (LPT scheduling) packs them evenly.
 * Results never depend on this order; only the wall-clock time does.
 */
import type { Settings } from '../settings/settings.js';

/**
 * A job's relative cost per training day (for ordering, not a time): learner
 * updates per day x the epochs it may take, which grow with the number of
 * market states (more states take more passes to settle), up to the cap.
 */
export function estimatedCost(settings: Settings): number {
  const { learner, trader } = settings;
  const marketStates = trader.bins ** trader.indicators.length;
  // The market model updates every (position, action) pair per real step; the classic model one.
  const realUpdates = learner.model === 'market' ? trader.levels.length ** 2 : 1;
  const epochs = Math.min(trader.epochs, Math.max(trader.minEpochs, marketStates));
  return (realUpdates + learner.dyna) * epochs;
}

/** Job indices, costliest first; equal costs keep their index order. */
export function longestFirst(costs: readonly number[]): number[] {
  return costs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
}
