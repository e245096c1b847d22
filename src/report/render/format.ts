/** Number and text formatting shared by the terminal and HTML reports. */
import { neutralize } from '../../text.js';

/**
 * Text safe to print on a terminal: control characters (ESC, BEL, backspace,
 * C1 codes...) and bidirectional marks from user-given names are shown as `?`
 * (see text.ts), so a symbol or a file name cannot move the cursor, retitle
 * the window, recolour the screen or read backwards. Newlines stay.
 */
export function printable(text: string): string {
  return neutralize(text);
}

/** Equity is charted on a log scale (report.html and the terminal alike) once its highest value is this many times its lowest. */
export const LOG_SCALE_SPAN = 3;

/** 0.1234 -> "+12.34%", 350.719 -> "+35,071.90%" (thousands separated); null -> "n/a". */
export function percent(x: number | null, signed = true, digits = 2): string {
  if (x === null) return 'n/a';
  const text = `${(x * 100).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}%`;
  return signed && x > 0 ? `+${text}` : text;
}

/** 1234567.891 -> "1,234,567.89"; null -> "n/a". */
export function money(x: number | null): string {
  if (x === null) return 'n/a';
  return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A ratio with two decimals; null -> "n/a". */
export function ratio(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(2);
}

/**
 * Text wrapped at spaces to `width` columns (80: a classic terminal), each
 * continuation line indented by `indent` spaces; words longer than a line stay whole.
 */
export function wrapText(text: string, width = 80, indent = 2): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      const lead = /^ */.exec(line)?.[0] ?? '';
      const out: string[] = [];
      let current = lead;
      for (const word of line.slice(lead.length).split(' ')) {
        const prefix = out.length === 0 ? '' : ' '.repeat(indent);
        if (current.trim() !== '' && prefix.length + current.length + 1 + word.length > width) {
          out.push(prefix + current);
          current = word;
        } else current = current.trim() === '' ? current + word : `${current} ${word}`;
      }
      out.push((out.length === 0 ? '' : ' '.repeat(indent)) + current);
      return out.join('\n');
    })
    .join('\n');
}

/** Evenly spaced samples of a series, `n` of them (or all when shorter). */
export function resample(values: ArrayLike<number>, n: number): number[] {
  if (values.length <= n) return Array.from(values);
  return Array.from({ length: n }, (_, i) => values[Math.round((i * (values.length - 1)) / (n - 1))]);
}

/** A p-value as reports write it after "p = ": three decimals ("0.012"), or two significant digits below 0.001 ("0.0001"). */
export function pValueText(p: number): string {
  return p >= 0.001 ? p.toFixed(3) : String(Number(p.toPrecision(2)));
}
