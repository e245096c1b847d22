/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no
 * network) with the metrics table and charts of equity, drawdown, position
 * and, for training runs, the learning curve.
 */
import type { Simulation } from '../../market/simulate.js';
import type { PortfolioRun } from '../../market/portfolio.js';
import { runDrawdowns, signedExposure } from '../performance.js';
import type { ReportDocument } from '../report.js';
import { escapeHtml } from './escape.js';
import { money, percent } from './format.js';
import { metricRows } from './metric-rows.js';
import { lineChart, type ChartOptions, type Marker } from './svg.js';
import { positionText, titleCase } from './terminal.js';
import { monthlyTable, policyTable, windowsTable } from './html-tables.js';
import { significanceSection } from './html-significance.js';

const STRATEGY = '#2563eb';
const BENCHMARK = '#9ca3af';
const DRAWDOWN = '#dc2626';

/** Walk-forward: the day index where each test window after the first begins (drawn as boundaries). */
function windowStarts(report: ReportDocument): number[] | undefined {
  if (!report.windows) return undefined;
  const starts: number[] = [];
  let offset = 0;
  for (const w of report.windows) {
    if (offset > 0) starts.push(offset);
    offset += w.test.days;
  }
  return starts;
}

/** The page's charts, as data: equity with trade markers, drawdown from the start cash, exposure and (training) the learning curve. */
export function reportCharts(report: ReportDocument, strategy: Simulation | PortfolioRun, benchmark: Simulation): ChartOptions[] {
  const dates = strategy.dates;
  const markers: Marker[] = strategy.trades.map((t) => ({ index: t.day, kind: t.shares > 0 ? 'buy' : 'sell' }));
  const charts: ChartOptions[] = [
    {
      title: 'Portfolio value',
      lines: [
        { values: strategy.values, color: STRATEGY, label: 'Strategy' },
        { values: benchmark.values, color: BENCHMARK, label: titleCase(report.benchmarkName) },
      ],
      xLabels: dates,
      yFormat: (v) => money(v).replace(/\.00$/, ''),
      markers,
      verticals: windowStarts(report),
    },
    {
      title: 'Drawdown',
      lines: [
        { values: runDrawdowns(strategy), color: DRAWDOWN, label: 'Strategy', fill: true },
        { values: runDrawdowns(benchmark), color: BENCHMARK, label: titleCase(report.benchmarkName) },
      ],
      xLabels: dates,
      yFormat: (v) => percent(v, false),
      zero: true,
      height: 200,
    },
    {
      title: 'Exposure: position value / equity (negative = short)',
      lines: [{ values: signedExposure(strategy), color: STRATEGY, label: 'Exposure', step: true, fill: true }],
      xLabels: dates,
      yFormat: (v) => `${v.toFixed(2)}x`,
      zero: true,
      height: 170,
    },
  ];
  if (report.training && report.training.learningCurve.length > 0) {
    charts.push({
      title: 'Learning curve: in-sample return of the greedy policy after each epoch',
      lines: [{ values: report.training.learningCurve, color: STRATEGY, label: 'In-sample return' }],
      xLabels: report.training.learningCurve.map((_, i) => `epoch ${i + 1}`),
      yFormat: (v) => percent(v, false),
      zero: true,
      height: 200,
    });
  }
  return charts;
}

