/**
 * A sweep's report.html: the significance of the best parameter set (deflated
 * Sharpe ratio, and the reality check when the summary has one), a heat map
 * of the mean test Sharpe over two grid settings (the others averaged), the
 * test return of every file against buy-and-hold, the ranked table and a
 * per-file table. Self-contained like report.html; every text is escaped.
 */
import { paramsLabel, type SweepRealityCheck, type SweepRow } from '../../evaluation/sweep.js';
import { meanOf } from '../performance.js';
import { escapeHtml } from './escape.js';
import { percent, pValueText, ratio } from './format.js';
import { BETTER, htmlPage, NEUTRAL, verdictMark } from './html-page.js';

/** What the page needs of a result line. */
export interface SweepPageLine {
  file: string;
  symbol: string;
  seed: number;
  params: Record<string, number | string | null>;
  test: { totalReturn: number; sharpe: number | null; trades: number };
  benchmark: { totalReturn: number; sharpe: number | null };
}

/** What the page needs of the summary (summary.json: the `--json` document). */
export interface SweepPageSummary {
  rows: SweepRow[];
  parameterSets: number;
  deflatedSharpe: number | null;
  /** The data-snooping test of the best set against buy-and-hold (Hansen's SPA); null when the lines cannot give it (see notes). */
  realityCheck: SweepRealityCheck | null;
  notes: string[];
}

const sharpesOf = (lines: SweepPageLine[]) => lines.map((l) => l.test.sharpe).filter((s): s is number => s !== null);

/** The grid settings that vary across the lines, in the order of their parameters. */
function varyingKeys(lines: SweepPageLine[]): string[] {
  const keys = lines.length ? Object.keys(lines[0].params) : [];
  return keys.filter((k) => new Set(lines.map((l) => String(l.params[k]))).size > 1);
}

/** Distinct values of a setting, numbers in numeric order. */
function valuesOf(lines: SweepPageLine[], key: string): Array<number | string | null> {
  const seen = [...new Map(lines.map((l) => [String(l.params[key]), l.params[key]])).values()];
  return seen.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1));
}

