/** Small, dependency-free SVG line charts for the HTML report. */
import { escapeHtml } from './escape.js';
import { chartIndices } from './downsample.js';

/** One line of a chart. */
export interface Line {
  values: ArrayLike<number>;
  color: string;
  label: string;
  /** Fill between the line and zero. */
  fill?: boolean;
  /** Draw as steps (for positions). */
  step?: boolean;
}

/** A trade marker on the first line. */
export interface Marker {
  index: number;
  kind: 'buy' | 'sell';
}

export interface ChartOptions {
  title: string;
  lines: Line[];
  /** Labels of the x positions (dates or epochs). */
  xLabels: string[];
  yFormat: (v: number) => string;
  markers?: Marker[];
  width?: number;
  height?: number;
  /** Include zero in the y range. */
  zero?: boolean;
  /** x indices where a dashed vertical line marks a boundary (walk-forward windows). */
  verticals?: number[];
}

const PAD = { left: 72, right: 16, top: 28, bottom: 30 };
/** Points drawn per chart at most, and trade markers at most. */
export const MAX_POINTS = 1200;
const MAX_MARKERS = 400;

/** Nice round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

/** An inline SVG chart. Every text in it is escaped. */
export function lineChart(o: ChartOptions): string {
  const width = o.width ?? 880;
  const height = o.height ?? 260;
  const n = o.lines.reduce((most, l) => Math.max(most, l.values.length), 0);
  // Long series are drawn through the points that keep their shape (LTTB): the page stays small at any length.
  const drawn = chartIndices(o.lines.map((l) => l.values), MAX_POINTS);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const line of o.lines) for (let i = 0; i < line.values.length; i++) (lo = Math.min(lo, line.values[i])), (hi = Math.max(hi, line.values[i]));
  if (o.zero) (lo = Math.min(lo, 0)), (hi = Math.max(hi, 0));
  if (!(hi > lo)) (hi = lo + 1), (lo -= 1);
  const margin = (hi - lo) * 0.05;
  (lo -= margin), (hi += margin);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => PAD.top + ((hi - v) / (hi - lo)) * plotH;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(o.title)}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<text x="${PAD.left}" y="16" class="chart-title">${escapeHtml(o.title)}</text>`);
  for (const t of ticks(lo, hi)) {
    parts.push(`<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${f(y(t))}" y2="${f(y(t))}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${f(y(t) + 4)}" class="axis" text-anchor="end">${escapeHtml(o.yFormat(t))}</text>`);
  }
  const xTicks = Math.min(6, n);
  for (let k = 0; k < xTicks; k++) {
    const i = xTicks === 1 ? 0 : Math.round((k * (n - 1)) / (xTicks - 1));
    const anchor = k === 0 ? 'start' : k === xTicks - 1 ? 'end' : 'middle';
    parts.push(`<text x="${f(x(i))}" y="${height - 8}" class="axis" text-anchor="${anchor}">${escapeHtml(o.xLabels[i] ?? String(i))}</text>`);
  }
  for (const line of o.lines) {
    const points: string[] = [];
    let previous = -1;
    for (const i of drawn) {
      if (i >= line.values.length) break;
      if (line.step && previous >= 0) points.push(`${f(x(i))},${f(y(line.values[previous]))}`);
      points.push(`${f(x(i))},${f(y(line.values[i]))}`);
      previous = i;
    }
    if (line.fill) {
      const base = f(y(Math.max(lo, Math.min(hi, 0))));
      parts.push(`<polygon points="${f(x(0))},${base} ${points.join(' ')} ${f(x(line.values.length - 1))},${base}" fill="${line.color}" fill-opacity="0.18" stroke="none"/>`);
    }
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${line.color}" stroke-width="1.6" stroke-linejoin="round"/>`);
  }
  const first = o.lines[0];
  for (const v of o.verticals ?? []) parts.push(`<line x1="${f(x(v))}" x2="${f(x(v))}" y1="${PAD.top}" y2="${height - PAD.bottom}" stroke="#9ca3af" stroke-dasharray="4 3"/>`);
  const markers = o.markers ?? [];
  if (markers.length > MAX_MARKERS) {
    parts.push(`<text x="${width - PAD.right}" y="16" class="legend" text-anchor="end">${markers.length} trades: too many to mark</text>`);
  }
  for (const m of markers.length > MAX_MARKERS ? [] : markers) {
    const cx = x(m.index);
    const cy = y(first.values[m.index]);
    const d = m.kind === 'buy' ? `M${f(cx)},${f(cy + 4)} l5,9 l-10,0 z` : `M${f(cx)},${f(cy - 4)} l5,-9 l-10,0 z`;
    parts.push(`<path d="${d}" class="${m.kind}"><title>${m.kind === 'buy' ? 'BUY' : 'SELL'} ${escapeHtml(o.xLabels[m.index] ?? '')}</title></path>`);
  }
  const legendX = width - PAD.right;
  o.lines.forEach((line, i) => {
    const ly = 16;
    const lx = legendX - (o.lines.length - i) * 130;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="12" height="4" fill="${line.color}"/><text x="${lx + 16}" y="${ly}" class="legend">${escapeHtml(line.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
