/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no
 * network) as a quantstats or pyfolio user reads it: what model was run, the
 * headline cards, equity (on a log scale once it grows a few times over), the
 * strategy over the benchmark, drawdowns, rolling Sharpe, exposure, the
 * metrics, the worst drawdowns, monthly and yearly returns, the trades and
 * what the policy learned. Colour has one meaning (see html-page.ts).
 */
import type { Simulation } from '../../market/simulate.js';
import type { PortfolioRun } from '../../market/portfolio.js';
import { rollingSharpe, runDrawdowns, signedExposure, simulationReturns } from '../performance.js';
import type { ReportDocument } from '../report.js';
import { roundTrips, type RoundTrip } from '../round-trips.js';
import { escapeHtml } from './escape.js';
import { LOG_SCALE_SPAN, money, percent } from './format.js';
import { metricRows } from './metric-rows.js';
import { lineChart, type ChartOptions, type Marker, type Vertical } from './svg.js';
import { positionText, titleCase } from './terminal.js';
import { drawdownsTable, monthlyTable, tradesTable, windowsTable } from './html-tables.js';
import { policyStyle, policyTable } from './html-policy.js';
import { modelCard } from './html-model.js';
import { BETTER, htmlPage, NEUTRAL, verdictMark } from './html-page.js';
import { significanceSection } from './html-significance.js';

const STRATEGY = BETTER;
const BENCHMARK = NEUTRAL;
/** Most labelled walk-forward boundaries on a chart (more windows: every k-th is numbered). */
const MAX_BOUNDARY_LABELS = 16;

/** Walk-forward: a dashed line where each test window after the first begins, numbered as in the windows table. */
function windowStarts(report: ReportDocument): Vertical[] | undefined {
  if (!report.windows) return undefined;
  const every = Math.ceil(report.windows.length / MAX_BOUNDARY_LABELS);
  const starts: Vertical[] = [];
  let offset = 0;
  for (const w of report.windows) {
    if (offset > 0) starts.push({ index: offset, label: w.index % every === 0 ? String(w.index + 1) : undefined });
    offset += w.test.days;
  }
  return starts;
}

/** True when a chart of these curves needs a log scale: the largest value is LOG_SCALE_SPAN or more times the smallest. */
export function needsLogScale(...curves: Array<ArrayLike<number>>): boolean {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const c of curves) for (let i = 0; i < c.length; i++) if (c[i] > 0) (lo = Math.min(lo, c[i])), (hi = Math.max(hi, c[i]));
  return hi / lo >= LOG_SCALE_SPAN;
}

/** The strategy's growth over the benchmark's: 1 where they have done equally well since the start. */
export function relativeCurve(strategy: Simulation | PortfolioRun, benchmark: Simulation): Float64Array {
  const out = new Float64Array(strategy.values.length);
  for (let t = 0; t < out.length; t++) {
    const b = benchmark.values[t] / benchmark.startCash;
    out[t] = b > 0 ? strategy.values[t] / strategy.startCash / b : Number.NaN;
  }
  return out;
}

/** The rolling window for Sharpe ratios: six months when the run has a year, three when it has six months; none below. */
function rollingWindow(days: number): number | undefined {
  return days >= 252 ? 126 : days >= 126 ? 63 : undefined;
}