/** A blue of the page's palette, lighter for lower values of t in [0, 1]. */
function shade(t: number): string {
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(239, 0)},${mix(246, 114)},${mix(255, 178)})`;
}

/** SVG heat map of the mean test Sharpe over two settings (rows: the first, columns: the second); cells hold their values. */
function heatMap(lines: SweepPageLine[], rowKey: string, colKey: string, others: string[]): string {
  const rows = valuesOf(lines, rowKey);
  const cols = valuesOf(lines, colKey);
  const cell = new Map<string, number>();
  for (const r of rows) for (const c of cols) {
    const s = meanOf(sharpesOf(lines.filter((l) => String(l.params[rowKey]) === String(r) && String(l.params[colKey]) === String(c))));
    if (Number.isFinite(s)) cell.set(`${r}|${c}`, s);
  }
  const values = [...cell.values()];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const w = 90;
  const h = 34;
  const left = 110;
  const top = 52;
  const width = Math.max(620, left + cols.length * w + 20);
  const height = top + rows.length * h + 30;
  const parts = [`<svg class="chart" style="max-width:${width}px" viewBox="0 0 ${width} ${height}" role="img" aria-label="mean test Sharpe by ${escapeHtml(rowKey)} and ${escapeHtml(colKey)}" xmlns="http://www.w3.org/2000/svg">`];
  parts.push(`<text x="0" y="16" class="chart-title">Mean test Sharpe ratio by ${escapeHtml(rowKey)} (rows) and ${escapeHtml(colKey)} (columns)</text>`);
  parts.push(`<text x="0" y="32" class="legend">${others.length ? `averaged over ${escapeHtml(others.join(', '))}, files and seeds` : 'averaged over files and seeds'}; darker blue: higher</text>`);
  cols.forEach((c, j) => parts.push(`<text x="${left + j * w + w / 2}" y="${top - 6}" class="axis" text-anchor="middle">${escapeHtml(`${colKey}=${c}`)}</text>`));
  rows.forEach((r, i) => {
    parts.push(`<text x="${left - 6}" y="${top + i * h + h / 2 + 4}" class="axis" text-anchor="end">${escapeHtml(`${rowKey}=${r}`)}</text>`);
    cols.forEach((c, j) => {
      const v = cell.get(`${r}|${c}`);
      const t = v === undefined || !(hi > lo) ? 0.5 : (v - lo) / (hi - lo);
      parts.push(`<rect x="${left + j * w}" y="${top + i * h}" width="${w - 2}" height="${h - 2}" fill="${v === undefined ? '#f3f4f6' : shade(t)}"><title>${escapeHtml(`${rowKey}=${r}, ${colKey}=${c}: ${v === undefined ? 'n/a' : v.toFixed(2)}`)}</title></rect>`);
      parts.push(`<text x="${left + j * w + w / 2 - 1}" y="${top + i * h + h / 2 + 4}" text-anchor="middle" font-size="12" fill="${t > 0.55 ? '#fff' : '#111827'}">${v === undefined ? 'n/a' : v.toFixed(2)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/** SVG bars of each file's mean test return over every job, beside buy-and-hold's over the same test days, named by file. */
function fileChart(files: Array<{ file: string; strategy: number; benchmark: number }>): string {
  const barH = 12;
  const groupH = 2 * barH + 12;
  const left = 180;
  const width = 880;
  const top = 40;
  const height = top + files.length * groupH + 24;
  const all = files.flatMap((f) => [f.strategy, f.benchmark, 0]);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const x = (v: number) => left + ((v - lo) / span) * (width - left - 80);
  const parts = [`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="test return by file" xmlns="http://www.w3.org/2000/svg">`];
  parts.push(`<text x="0" y="16" class="chart-title">Test return by file: mean over every parameter set and seed, and buy-and-hold</text>`);
  parts.push(`<rect x="${width - 290}" y="24" width="12" height="8" fill="${BETTER}"/><text x="${width - 274}" y="32" class="legend">strategy (mean)</text><rect x="${width - 170}" y="24" width="12" height="8" fill="${NEUTRAL}"/><text x="${width - 154}" y="32" class="legend">buy-and-hold</text>`);
  parts.push(`<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="${top - 4}" y2="${height - 20}" stroke="#6b7280"/>`);
  files.forEach((f, i) => {
    const y0 = top + i * groupH;
    const name = f.file.split(/[\\/]/).pop() ?? f.file;
    parts.push(`<text x="${left - 8}" y="${y0 + barH + 4}" class="axis" text-anchor="end">${escapeHtml(name.length > 28 ? `${name.slice(0, 25)}...` : name)}<title>${escapeHtml(f.file)}</title></text>`);
    for (const [k, v, color] of [[0, f.strategy, BETTER], [1, f.benchmark, NEUTRAL]] as const) {
      const a = x(Math.min(0, v));
      const b = x(Math.max(0, v));
      parts.push(`<rect x="${a.toFixed(1)}" y="${y0 + k * barH}" width="${Math.max(1, b - a).toFixed(1)}" height="${barH - 2}" fill="${color}"><title>${escapeHtml(`${f.file}: ${k === 0 ? 'strategy' : 'buy-and-hold'} ${percent(v)}`)}</title></rect>`);
      parts.push(`<text x="${(b + 4).toFixed(1)}" y="${y0 + k * barH + barH - 3}" class="axis">${escapeHtml(percent(v))}</text>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The significance of the best set: the deflated Sharpe ratio and, when the summary has it, the reality check. */
function significanceBox(summary: SweepPageSummary): string {
  const dsr = summary.deflatedSharpe;
  const items = [
    `<li><strong>Deflated Sharpe ratio of the best set: ${dsr === null ? 'n/a' : escapeHtml(dsr.toFixed(3))}</strong>: the probability that its Sharpe ratio is real after trying ${summary.parameterSets.toLocaleString('en-US')} parameter sets (Bailey and L&oacute;pez de Prado, 2014); 0.95 or more is the usual bar.</li>`,
  ];
  const rc = summary.realityCheck;
  if (rc) items.push(`<li><strong>Reality check: p = ${escapeHtml(pValueText(rc.pValue))}</strong> for &ldquo;the best set (<code>${escapeHtml(paramsLabel(rc.best))}</code>) beats buy-and-hold&rdquo;, once the search over ${rc.sets.toLocaleString('en-US')} sets is paid for; below 0.05 is the usual bar (${escapeHtml(rc.method)}).</li>`);
  items.push(...summary.notes.map((n) => `<li>${escapeHtml(n)}</li>`));
  const strong = dsr !== null && dsr >= 0.95 && rc !== null && rc.pValue <= 0.05;
  return `<div class="${strong ? 'ok' : 'warn'}"><strong>Is the best set more than luck?</strong> ${strong ? 'The tests say it may be.' : 'Not shown: treat the ranking as noise until a test on later data confirms it.'}<ul>${items.join('')}</ul></div>`;
}

/** The ranked table: every parameter set in the summary's order (best mean daily log excess over buy-and-hold first). */
function rankedTable(summary: SweepPageSummary): string {
  const rows = summary.rows.map((r, i) => {
    const cells = [
      `${escapeHtml(percent(252 * r.meanDailyLogExcess))}`,
      `${escapeHtml(percent(r.meanExcessReturn))}`,
      `${escapeHtml(percent(r.meanReturn))} &plusmn; ${escapeHtml(percent(r.sdReturn, false))}`,
      `${escapeHtml(ratio(r.meanSharpe))} &plusmn; ${escapeHtml(ratio(r.sdSharpe))}`,
      String(r.neverTraded),
      r.identicalSeeds ? 'yes' : '',
    ];
    return `<tr><td>${i + 1}</td><td class="text"><code>${escapeHtml(paramsLabel(r.params))}</code></td><td>${r.jobs}</td>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  return `<h2>Parameter sets, ranked</h2>
<p class="note">Ranked by the mean daily log excess return over buy-and-hold (a year of it: 252 times the mean), over every file's test days, each day averaged over the seeds: a set that only holds the market scores 0. Means over files and seeds, &plusmn; one standard deviation; an undefined Sharpe ratio (a job that never traded) counts as 0. summary.json has the same table.</p>
<table class="small"><thead><tr><th>#</th><th class="text">parameters</th><th>jobs</th><th>log excess a year</th><th>excess over buy-and-hold</th><th>test return</th><th>Sharpe</th><th>jobs that never traded</th><th>seeds gave identical results</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** Per file: its buy-and-hold, the mean over every job, the best set on that file, and how many jobs beat buy-and-hold. */
function fileTable(lines: SweepPageLine[]): { html: string; chart: Array<{ file: string; strategy: number; benchmark: number }> } {
  const files = [...new Set(lines.map((l) => l.file))];
  const chart: Array<{ file: string; strategy: number; benchmark: number }> = [];
  const rows = files.map((file) => {
    const mine = lines.filter((l) => l.file === file);
    const benchmark = meanOf(mine.map((l) => l.benchmark.totalReturn));
    const strategy = meanOf(mine.map((l) => l.test.totalReturn));
    chart.push({ file, strategy, benchmark });
    const bySet = new Map<string, SweepPageLine[]>();
    for (const l of mine) bySet.set(paramsLabel(l.params), [...(bySet.get(paramsLabel(l.params)) ?? []), l]);
    const best = [...bySet].map(([set, ls]) => [set, meanOf(sharpesOf(ls))] as const).filter(([, s]) => Number.isFinite(s)).sort((a, b) => b[1] - a[1])[0];
    const beat = mine.filter((l) => l.test.totalReturn > l.benchmark.totalReturn).length;
    const { cls, sign } = verdictMark(strategy - benchmark);
    return `<tr><td class="text"><code>${escapeHtml(file)}</code></td><td>${mine.length}</td><td>${escapeHtml(percent(benchmark))}</td><td>${escapeHtml(ratio(mine[0].benchmark.sharpe))}</td><td class="${cls}">${sign} ${escapeHtml(percent(strategy))}</td><td>${escapeHtml(ratio(meanOf(sharpesOf(mine))))}</td><td class="text">${best ? `<code>${escapeHtml(best[0])}</code> (${escapeHtml(best[1].toFixed(2))})` : 'n/a'}</td><td>${beat} of ${mine.length}</td></tr>`;
  });
  return {
    chart,
    html: `<h2>By file</h2>
<p class="note">Each file's test period: buy-and-hold, the mean over every job (&#9650; blue above buy-and-hold, &#9660; vermillion below), the set with the best mean Sharpe on that file alone, and the jobs whose return beat buy-and-hold.</p>
<table class="small"><thead><tr><th class="text">file</th><th>jobs</th><th>buy-and-hold</th><th>its Sharpe</th><th>mean return</th><th>mean Sharpe</th><th class="text">best set here (Sharpe)</th><th>beat buy-and-hold</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`,
  };
}

/** The sweep's report page. */
export function renderSweepReport(summary: SweepPageSummary, lines: SweepPageLine[]): string {
  const files = new Set(lines.map((l) => l.file)).size;
  const seeds = new Set(lines.map((l) => l.seed)).size;
  const title = `Sweep: ${lines.length.toLocaleString('en-US')} jobs`;
  const keys = varyingKeys(lines);
  const byFile = fileTable(lines);
  let grid = '<p class="note">No grid setting varies: the page compares files and seeds only.</p>';
  if (keys.length >= 2) grid = heatMap(lines, keys[0], keys[1], keys.slice(2));
  else if (keys.length === 1) grid = heatMap(lines.map((l) => ({ ...l, params: { ...l.params, file: l.symbol } })), keys[0], 'file', []);
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="sub">${files} file${files === 1 ? '' : 's'} &times; ${summary.parameterSets.toLocaleString('en-US')} parameter set${summary.parameterSets === 1 ? '' : 's'} &times; ${seeds} seed${seeds === 1 ? '' : 's'}; each job trains before the split and is tested after it, on days it never saw.</p>`,
    significanceBox(summary),
    `<section>${grid}</section>`,
    `<section>${fileChart(byFile.chart)}</section>`,
    `<section>${rankedTable(summary)}</section>`,
    `<section>${byFile.html}</section>`,
    '<footer><p>Sharpe ratio: sqrt(252) * mean / sample std of daily test returns; risk-free rate 0. Generated by dyna.</p></footer>',
  ];
  return htmlPage(title, body.join('\n'));
}
