/** The report page's significance section (with --significance): both p-values, the PSRs, the samples, the methods and the verdict. Every text is escaped. */
import type { Significance } from '../../evaluation/significance.js';
import type { ReportDocument } from '../report.js';
import { escapeHtml } from './escape.js';
import { pValueText } from './format.js';

/** The section, or nothing when the run was not tested. */
export function significanceSection(report: Pick<ReportDocument, 'significance' | 'benchmarkName'>): string {
  const s: Significance | undefined = report.significance;
  if (s === undefined) return '';
  const name = report.benchmarkName;
  const v = s.vsBenchmark;
  const psr = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const rows: Array<[string, string]> = [
    [`Timing: ${s.samples.toLocaleString('en-US')} random timings with the strategy's own exposure`, `p = ${pValueText(s.pValue)}`],
    [`Excess over ${name}: stationary block bootstrap, ${s.samples.toLocaleString('en-US')} samples, mean block ${v.blockLength.toFixed(1)} days`, `p = ${pValueText(v.pValue)}`],
    [`Probabilistic Sharpe ratio of the daily excess over ${name}`, psr(v.probabilisticSharpe)],
    [`Absolute probabilistic Sharpe ratio: the strategy's own returns against Sharpe 0, not against ${name}`, psr(s.absoluteProbabilisticSharpe)],
    ['Mean daily log excess return', `${(v.meanDailyLogExcess * 1e4).toFixed(2)} bp`],
  ];
  const together = s.timedTogether?.length ? ` Timed together (their holdings change on the same days): ${s.timedTogether.map((g) => escapeHtml(g.join(' + '))).join('; ')}.` : '';
  const warnings = s.warnings.length ? `<div class="warn"><ul>${s.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>` : '';
  return `<section class="significance" id="significance">
<h2>Is the edge more than luck?</h2>
<p><strong>Verdict: ${escapeHtml(s.verdict)}.</strong></p>
${warnings}
<table class="significance">
<tbody>
${rows.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('\n')}
</tbody>
</table>
<p class="note">A p-value is how often luck alone does at least this well: random timings of the same holding periods over the same days, with the same sizing and costs, for the timing test (so being long in a rising market is not counted as skill); resampled days with no excess for the test against ${escapeHtml(name)}. Below 0.05 is the usual line; ties count against the strategy.</p>
<p class="note">Timing: ${escapeHtml(s.method)}.${together}</p>
<p class="note">Excess: ${escapeHtml(v.method)}.</p>
</section>`;
}
