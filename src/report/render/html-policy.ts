/**
 * "What did it learn?" on the report page, in a form that scales: with two
 * indicators, one grid per position held (indicator A's buckets by indicator
 * B's, each cell the action, coloured and named); otherwise a compact table of
 * the states training visited. Each cell shows its training days and how sure
 * it is: the Q gap between the best and second-best action and, for the market
 * model, the weight on the state's own days. Every text is escaped.
 */
import type { PolicyMap, PolicyRow } from '../../strategy/policy-map.js';
import { escapeHtml } from './escape.js';
import { modelSentence } from './policy-text.js';

/** Action colours (Okabe-Ito tints): long bluish green, short reddish purple, flat white; the action's name is always written too. */
const ACTION_STYLE = `
  table.policy-grid { width: auto; margin-bottom: 8px; }
  table.policy-grid td { width: 92px; text-align: center; font-size: 11px; line-height: 1.25; border: 1px solid #e5e7eb; padding: 3px; }
  table.policy-grid td b { font-size: 12px; }
  table.policy-grid th { font-size: 11px; font-weight: 500; }
  td.act-long { background: #d5f0e7; } td.act-short { background: #f5e1ec; } td.act-flat { background: #fff; }
  td.act-unseen { background: repeating-linear-gradient(45deg, #f9fafb, #f9fafb 4px, #eef0f3 4px, #eef0f3 8px); color: #6b7280; }
  table.policy td.act-long b { color: #00785A; } table.policy td.act-short b { color: #A8507F; }
`;

/** The CSS the policy map needs (the page adds it to its style sheet). */
export function policyStyle(): string {
  return ACTION_STYLE;
}

/** The CSS class of an action's cell: by the sign of the level it moves to. */
function actionClass(action: string): string {
  return action.startsWith('long') ? 'act-long' : action.startsWith('short') ? 'act-short' : 'act-flat';
}

const round = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Number(x.toPrecision(3)).toString());
const range = (from: number | null, to: number | null) => `${from === null ? '&minus;&infin;' : escapeHtml(round(from))} to ${to === null ? '&infin;' : escapeHtml(round(to))}`;

/** One state's cell for one position held: the action and its certainty, or "never seen". */
function cell(row: PolicyRow, position: string): string {
  if (row.visits === 0) return '<td class="act-unseen" title="never visited in training: the policy keeps its position">never seen<br>keeps</td>';
  const { action, gap } = row.positions[position];
  const weight = row.evidence ? ` &middot; w ${escapeHtml(row.evidence.shrinkage.toFixed(2))}` : '';
  const move = row.evidence ? `; expects ${(row.evidence.expectedMove * 10_000).toFixed(1)} bp/day` : '';
  const title = `${row.visits} training days; Q gap ${round(gap)}% of a position${move}`;
  return `<td class="${actionClass(action)}" title="${escapeHtml(title)}"><b>${escapeHtml(action)}</b><br>${row.visits.toLocaleString('en-US')} d${weight}<br><span class="muted">gap ${escapeHtml(round(gap))}%</span></td>`;
}

/** A visited state's action for one position held, with its Q gap (the table's own columns give days and evidence). */
function compactCell(row: PolicyRow, position: string): string {
  const { action, gap } = row.positions[position];
  return `<td class="${actionClass(action)}"><b>${escapeHtml(action)}</b> <span class="muted">${escapeHtml(round(gap))}%</span></td>`;
}

/** One grid per position held: the first indicator's buckets down, the second's across. */
function grids(policy: PolicyMap): string {
  const [a, b] = policy.indicators;
  const byBuckets = new Map(policy.rows.map((row) => [`${row.buckets[0].bucket},${row.buckets[1].bucket}`, row]));
  const aBuckets = [...new Map(policy.rows.map((r) => [r.buckets[0].bucket, r.buckets[0]])).values()];
  const bBuckets = [...new Map(policy.rows.map((r) => [r.buckets[1].bucket, r.buckets[1]])).values()];
  return policy.levels
    .map((position) => {
      const head = `<tr><th>${escapeHtml(a)} &darr; &nbsp; ${escapeHtml(b)} &rarr;</th>${bBuckets.map((bb) => `<th>${range(bb.from, bb.to)}</th>`).join('')}</tr>`;
      const rows = aBuckets.map((ab) => `<tr><th scope="row">${range(ab.from, ab.to)}</th>${bBuckets.map((bb) => cell(byBuckets.get(`${ab.bucket},${bb.bucket}`) as PolicyRow, position)).join('')}</tr>`);
      return `<h3>When ${escapeHtml(position)}</h3><table class="policy-grid"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
    })
    .join('\n');
}

/** The visited states as a compact table: their buckets, days, evidence and the action in each position held. */
function compactTable(policy: PolicyMap): string {
  const visited = policy.rows.filter((r) => r.visits > 0).sort((x, y) => y.visits - x.visits || x.state - y.state);
  const unseen = policy.rows.length - visited.length;
  const evidenceHead = policy.model ? '<th>expects (bp/day)</th><th>weight</th>' : '';
  const rows = visited.map((row) => {
    const evidence = policy.model ? (row.evidence ? `<td>${(row.evidence.expectedMove * 10_000).toFixed(1)}</td><td>${row.evidence.shrinkage.toFixed(2)}</td>` : '<td></td><td></td>') : '';
    return `<tr>${row.buckets.map((b) => `<td>${range(b.from, b.to)}</td>`).join('')}<td>${row.visits.toLocaleString('en-US')}</td>${evidence}${policy.levels.map((p) => compactCell(row, p)).join('')}</tr>`;
  });
  return `<table class="small policy"><thead><tr>${policy.indicators.map((l) => `<th>${escapeHtml(l)}</th>`).join('')}<th>days</th>${evidenceHead}${policy.levels.map((p) => `<th>when ${escapeHtml(p)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>${unseen > 0 ? `<p class="note">${unseen.toLocaleString('en-US')} of ${policy.rows.length.toLocaleString('en-US')} market states were never visited in training and are left out: there the policy keeps its position.</p>` : ''}`;
}

/** The policy map section: the model's summary, then grids (two indicators) or the compact table. */
export function policyTable(policy: PolicyMap): string {
  const summary = policy.model ? `<p class="note">${escapeHtml(modelSentence(policy.model))}</p>` : '';
  if (policy.omitted) return `<h2>What did it learn?</h2>${summary}<p class="note">The policy map is left out: ${escapeHtml(policy.omitted)}.</p>`;
  const twoD = policy.indicators.length === 2;
  const days = twoD ? 'd: training days in the state' : 'days: training days in the state';
  const weight = twoD ? 'w' : 'weight';
  const how = policy.model ? `${days}; ${weight}: the weight on its own days (0: the model sees no difference from the drift, 1: it trusts them fully)` : days;
  const unseen = twoD ? 'hatched: never seen in training (the policy keeps its position)' : 'states never seen in training are left out (the policy keeps its position there)';
  return `<h2>What did it learn?</h2>
${summary}<p class="note">The greedy action in every market state (a bucket of each indicator, fitted on the training period)${twoD ? ', one grid per position held' : ''}. Colour and name give the action: <span class="buy-text">long</span>, <span class="sell-text">short</span>, flat; ${unseen}. ${how}; gap: how far the best action's Q value is above the second best, in percent of one position's value (small = unsure).</p>
${twoD ? grids(policy) : compactTable(policy)}`;
}
