/** The terminal report: an aligned strategy-versus-benchmark table and a small chart of both equity curves. */
import type { ReportDocument } from '../report.js';
import type { Significance } from '../../evaluation/significance.js';
import { metricRows } from './metric-rows.js';
import { LOG_SCALE_SPAN, money, percent, printable, pValueText, resample } from './format.js';

/** Colour functions (chalk-compatible); identity functions give plain text. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
}

/** "1000 shares" or "100% of equity". */
export function positionText(position: ReportDocument['position']): string {
  if (position.sizing === 'orders') return 'orders as written';
  return position.sizing === 'shares' ? `${position.shares} shares` : `${+(position.size * 100).toFixed(4)}% of equity`;
}

/** "buy-and-hold SPY" -> "Buy-and-hold SPY". */
export function titleCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The report as terminal text. */
export function renderTerminalReport(report: ReportDocument, strategy: ArrayLike<number>, benchmark: ArrayLike<number>, paint: Paint): string {
  const rows = metricRows(report.strategy, report.benchmark);
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const valueWidth = Math.max(12, ...rows.map((r) => Math.max(r.strategy.length, r.benchmark.length)));
  const title = `${printable(report.symbol)}  ${report.period.start} to ${report.period.end}  (${report.period.days} days)`;
  const lines = [
    paint.bold(title),
    `costs: commission ${report.costs.commission}, impact ${report.costs.impact}; position ${positionText(report.position)}; start cash ${report.position.cash}`,
    '',
    `${''.padEnd(labelWidth)}  ${paint.bold('Strategy'.padStart(valueWidth))}  ${paint.bold(titleCase(report.benchmarkName).padStart(valueWidth))}`,
  ];
  for (const row of rows) {
    const value = row.strategy.padStart(valueWidth);
    const coloured = row.verdict > 0 ? paint.green(value) : row.verdict < 0 ? paint.red(value) : value;
    lines.push(`${row.label.padEnd(labelWidth)}  ${coloured}  ${row.benchmark.padStart(valueWidth)}`);
  }
  for (const [who, m] of [['strategy', report.strategy], ['benchmark', report.benchmark]] as const) {
    if (m.marginCall) lines.push('', paint.red(`Margin call (${who}): position closed on ${m.marginCall.date} at equity ${money(m.marginCall.equity)}; flat from then on`));
  }
  const excess = report.excess.totalReturn;
  lines.push('', `Excess return over ${report.benchmarkName}: ${(excess >= 0 ? paint.green : paint.red)(percent(excess))}`);
  lines.push('', ...equityChart(strategy, benchmark, paint));
  return `${lines.join('\n')}\n`;
}

/** A text chart of two curves on one scale (a log scale, labelled, once they span LOG_SCALE_SPAN times or more): `*` strategy, `.` benchmark. */
export function equityChart(strategy: ArrayLike<number>, benchmark: ArrayLike<number>, paint: Paint, width = 64, height = 12): string[] {
  const s = resample(strategy, width);
  const b = resample(benchmark, width);
  const all = [...s, ...b];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const log = lo > 0 && hi / lo >= LOG_SCALE_SPAN;
  const scale = (v: number) => (log ? Math.log(Math.max(v, lo)) : v);
  const span = scale(hi) - scale(lo) || 1;
  const rowOf = (v: number) => Math.round(((scale(hi) - scale(v)) / span) * (height - 1));
  const grid = Array.from({ length: height }, () => new Array<string>(s.length).fill(' '));
  b.forEach((v, x) => (grid[rowOf(v)][x] = '.'));
  s.forEach((v, x) => (grid[rowOf(v)][x] = '*'));
  const label = (v: number) => Math.round(v).toLocaleString('en-US').padStart(10);
  return [
    paint.dim(`${''.padStart(10)}  equity${log ? ' (log scale)' : ''}: ${paint.cyan('*')} strategy  ${paint.yellow('.')} benchmark`),
    ...grid.map((row, y) => {
      const axis = y === 0 ? label(hi) : y === height - 1 ? label(lo) : ''.padStart(10);
      return `${paint.dim(axis)} |${row.map((c) => (c === '*' ? paint.cyan(c) : c === '.' ? paint.yellow(c) : c)).join('')}`;
    }),
  ];
}

/** The significance lines: the timing test, the excess over the benchmark (buy-and-hold unless named), the absolute PSR, then the verdict. */
export function significanceLines(s: Significance, benchmarkName = 'buy-and-hold'): string[] {
  const psr = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const v = s.vsBenchmark;
  return [
    `timing vs ${s.samples} random timings with its exposure: p = ${pValueText(s.pValue)}`,
    `excess over ${benchmarkName} (block bootstrap, ${s.samples} samples): p = ${pValueText(v.pValue)}; probabilistic Sharpe ratio of the excess ${psr(v.probabilisticSharpe)}`,
    `absolute probabilistic Sharpe ratio (Sharpe > 0, not vs ${benchmarkName}) ${psr(s.absoluteProbabilisticSharpe)}`,
    `verdict: ${s.verdict}`,
  ];
}