/** The page's charts, as data: equity with trade markers, strategy over benchmark, drawdown, rolling Sharpe, exposure and (training) the learning curve. */
export function reportCharts(report: ReportDocument, strategy: Simulation | PortfolioRun, benchmark: Simulation): ChartOptions[] {
  const dates = strategy.dates;
  const benchmarkName = titleCase(report.benchmarkName);
  const hasBenchmark = report.benchmarkName !== 'cash';
  const markers: Marker[] = strategy.trades.map((t) => ({ index: t.day, kind: t.shares > 0 ? 'buy' : 'sell' }));
  const log = needsLogScale(strategy.values, benchmark.values, [strategy.startCash]);
  const verticals = windowStarts(report);
  const whole = (v: number) => money(v).replace(/\.00$/, '');
  const charts: ChartOptions[] = [
    {
      title: `Portfolio value${log ? ' (log scale)' : ''}`,
      lines: [
        { values: strategy.values, color: STRATEGY, label: 'Strategy' },
        ...(hasBenchmark ? [{ values: benchmark.values, color: BENCHMARK, label: benchmarkName, dash: '5 3' }] : []),
      ],
      xLabels: dates,
      yFormat: (v) => (Math.abs(v) >= 1e6 ? `${(v / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })}M` : whole(v)),
      markers,
      log,
      verticals,
    },
  ];
  if (hasBenchmark) {
    const relative = relativeCurve(strategy, benchmark);
    const relativeLog = needsLogScale(relative, [1]);
    charts.push({
      title: `Excess: strategy / ${report.benchmarkName} (1 = level)${relativeLog ? ' (log scale)' : ''}`,
      lines: [{ values: relative, color: STRATEGY, label: 'Strategy / benchmark' }],
      xLabels: dates,
      yFormat: (v) => `${Number(v.toPrecision(3))}x`,
      reference: 1,
      log: relativeLog,
      verticals,
      height: 200,
    });
  }
  charts.push({
    title: 'Drawdown from the running peak',
    lines: [
      { values: runDrawdowns(strategy), color: STRATEGY, label: 'Strategy', fill: true },
      ...(hasBenchmark ? [{ values: runDrawdowns(benchmark), color: BENCHMARK, label: benchmarkName, dash: '5 3' }] : []),
    ],
    xLabels: dates,
    yFormat: (v) => percent(v, false, 0),
    zero: true,
    verticals,
    height: 200,
  });
  const window = rollingWindow(dates.length);
  if (window !== undefined) {
    charts.push({
      title: `Rolling Sharpe ratio (${window / 21} months, annualized)`,
      lines: [
        { values: rollingSharpe(simulationReturns(strategy), window), color: STRATEGY, label: 'Strategy' },
        ...(hasBenchmark ? [{ values: rollingSharpe(simulationReturns(benchmark), window), color: BENCHMARK, label: benchmarkName, dash: '5 3' }] : []),
      ],
      xLabels: dates,
      yFormat: (v) => v.toFixed(1),
      reference: 0,
      verticals,
      height: 200,
    });
  }
  if ('netValue' in strategy) {
    // Several symbols: the net exposure (long minus short) and the gross (long plus short) are different things.
    const net = Float64Array.from(strategy.netValue, (v, t) => (strategy.values[t] > 0 ? v / strategy.values[t] : 0));
    charts.push({
      title: 'Exposure per unit of equity: net (long - short), gross',
      lines: [
        { values: net, color: STRATEGY, label: 'Net', step: true, fill: true },
        { values: Float64Array.from(strategy.exposure, (e) => (Number.isFinite(e) ? e : 0)), color: BENCHMARK, label: 'Gross', step: true, dash: '5 3' },
      ],
      xLabels: dates,
      yFormat: (v) => `${v.toFixed(2)}x`,
      zero: true,
      height: 170,
    });
  } else {
    charts.push({
      title: 'Exposure: position value / equity (negative = short)',
      lines: [{ values: signedExposure(strategy), color: STRATEGY, label: 'Exposure', step: true, fill: true }],
      xLabels: dates,
      yFormat: (v) => `${v.toFixed(2)}x`,
      zero: true,
      verticals,
      height: 170,
    });
  }
  if (report.training && report.training.learningCurve.length > 0) {
    charts.push({
      title: 'Learning curve: in-sample return of the greedy policy after each epoch',
      lines: [{ values: report.training.learningCurve, color: STRATEGY, label: 'In-sample return', dots: true }],
      xLabels: report.training.learningCurve.map((_, i) => `epoch ${i + 1}`),
      yFormat: (v) => percent(v, false, 0),
      zero: true,
      height: 200,
    });
  }
  return charts;
}

