/** The report page's model card: what policy the run learned or replays, trained on what, when, and with which settings. */
import type { ModelInfo, ReportDocument, PeriodSpan } from '../report.js';
import { escapeHtml } from './escape.js';
import { percent } from './format.js';
import { positionText } from './terminal.js';

/** The main settings of a run, as label and value: the model of the world, planning, horizon, states, positions, sizing. */
export function settingsSummary(settings: ModelInfo['settings']): Array<[string, string]> {
  const { learner, trader, market } = settings;
  const rows: Array<[string, string]> = [
    ['model of the world', learner.model === 'market' ? 'market (one market model shared by all positions)' : 'classic Dyna-Q (one model per state and action)'],
    ['planning', `dyna ${learner.dyna} hallucinated updates per real step; alpha ${learner.alpha}, gamma ${learner.gamma}`],
  ];
  if (learner.model === 'market') rows.push(['prior drift', `${percent(learner.priorDrift, false, 1)} a year, weighing ${learner.priorDays.toLocaleString('en-US')} days; evidence ${learner.evidence}; pooling by ${learner.pooling}${learner.pooling === 'factors' ? ` at evidence ${learner.factorEvidence}` : ''}; risk aversion ${learner.riskAversion}`]);
  else rows.push(['exploration', `rar ${learner.rar}, radr ${learner.radr}; reward model ${learner.rewardModel}`]);
  rows.push(
    ['states', `${trader.indicators.map((i) => `${i.name}(${Object.entries(i).filter(([k]) => k !== 'name').map(([, v]) => String(v)).join(', ')})`).join(', ')} in ${trader.bins} buckets each`],
    ['positions', trader.levels.map((l) => (l === 0 ? 'flat' : `${l > 0 ? 'long' : 'short'}${Math.abs(l) === 1 ? '' : ` ${percent(Math.abs(l), false, 0)}`}`)).join(', ')],
    ['epochs', `at most ${trader.epochs} (at least ${trader.minEpochs}; stop after ${trader.patience} unchanged); seed ${trader.seed}`],
    ['sizing', `${market.shares === null ? `${percent(market.size, false, 0)} of equity` : `${market.shares.toLocaleString('en-US')} shares`}${market.volatilityTarget > 0 ? `, scaled to a ${percent(market.volatilityTarget, false, 0)} volatility target` : ''}; costs ${market.commission} per trade + ${percent(market.impact, false, 2)} impact`],
  );
  return rows;
}

/** The training period(s) in words: one period, or a list (a model trained more than once), or a count with the range (walk-forward windows). */
function periodsText(periods: PeriodSpan[], windows: boolean): string {
  const one = (p: PeriodSpan) => `${escapeHtml(p.start.slice(0, 10))} to ${escapeHtml(p.end.slice(0, 10))} (${p.days.toLocaleString('en-US')} days)`;
  if (periods.length === 1) return one(periods[0]);
  if (windows) return `${periods.length} windows, one training period each: the first ${one(periods[0])}, the last ${one(periods[periods.length - 1])}; see the windows table`;
  return `<ol>${periods.map((p) => `<li>${one(p)}</li>`).join('')}</ol>`;
}

/** Whether the reported days overlap the training period(s): the reader's out-of-sample check. */
function sampleCheck(report: ReportDocument, info: ModelInfo): string {
  if (report.command === 'train') return '<p class="note"><strong>In sample:</strong> these are the training days themselves; judge the model by a backtest on later days.</p>';
  if (report.command === 'walk-forward') return '<p class="note"><strong>Out of sample:</strong> each window is tested on the days after its training period, which it never saw.</p>';
  const sameData = report.data.sha256 === info.data.sha256;
  if (report.inSample) return '';
  return sameData
    ? `<p class="note"><strong>Out of sample:</strong> no day of this backtest (${escapeHtml(report.period.start.slice(0, 10))} to ${escapeHtml(report.period.end.slice(0, 10))}) is a training day.</p>`
    : '<p class="note"><strong>Another series:</strong> the model was trained on other data (see the warning).</p>';
}

/** The model card section, or '' when the report has no model (simulate). */
export function modelCard(report: ReportDocument): string {
  const info = report.modelInfo;
  if (!info) return '';
  const rows: Array<[string, string]> = [];
  if (info.file) rows.push(['model file', `<code>${escapeHtml(info.file)}</code>`]);
  rows.push(['trained on', `<code>${escapeHtml(info.data.file)}</code> <span class="muted">(SHA-256 ${escapeHtml(info.data.sha256.slice(0, 12))}&hellip;)</span>`]);
  rows.push([info.periods.length === 1 ? 'training period' : 'training periods', periodsText(info.periods, report.command === 'walk-forward')]);
  if (info.training) rows.push(['training', `${info.training.epochs} epochs, ${info.training.converged ? 'converged' : 'stopped at the epoch limit'}; learned rule: ${escapeHtml(info.training.policy)}`]);
  for (const [label, value] of settingsSummary(info.settings)) rows.push([label, escapeHtml(value)]);
  const title = report.command === 'backtest' ? 'The model replayed' : report.command === 'walk-forward' ? 'The models: one trained per window' : 'The model trained';
  return `<section><h2>${title}</h2>
${sampleCheck(report, info)}<dl class="model">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>
<p class="note">Every setting is in report.json (<code>modelInfo.settings</code>). Position: ${escapeHtml(positionText(report.position))}.</p></section>`;
}
