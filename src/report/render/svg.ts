/**
 * Small, dependency-free SVG line charts for the HTML report: linear or log
 * scale, date axes ticked at month or year starts, labelled boundaries, trade
 * markers whose shape says buy or sell. Every text in them is escaped.
 */
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
  /** SVG dash pattern (e.g. "5 3"), so lines differ by more than colour. */
  dash?: string;
  /** Mark every point (short series such as a learning curve). */
  dots?: boolean;
}

/** A trade marker on the first line: an upward triangle below it for a buy, a downward one above it for a sell. */
export interface Marker {
  index: number;
  kind: 'buy' | 'sell';
}

/** A dashed vertical line at x index `index`, with an optional short label at its top. */
export interface Vertical {
  index: number;
  label?: string;
}

export interface ChartOptions {
  title: string;
  /** The first line is the main one: it is drawn last, on top of the others, and carries the markers. */
  lines: Line[];
  /** Labels of the x positions: ISO dates (ticked at month or year starts) or other labels (epochs). */
  xLabels: string[];
  yFormat: (v: number) => string;
  markers?: Marker[];
  width?: number;
  height?: number;
  /** Include zero in the y range. */
  zero?: boolean;
  /** A dashed horizontal reference line at this value (1 for a ratio, 0 for a Sharpe ratio). */
  reference?: number;
  /** Logarithmic y axis (positive values only): equal distances are equal growth factors. */
  log?: boolean;
  /** x indices where a dashed vertical line marks a boundary (walk-forward windows). */
  verticals?: Vertical[];
}

const PAD = { left: 72, right: 16, top: 34, bottom: 30 };
/** Points drawn per chart at most, and trade markers at most. */
export const MAX_POINTS = 1200;
const MAX_MARKERS = 400;
/** Buy and sell markers: Okabe-Ito bluish green and reddish purple (told apart by colour-blind readers), and by shape. */
export const BUY_COLOR = '#009E73';
export const SELL_COLOR = '#CC79A7';

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

/** Ticks of a log axis over [lo, hi] (both > 0): 1, 2 and 5 times powers of ten, thinned to about `count`. */
export function logTicks(lo: number, hi: number, count = 6): number[] {
  const all: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const m of [1, 2, 5]) all.push(Number((m * 10 ** e).toPrecision(12)));
  const inside = all.filter((v) => v >= lo && v <= hi);
  if (inside.length <= count) return inside.length >= 2 ? inside : ticks(lo, hi);
  const powers = inside.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  if (powers.length >= 2 && powers.length <= count) return powers;
  const every = Math.ceil(inside.length / count);
  return inside.filter((_, i) => i % every === 0);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO = /^\d{4}-\d{2}-\d{2}/;

/**
 * Ticks of a date axis: the first row of each month, quarter, half-year, year
 * or several years (the finest step that gives at most `count` ticks), labelled
 * "Mar 2012" or "2012". Empty when the labels are not dates.
 */
export function dateTicks(dates: string[], count = 8): Array<{ index: number; label: string }> {
  // Dates are sorted ISO days (or date-times): the ends tell whether the labels are dates at all.
  if (dates.length === 0 || !ISO.test(dates[0]) || !ISO.test(dates[dates.length - 1])) return [];
  const digit = (d: string, i: number) => d.charCodeAt(i) - 48;
  const monthOf = (d: string) => (digit(d, 0) * 1000 + digit(d, 1) * 100 + digit(d, 2) * 10 + digit(d, 3)) * 12 + digit(d, 5) * 10 + digit(d, 6) - 1;
  const span = monthOf(dates[dates.length - 1]) - monthOf(dates[0]);
  for (const step of [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200]) {
    if (span / step > count) continue;
    const out: Array<{ index: number; label: string }> = [];
    for (let i = 1; i < dates.length; i++) {
      const m = monthOf(dates[i]);
      if (Math.floor(m / step) !== Math.floor(monthOf(dates[i - 1]) / step)) out.push({ index: i, label: step >= 12 ? String(Math.floor(m / 12)) : `${MONTHS[m % 12]} ${Math.floor(m / 12)}` });
    }
    if (out.length >= 2 || step === 1200) return out;
  }
  return [];
}