/** The whole report page. */
export function renderHtmlReport(report: ReportDocument, strategy: Simulation | PortfolioRun, benchmark: Simulation): string {
  const s = report.strategy;
  const b = report.benchmark;
  const cards = [
    ['Total return', percent(s.totalReturn), `benchmark ${percent(b.totalReturn)}`, s.totalReturn >= b.totalReturn],
    ['Sharpe ratio', s.sharpe === null ? 'n/a' : s.sharpe.toFixed(2), `benchmark ${b.sharpe === null ? 'n/a' : b.sharpe.toFixed(2)}`, (s.sharpe ?? -Infinity) >= (b.sharpe ?? -Infinity)],
    ['Max drawdown', percent(-s.maxDrawdown, false), `benchmark ${percent(-b.maxDrawdown, false)}`, s.maxDrawdown <= b.maxDrawdown],
    ['Trades', String(s.trades), `costs ${money(s.commissions + s.impactCosts)}`, true],
  ] as const;
  const charts = reportCharts(report, strategy, benchmark).map(lineChart);
  const rows = metricRows(s, b)
    .map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td class="${r.verdict > 0 ? 'good' : r.verdict < 0 ? 'bad' : ''}">${escapeHtml(r.strategy)}</td><td>${escapeHtml(r.benchmark)}</td></tr>`)
    .join('\n');
  const nulls = Object.entries({ ...s.undefinedBecause })
    .map(([k, why]) => `<li><code>${escapeHtml(k)}</code>: ${escapeHtml(String(why))}</li>`)
    .join('');
  const training = report.training
    ? `<p>Trained for ${report.training.epochs} epochs (${report.training.converged ? 'converged: the greedy policy stopped changing' : `stopped at the epoch limit; the last epoch still changed the position on ${report.training.changedDays} training days`}), ${report.training.realSteps.toLocaleString('en-US')} real steps and ${report.training.hallucinatedSteps.toLocaleString('en-US')} hallucinated updates over ${report.training.states} states.</p>`
    : '';
  const calls = [['Strategy', s], [titleCase(report.benchmarkName), b]]
    .filter(([, m]) => (m as typeof s).marginCall)
    .map(([who, m]) => `<li>${who}: margin call on ${escapeHtml((m as typeof s).marginCall?.date ?? '')}, position closed at equity ${money((m as typeof s).marginCall?.equity ?? 0)}; flat from then on.</li>`);
  const marginCalls = calls.length ? `<div class="warn"><strong>Margin call</strong><ul>${calls.join('')}</ul></div>` : '';
  const warnings = report.warnings.length ? `<div class="warn"><strong>Warnings</strong><ul>${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>` : '';
  const kind = { train: 'training', backtest: 'backtest', simulate: 'orders', 'walk-forward': 'walk-forward' }[report.command];
  const title = `${report.symbol}: ${kind} report`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light; }
  body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; background: #f3f4f6; margin: 0; }
  main { max-width: 960px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  .sub { color: #6b7280; margin: 0 0 20px; }
  .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 20px; }
  .card { background: #fff; border-radius: 8px; padding: 12px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
  .card .label { color: #6b7280; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  .card .value { font-size: 24px; font-weight: 600; }
  .card .value.good { color: #15803d; } .card .value.bad { color: #b91c1c; }
  .card .note { color: #6b7280; font-size: 12px; }
  section { background: #fff; border-radius: 8px; padding: 12px 16px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
  .chart { width: 100%; height: auto; display: block; }
  .chart-title { font-weight: 600; font-size: 13px; fill: #111827; }
  .axis, .legend { font-size: 11px; fill: #6b7280; }
  .grid { stroke: #e5e7eb; stroke-width: 1; }
  .buy { fill: #16a34a; } .sell { fill: #dc2626; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 5px 10px; border-bottom: 1px solid #e5e7eb; text-align: right; font-variant-numeric: tabular-nums; }
  th[scope=row] { text-align: left; font-weight: 500; }
  thead th { color: #6b7280; font-weight: 600; }
  td.good { color: #15803d; } td.bad { color: #b91c1c; }
  .warn { background: #fffbeb; border: 1px solid #fcd34d; border-radius: 8px; padding: 8px 14px; margin-bottom: 16px; }
  footer { color: #6b7280; font-size: 12px; }
  h2 { font-size: 16px; margin: 4px 0 8px; }
  .note { color: #6b7280; font-size: 12px; margin: 4px 0 8px; }
  .good { color: #15803d; } .bad { color: #b91c1c; }
  table.monthly td, table.monthly th, table.policy td, table.policy th { font-size: 12px; padding: 3px 6px; }
  table.policy td.act-long { color: #15803d; } table.policy td.act-short { color: #b91c1c; } tr.unseen td { color: #9ca3af; }
  @media (max-width: 700px) { .cards { grid-template-columns: repeat(2, 1fr); } }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(report.period.start)} to ${escapeHtml(report.period.end)} &middot; ${report.period.days} trading days &middot; data <code>${escapeHtml(report.data.file)}</code> ${report.model ? ` &middot; model <code>${escapeHtml(report.model)}</code>` : ''}</p>
${report.inSample ? `<div class="warn"><strong>In-sample:</strong> these days were used for training (${report.inSample.days} days, ${escapeHtml(report.inSample.start)} to ${escapeHtml(report.inSample.end)}); results on them are optimistic.</div>` : ''}
${warnings}
${marginCalls}
<div class="cards">
${cards.map(([label, value, note, good]) => `<div class="card"><div class="label">${label}</div><div class="value ${good ? 'good' : 'bad'}">${escapeHtml(value)}</div><div class="note">${escapeHtml(note)}</div></div>`).join('\n')}
</div>
${significanceSection(report)}
${charts.map((c) => `<section>${c}</section>`).join('\n')}
<section>
<p class="note">Colour in this table and the cards compares with ${escapeHtml(report.benchmarkName)}: green is better than it, red worse. A red value can still be a good result that ${escapeHtml(report.benchmarkName)} beat.</p>
<table>
<thead><tr><th></th><th>Strategy</th><th>${escapeHtml(titleCase(report.benchmarkName))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>
${report.windows ? `<section>${windowsTable(report.windows, titleCase(report.benchmarkName))}</section>` : ''}
<section>${monthlyTable(report.monthlyReturns, report.benchmarkName)}</section>
${report.policy ? `<section>${policyTable(report.policy)}</section>` : ''}
<footer>
${training}
<p>Costs: commission ${report.costs.commission} per trade, market impact ${report.costs.impact} of traded value. Position size ${escapeHtml(positionText(report.position))}, start cash ${money(report.position.cash)}, margin call at ${report.position.maintenance} of the position value. Triangles mark trades (green buy, red sell).</p>
<p>Sharpe ratio: ${escapeHtml(report.conventions.sharpe)}. Benchmark: ${escapeHtml(report.conventions.benchmark)}.</p>
${nulls ? `<p>Not computed:</p><ul>${nulls}</ul>` : ''}
<p>Generated by dyna. Data file SHA-256 <code>${escapeHtml(report.data.sha256)}</code>.</p>
</footer>
</main>
</body>
</html>
`;
}
