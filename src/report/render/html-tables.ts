/** The report page's tables of monthly returns and of the learned policy. Every text is escaped. */
import { escapeHtml } from './escape.js';
import { percent } from './format.js';
import type { MonthlyReturn } from '../monthly.js';
import type { PolicyMap } from '../../strategy/policy-map.js';
import type { WindowSummary } from '../report.js';
import { modelSentence } from './policy-text.js';

/** Years the monthly table shows at most. */
const MAX_YEARS = 50;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Year x month: the strategy's return, and below it the excess over the benchmark; green above zero, red below. */
export function monthlyTable(months: MonthlyReturn[], benchmarkName: string): string {
  const byYear = new Map<string, Map<number, MonthlyReturn>>();
  for (const m of months) {
    const year = m.month.slice(0, 4);
    if (!byYear.has(year)) byYear.set(year, new Map());
    byYear.get(year)?.set(Number(m.month.slice(5, 7)) - 1, m);
  }
  const sign = (x: number) => (x > 0 ? 'good' : x < 0 ? 'bad' : '');
  // The page lists the latest years; report.json keeps every month.
  const years = [...byYear];
  const shown = years.slice(-MAX_YEARS);
  const rows = shown.map(([year, cells]) => {
    const tds = MONTHS.map((_, i) => {
      const m = cells.get(i);
      return m ? `<td><span class="${sign(m.strategy)}">${escapeHtml(percent(m.strategy))}</span><br><small class="${sign(m.excess)}">${escapeHtml(percent(m.excess))}</small></td>` : '<td></td>';
    });
    return `<tr><th scope="row">${escapeHtml(year)}</th>${tds.join('')}</tr>`;
  });
  return `<h2>Monthly returns</h2>
<p class="note">Each cell: the strategy's return that month, and below it the excess over ${escapeHtml(benchmarkName)}. Here green is above zero and red below.${years.length > shown.length ? ` The last ${MAX_YEARS} of ${years.length} years are shown; report.json has every month.` : ''}</p>
<table class="monthly"><thead><tr><th></th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** The policy map: one row per market state, its bucket ranges, training visits, what the model expects there, and the greedy action by position held. */
export function policyTable(policy: PolicyMap): string {
  const summary = policy.model ? `<p class="note">${escapeHtml(modelSentence(policy.model))}</p>` : '';
  if (policy.omitted) return `<h2>What did it learn?</h2>${summary}<p class="note">The policy map is left out: ${escapeHtml(policy.omitted)}.</p>`;
  const range = (from: number | null, to: number | null) => `${from === null ? '&minus;&infin;' : escapeHtml(round(from))} to ${to === null ? '&infin;' : escapeHtml(round(to))}`;
  const cell = (action: string, gap: number, visited: boolean) =>
    visited ? `<td class="act-${escapeHtml(action.split(' ')[0])}">${escapeHtml(action)} <small>(${escapeHtml(round(gap))})</small></td>` : '<td class="unseen">hold</td>';
  const basisPoints = (x: number) => `${x >= 0 ? '+' : '&minus;'}${escapeHtml(Math.abs(x * 10_000).toFixed(1))}`;
  const evidence = (row: PolicyMap['rows'][number]) =>
    policy.model ? (row.evidence ? `<td>${basisPoints(row.evidence.expectedMove)}</td><td>${basisPoints(row.evidence.deviation)}</td><td>${escapeHtml(row.evidence.shrinkage.toFixed(2))}</td>` : '<td></td><td></td><td></td>') : '';
  const rows = policy.rows.map((row) => {
    const visited = row.visits > 0;
    return `<tr${visited ? '' : ' class="unseen"'}><td>${row.state}</td>${row.buckets.map((b) => `<td>${range(b.from, b.to)}</td>`).join('')}<td>${visited ? row.visits : 'never'}</td>${evidence(row)}${policy.levels.map((p) => cell(row.positions[p].action, row.positions[p].gap, visited)).join('')}</tr>`;
  });
  const evidenceHeads = policy.model ? '<th>expected move (bp/day)</th><th>deviation from drift (bp/day)</th><th>weight on own days</th>' : '';
  return `<h2>What did it learn?</h2>
${summary}<p class="note">The greedy action in every market state (a bucket of each indicator, fitted on the training period), by the position held.
In brackets: how far the best action's Q value is above the second best, in percent of one position (small = unsure). A state never visited in training keeps its position.${policy.model ? ' The expected move is the drift plus the state\'s deviation, shrunk by the weight on its own days (0: the model sees no difference from the drift).' : ''}</p>
<table class="policy"><thead><tr><th>state</th>${policy.indicators.map((l) => `<th>${escapeHtml(l)}</th>`).join('')}<th>training days</th>${evidenceHeads}${policy.levels.map((p) => `<th>when ${escapeHtml(p)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

function round(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Number(x.toPrecision(3)).toString();
}

/** The walk-forward windows: periods, out-of-sample return against the benchmark, trades. */
export function windowsTable(windows: WindowSummary[], benchmarkName: string): string {
  const rows = windows.map(
    (w) =>
      `<tr><td>${w.index + 1}</td><td>${escapeHtml(w.train.start)} to ${escapeHtml(w.train.end)}</td><td>${escapeHtml(w.test.start)} to ${escapeHtml(w.test.end)}</td><td>${w.test.days}</td>` +
      `<td class="${w.strategy.totalReturn >= w.benchmark.totalReturn ? 'good' : 'bad'}">${escapeHtml(percent(w.strategy.totalReturn))}</td><td>${escapeHtml(percent(w.benchmark.totalReturn))}</td><td>${w.strategy.trades}</td><td>${w.train.epochs}</td></tr>`,
  );
  return `<h2>Walk-forward windows</h2>
<p class="note">Each window trains on its training days and is tested on the days after them, which it never saw. Green: better than ${escapeHtml(benchmarkName)} in that window.</p>
<table class="windows"><thead><tr><th>#</th><th>train</th><th>test</th><th>days</th><th>return</th><th>${escapeHtml(benchmarkName)}</th><th>trades</th><th>epochs</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}
