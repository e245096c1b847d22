/**
 * The frame every dyna HTML page shares: one self-contained document (inline
 * CSS, no scripts, no network; a Content-Security-Policy says so) and its
 * colours. Colour has one meaning per kind of element, told on each page, and
 * never alone: a sign or a shape says the same. The palette is Okabe and Ito's,
 * which colour-blind readers tell apart.
 */
import { escapeHtml } from './escape.js';
import { BUY_COLOR, SELL_COLOR } from './svg.js';

/** Okabe-Ito blue: the strategy, and "better than the benchmark" (with a ▲). */
export const BETTER = '#0072B2';
/** Okabe-Ito vermillion: "worse than the benchmark" (with a ▼). */
export const WORSE = '#D55E00';
/** The benchmark's grey. */
export const NEUTRAL = '#8a8f98';

/** A comparison with the benchmark as a CSS class and a sign: better (▲), worse (▼) or a tie (no colour, =). */
export function verdictMark(verdict: number): { cls: string; sign: string } {
  if (verdict > 0) return { cls: 'better', sign: '\u25B2' };
  if (verdict < 0) return { cls: 'worse', sign: '\u25BC' };
  return { cls: 'tie', sign: '=' };
}

const STYLE = `
  :root { color-scheme: light; }
  body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; background: #f3f4f6; margin: 0; }
  main { max-width: 960px; margin: 0 auto; padding: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 4px 0 8px; }
  h3 { font-size: 13px; margin: 10px 0 4px; }
  .sub { color: #4b5563; margin: 0 0 16px; }
  .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 16px; }
  .card { background: #fff; border-radius: 8px; padding: 12px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
  .card .label { color: #4b5563; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  .card .value { font-size: 22px; font-weight: 600; white-space: nowrap; }
  .card .note { color: #4b5563; font-size: 12px; }
  section { background: #fff; border-radius: 8px; padding: 12px 16px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(0,0,0,.06); overflow-x: auto; }
  .chart { width: 100%; height: auto; display: block; }
  .chart-title { font-weight: 600; font-size: 13px; fill: #111827; }
  .axis, .legend { font-size: 11px; fill: #4b5563; }
  .boundary { font-size: 9px; }
  .grid { stroke: #e5e7eb; stroke-width: 1; }
  .buy { fill: ${BUY_COLOR}; } .sell { fill: ${SELL_COLOR}; }
  .buy-text { color: #00785A; } .sell-text { color: #A8507F; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 4px 8px; border-bottom: 1px solid #e5e7eb; text-align: right; font-variant-numeric: tabular-nums; }
  th[scope=row], td.text, th.text { text-align: left; }
  table.monthly td { white-space: nowrap; font-size: 11px; }
  td.better, td.worse, td.tie { white-space: nowrap; }
  th[scope=row] { font-weight: 500; }
  thead th { color: #4b5563; font-weight: 600; }
  .better { color: ${BETTER}; } .worse { color: ${WORSE}; } .tie { color: inherit; }
  .warn { background: #fffbeb; border: 1px solid #fcd34d; border-radius: 8px; padding: 8px 14px; margin-bottom: 16px; }
  .ok { background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 8px; padding: 8px 14px; margin-bottom: 16px; }
  .note { color: #4b5563; font-size: 12px; margin: 4px 0 8px; }
  .muted { color: #6b7280; }
  dl.model { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 13px; }
  dl.model dt { color: #4b5563; } dl.model dd { margin: 0; }
  table.small td, table.small th { font-size: 12px; padding: 3px 6px; }
  footer { color: #4b5563; font-size: 12px; }
  @media (max-width: 700px) { .cards { grid-template-columns: repeat(2, 1fr); } }
`;

/** A whole page: the title, extra CSS and the body's HTML (already escaped). */
export function htmlPage(title: string, body: string, css = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${css}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
