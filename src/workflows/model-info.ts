/** What a report says of the model a run wrote (train) or replayed (backtest): the one mapping from a model file. */
import type { ModelInfo, PeriodSpan } from '../report/report.js';
import type { ModelFile } from '../strategy/model-file.js';

/** The report's model section for the model file at `path`: its training data, period(s) (a model trained more than once lists each in `periods`), settings and training. */
export function modelInfoOf(path: string, file: ModelFile): ModelInfo {
  return {
    file: path,
    data: { file: file.data.file, sha256: file.data.sha256 },
    periods: file.periods.map((p): PeriodSpan => ({ start: p.start, end: p.end, days: p.days })),
    settings: file.settings,
    training: { epochs: file.training.epochs, converged: file.training.converged, policy: file.training.policy },
  };
}