/** An inline SVG chart. Every text in it is escaped. */
export function lineChart(o: ChartOptions): string {
  const width = o.width ?? 880;
  const height = o.height ?? 260;
  const n = o.lines.reduce((most, l) => Math.max(most, l.values.length), 0);
  // Long series are drawn through the points that keep their shape (LTTB): the page stays small at any length.
  const drawn = chartIndices(o.lines.map((l) => l.values), MAX_POINTS);
  const log = o.log === true;
  const shown = (v: number) => Number.isFinite(v) && (!log || v > 0);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const line of o.lines) for (let i = 0; i < line.values.length; i++) if (shown(line.values[i])) (lo = Math.min(lo, line.values[i])), (hi = Math.max(hi, line.values[i]));
  if (o.reference !== undefined) (lo = Math.min(lo, o.reference)), (hi = Math.max(hi, o.reference));
  if (o.zero && !log) (lo = Math.min(lo, 0)), (hi = Math.max(hi, 0));
  if (!Number.isFinite(lo)) (lo = log ? 1 : 0), (hi = log ? 10 : 1);
  if (!(hi > lo)) (hi = log ? lo * 2 : lo + 1), (lo = log ? lo / 2 : lo - 1);
  const scale = (v: number) => (log ? Math.log10(v) : v);
  // Room above and below the lines, so that a flat line never sits on the frame.
  const margin = (scale(hi) - scale(lo)) * 0.08;
  const top = scale(hi) + margin;
  const bottom = scale(lo) - margin;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => PAD.top + ((top - scale(Math.max(v, log ? lo : v))) / (top - bottom)) * plotH;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(o.title)}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<text x="${PAD.left}" y="16" class="chart-title">${escapeHtml(o.title)}</text>`);
  for (const t of log ? logTicks(lo, hi) : ticks(lo, hi)) {
    parts.push(`<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${f(y(t))}" y2="${f(y(t))}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${f(y(t) + 4)}" class="axis" text-anchor="end">${escapeHtml(o.yFormat(t))}</text>`);
  }
  if (o.reference !== undefined) parts.push(`<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${f(y(o.reference))}" y2="${f(y(o.reference))}" stroke="#6b7280" stroke-width="1" stroke-dasharray="2 3"/>`);
  const dated = dateTicks(o.xLabels.slice(0, n));
  if (dated.length > 0) {
    for (const t of dated) {
      parts.push(`<line x1="${f(x(t.index))}" x2="${f(x(t.index))}" y1="${PAD.top}" y2="${height - PAD.bottom}" class="grid"/>`);
      parts.push(`<text x="${f(x(t.index))}" y="${height - 10}" class="axis" text-anchor="middle">${escapeHtml(t.label)}</text>`);
    }
  } else {
    const xTicks = Math.min(6, n);
    for (let k = 0; k < xTicks; k++) {
      const i = xTicks === 1 ? 0 : Math.round((k * (n - 1)) / (xTicks - 1));
      const anchor = k === 0 ? 'start' : k === xTicks - 1 ? 'end' : 'middle';
      parts.push(`<text x="${f(x(i))}" y="${height - 10}" class="axis" text-anchor="${anchor}">${escapeHtml(o.xLabels[i] ?? String(i))}</text>`);
    }
  }
  for (const v of o.verticals ?? []) {
    parts.push(`<line x1="${f(x(v.index))}" x2="${f(x(v.index))}" y1="${PAD.top}" y2="${height - PAD.bottom}" stroke="#6b7280" stroke-dasharray="4 3"/>`);
    if (v.label) parts.push(`<text x="${f(x(v.index) + 2)}" y="${PAD.top + 9}" class="axis boundary">${escapeHtml(v.label)}</text>`);
  }
  // The main line last, so it is never hidden under the benchmark.
  for (const line of [...o.lines].reverse()) {
    const segments: string[][] = [[]];
    let previous = -1;
    for (const i of drawn) {
      if (i >= line.values.length) break;
      if (!shown(line.values[i])) {
        if (segments[segments.length - 1].length) segments.push([]);
        previous = -1;
        continue;
      }
      const points = segments[segments.length - 1];
      if (line.step && previous >= 0) points.push(`${f(x(i))},${f(y(line.values[previous]))}`);
      points.push(`${f(x(i))},${f(y(line.values[i]))}`);
      previous = i;
    }
    for (const points of segments.filter((s) => s.length > 0)) {
      if (line.fill) {
        const base = f(y(log ? lo : Math.max(lo, Math.min(hi, 0))));
        const first = points[0].split(',')[0];
        const last = points[points.length - 1].split(',')[0];
        parts.push(`<polygon points="${first},${base} ${points.join(' ')} ${last},${base}" fill="${line.color}" fill-opacity="0.18" stroke="none"/>`);
      }
      parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${line.color}" stroke-width="${line === o.lines[0] ? 1.8 : 1.4}" stroke-linejoin="round"${line.dash ? ` stroke-dasharray="${line.dash}"` : ''}/>`);
      if (line.dots) for (const p of points) parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5" fill="${line.color}"/>`);
    }
  }
  const first = o.lines[0];
  const markers = o.markers ?? [];
  if (markers.length > MAX_MARKERS) {
    parts.push(`<text x="${width - PAD.right}" y="30" class="legend" text-anchor="end">${markers.length.toLocaleString('en-US')} trades: too many to mark</text>`);
  }
  for (const m of markers.length > MAX_MARKERS ? [] : markers) {
    if (!shown(first.values[m.index])) continue;
    const cx = x(m.index);
    const cy = y(first.values[m.index]);
    const d = m.kind === 'buy' ? `M${f(cx)},${f(cy + 3)} l5,9 l-10,0 z` : `M${f(cx)},${f(cy - 3)} l5,-9 l-10,0 z`;
    parts.push(`<path d="${d}" class="${m.kind}"><title>${m.kind === 'buy' ? 'BUY' : 'SELL'} ${escapeHtml(o.xLabels[m.index] ?? '')}</title></path>`);
  }
  const legendX = width - PAD.right;
  o.lines.forEach((line, i) => {
    const ly = 16;
    const lx = legendX - (o.lines.length - i) * 150;
    parts.push(`<line x1="${lx}" x2="${lx + 16}" y1="${ly - 4}" y2="${ly - 4}" stroke="${line.color}" stroke-width="2.5"${line.dash ? ` stroke-dasharray="${line.dash}"` : ''}/><text x="${lx + 20}" y="${ly}" class="legend">${escapeHtml(line.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
