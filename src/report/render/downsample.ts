/**
 * Largest-triangle-three-buckets (Steinarsson, 2013): picks `threshold` points
 * of a series that keep its visual shape (peaks and troughs survive), so a chart
 * of a million days draws a thousand points. Linear time, no recursion.
 */

/** Indices of the points to keep, ascending, always including the first and the last. */
export function lttbIndices(values: ArrayLike<number>, threshold: number): Int32Array {
  const n = values.length;
  if (threshold >= n || threshold < 3) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(threshold);
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // The average point of the next bucket is the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) (avgX += j), (avgY += values[j]);
    const count = nextEnd - nextStart || 1;
    avgX /= count;
    avgY /= count;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((a - avgX) * (values[j] - values[a]) - (a - j) * (avgY - values[a]));
      if (area > bestArea) (bestArea = area), (best = j);
    }
    out[i + 1] = best;
    a = best;
  }
  out[threshold - 1] = n - 1;
  return out;
}

/** The indices to draw for several lines on one x axis: the union of each line's LTTB picks, ascending. */
export function chartIndices(lines: Array<ArrayLike<number>>, threshold: number): Int32Array {
  const n = lines.reduce((most, l) => Math.max(most, l.length), 0);
  if (n <= threshold) return Int32Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  for (const line of lines) for (const i of lttbIndices(line, Math.max(3, Math.floor(threshold / lines.length)))) keep[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return Int32Array.from(out);
}