/** The four headline cards: return, Sharpe and drawdown against the benchmark (▲ better, ▼ worse, = tie), and the trades (no verdict). */
function cards(report: ReportDocument): string {
  const s = report.strategy;
  const b = report.benchmark;
  const rows = metricRows(s, b);
  const verdictOf = (label: string) => rows.find((r) => r.label === label)?.verdict ?? 0;
  const list: Array<[string, string, string, number | undefined]> = [
    ['Total return', percent(s.totalReturn), `${report.benchmarkName} ${percent(b.totalReturn)}`, verdictOf('Total return')],
    ['Sharpe ratio', s.sharpe === null ? 'n/a' : s.sharpe.toFixed(2), `${report.benchmarkName} ${b.sharpe === null ? 'n/a' : b.sharpe.toFixed(2)}`, verdictOf('Sharpe ratio')],
    ['Max drawdown', percent(-s.maxDrawdown, false), `${report.benchmarkName} ${percent(-b.maxDrawdown, false)}`, verdictOf('Max drawdown')],
    ['Trades', s.trades.toLocaleString('en-US'), `costs ${money(s.commissions + s.impactCosts)}`, undefined],
  ];
  return `<div class="cards">
${list
  .map(([label, value, note, verdict]) => {
    const mark = verdict === undefined ? { cls: '', sign: '' } : verdictMark(verdict);
    return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value ${mark.cls}">${mark.sign ? `${mark.sign} ` : ''}${escapeHtml(value)}</div><div class="note">${escapeHtml(note)}</div></div>`;
  })
  .join('\n')}
</div>`;
}

/** The metrics table: strategy against benchmark, with the verdict as colour and sign. */
function metricsTable(report: ReportDocument): string {
  const rows = metricRows(report.strategy, report.benchmark)
    .map((r) => {
      const { cls, sign } = r.comparable ? verdictMark(r.verdict) : { cls: '', sign: '' };
      return `<tr><th scope="row">${escapeHtml(r.label)}</th><td class="${cls}">${sign ? `<small>${sign}</small> ` : ''}${escapeHtml(r.strategy)}</td><td>${escapeHtml(r.benchmark)}</td></tr>`;
    })
    .join('\n');
  return `<table>
<thead><tr><th></th><th>Strategy</th><th>${escapeHtml(titleCase(report.benchmarkName))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/** What the benchmark is, in the footer's words: the report's own convention, or simulate's (cash, the shares the orders hold of one symbol, or one symbol fully invested). */
function benchmarkText(report: ReportDocument): string {
  if (report.command !== 'simulate') return report.conventions.benchmark;
  if (report.benchmarkName === 'cash') return 'none was asked for (--benchmark SYMBOL): the comparison is with holding the start cash';
  // simulate names a benchmark sized from the orders "buy-and-hold <shares> <SYMBOL>".
  const shares = /^buy-and-hold (\d+) /.exec(report.benchmarkName)?.[1];
  if (shares) return `${report.benchmarkName}: buy ${shares} shares of that symbol (the most the orders hold of it) on the first day and hold them, paying the same costs`;
  return `${report.benchmarkName}: buy that symbol with all the start cash on the first day and hold it, paying the same costs`;
}

/** The round trips the trades table shows P&L from: the report's own (several symbols, walk-forward windows) or the run's. */
function tripsOf(strategy: Simulation | PortfolioRun, trips: RoundTrip[] | undefined): RoundTrip[] {
  return trips ?? ('holdings' in strategy ? roundTrips(strategy) : []);
}

/** The whole report page. `trips` are the strategy's round trips when the run computes its own (several symbols). */
export function renderHtmlReport(report: ReportDocument, strategy: Simulation | PortfolioRun, benchmark: Simulation, trips?: RoundTrip[]): string {
  const s = report.strategy;
  const charts = reportCharts(report, strategy, benchmark).map(lineChart);
  const nulls = Object.entries({ ...s.undefinedBecause })
    .map(([k, why]) => `<li><code>${escapeHtml(k)}</code>: ${escapeHtml(String(why))}</li>`)
    .join('');
  const training = report.training
    ? `<p>Trained for ${report.training.epochs} epochs (${report.training.converged ? 'converged: the greedy policy stopped changing' : `stopped at the epoch limit; the last epoch still changed the position on ${report.training.changedDays} training days`}), ${report.training.realSteps.toLocaleString('en-US')} real steps and ${report.training.hallucinatedSteps.toLocaleString('en-US')} hallucinated updates over ${report.training.states} states.</p>`
    : '';
  const calls = (
    [
      ['Strategy', s],
      [titleCase(report.benchmarkName), report.benchmark],
    ] as const
  )
    .filter(([, m]) => m.marginCall)
    .map(([who, m]) => `<li>${escapeHtml(who)}: margin call on ${escapeHtml(m.marginCall?.date ?? '')}, position closed at equity ${money(m.marginCall?.equity ?? 0)}; flat from then on.</li>`);
  const marginCalls = calls.length ? `<div class="warn"><strong>Margin call</strong><ul>${calls.join('')}</ul></div>` : '';
  const warnings = report.warnings.length ? `<div class="warn"><strong>Warnings</strong><ul>${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>` : '';
  const kind = { train: 'training', backtest: 'backtest', simulate: 'orders', 'walk-forward': 'walk-forward' }[report.command];
  const title = `${report.symbol}: ${kind} report`;
  const benchmarkName = escapeHtml(report.benchmarkName);
  const walkNote = report.windows ? ' Dashed lines mark where each walk-forward test window begins, numbered as in the windows table.' : '';
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="sub">${escapeHtml(report.period.start)} to ${escapeHtml(report.period.end)} &middot; ${report.period.days.toLocaleString('en-US')} trading days &middot; data <code>${escapeHtml(report.data.file)}</code>${report.model ? ` &middot; model <code>${escapeHtml(report.model)}</code>` : ''}</p>`,
    report.inSample ? `<div class="warn"><strong>In-sample:</strong> these days were used for training (${report.inSample.days} days, ${escapeHtml(report.inSample.start)} to ${escapeHtml(report.inSample.end)}); results on them are optimistic.</div>` : '',
    warnings,
    marginCalls,
    modelCard(report),
    `<p class="note">Colour compares the strategy with ${benchmarkName}: <span class="better">&#9650; blue is better</span>, <span class="worse">&#9660; vermillion is worse</span>, = uncoloured is a tie; a worse value can still be a good result that ${benchmarkName} beat. Trades: <span class="buy-text">&#9650; buy</span>, <span class="sell-text">&#9660; sell</span>.</p>`,
    cards(report),
    ...charts.map((c, i) => `<section>${c}${i === 0 ? `<p class="note">Strategy solid blue, ${benchmarkName} dashed grey, drawn under it.${walkNote}${/log scale/.test(c) ? ' On a log scale equal heights are equal growth factors, so early and late years compare fairly.' : ''}</p>` : ''}</section>`),
    `<section><h2>Metrics</h2>${metricsTable(report)}</section>`,
    // Sections that read the report alone (such as the significance tests) slot in here, one line each.
    significanceSection(report),
    report.windows ? `<section>${windowsTable(report.windows, titleCase(report.benchmarkName))}</section>` : '',
    `<section>${drawdownsTable(report.drawdowns)}</section>`,
    `<section>${monthlyTable(report.monthlyReturns, report.benchmarkName)}</section>`,
    `<section>${tradesTable(strategy.trades, tripsOf(strategy, trips), report.windows ? "One account through the windows: a position the next window's model keeps is kept, so trades here are the account's own." : '')}</section>`,
    report.policy ? `<section>${policyTable(report.policy)}</section>` : '',
    `<footer>
${training}
<p>Costs: commission ${report.costs.commission} per trade, market impact ${report.costs.impact} of traded value. Position size ${escapeHtml(positionText(report.position))}, start cash ${money(report.position.cash)}, margin call at ${report.position.maintenance} of the position value.</p>
<p>Sharpe ratio: ${escapeHtml(report.conventions.sharpe)}. Benchmark: ${escapeHtml(benchmarkText(report))}.</p>
${nulls ? `<p>Not computed:</p><ul>${nulls}</ul>` : ''}
<p>Generated by dyna. Data file SHA-256 <code>${escapeHtml(report.data.sha256)}</code>.</p>
</footer>`,
  ];
  return htmlPage(title, sections.filter((part) => part !== '').join('\n'), policyStyle());
}
