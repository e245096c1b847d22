/**
 * Rolling windows over a column, in typed arrays: the simple moving average,
 * the population standard deviation and the window's highest or lowest value.
 * They repeat the technicalindicators library's arithmetic step for step (its
 * running sum, its order of summing, its quirks), so the numbers are the
 * library's to the last bit; test/features/rolling.test.ts compares the two.
 * They exist because the library's windows keep every value they ever dropped
 * reachable (its linked list never unlinks them): hundreds of bytes per row.
 */

/** A window of the last `period` values, with the library's running sum (its SMA). */
export class RollingWindow {
  private readonly ring: Float64Array;
  /** Where the next value goes: once the window is full, also where its oldest value is. */
  private slot = 0;
  private count = 0;
  private sum = 0;

  constructor(readonly period: number) {
    this.ring = new Float64Array(period);
  }

  /** Takes the next value; returns the window's mean once it is full (else undefined). */
  push(value: number): number | undefined {
    // The library's SMA: sum = sum - (the value leaving, 0 while filling) + value.
    this.sum = this.sum - this.ring[this.slot] + value;
    this.ring[this.slot] = value;
    this.slot = this.slot + 1 === this.period ? 0 : this.slot + 1;
    this.count++;
    return this.count >= this.period ? this.sum / this.period : undefined;
  }

  /** True once `period` values are in. */
  get full(): boolean {
    return this.count >= this.period;
  }

  /** The i-th value in the window, oldest first. */
  at(i: number): number {
    const first = this.count >= this.period ? this.slot : 0;
    const k = first + i;
    return this.ring[k >= this.period ? k - this.period : k];
  }

  /** Values in the window now. */
  get length(): number {
    return Math.min(this.count, this.period);
  }

  /**
   * The library's population standard deviation around `mean`: squares summed
   * oldest first. Its list walk ends at the first value that is 0 (or NaN),
   * so a window holding a zero counts only the values before it; kept, to
   * stay the library's number (it reaches `volatility` on flat days).
   */
  deviation(mean: number): number {
    let sum = 0;
    for (let i = 0; i < this.length; i++) {
      const x = this.at(i);
      if (!x) break;
      sum = sum + Math.pow(x - mean, 2);
    }
    return Math.sqrt(sum / this.period);
  }
}

/**
 * The highest (or lowest) of the last `period` values, kept as the library's
 * FixedSizeLinkedList keeps it: updated as values come, searched again (oldest
 * first) only when the value leaving was the extreme. Same starting points (0
 * for a high, Infinity for a low) and the same walk, which stops at a 0. (Prices
 * are positive, so for them this is the plain extreme of the window.)
 */
export class RollingExtreme {
  private readonly window: RollingWindow;
  private value: number;

  constructor(period: number, private readonly kind: 'high' | 'low') {
    this.window = new RollingWindow(period);
    this.value = kind === 'high' ? 0 : Number.POSITIVE_INFINITY;
  }

  /** Takes the next value; returns the extreme of the window (of what is in it while it fills). */
  push(x: number): number {
    const leaving = this.window.full ? this.window.at(0) : undefined;
    this.window.push(x);
    if (leaving !== undefined && leaving == this.value) this.search();
    if (this.kind === 'high' ? this.value <= x : this.value >= x) this.value = x;
    return this.value;
  }

  /** True once `period` values are in. */
  get full(): boolean {
    return this.window.full;
  }

  private search(): void {
    const n = this.window.length;
    // The library's walk: a falsy first value is skipped (not taken), the walk then ends at the next falsy one.
    const first = this.window.at(0);
    if (first) this.value = first;
    for (let i = 1; i < n; i++) {
      const x = this.window.at(i);
      if (!x) return;
      if (this.kind === 'high' ? this.value <= x : this.value >= x) this.value = x;
    }
  }
}

/**
 * The library's population standard deviation of a window of `period` values
 * fed one at a time, with the window's mean. As in the library, a window whose
 * mean is exactly 0 keeps the previous deviation (NaN before the first one).
 */
export class RollingDeviation {
  private readonly window: RollingWindow;
  /** The window's mean and deviation after the last push that filled it. */
  mean = Number.NaN;
  sd = Number.NaN;

  constructor(period: number) {
    this.window = new RollingWindow(period);
  }

  /** Takes the next value; true once the window is full (then `mean` and `sd` are its). */
  push(value: number): boolean {
    const mean = this.window.push(value);
    if (mean === undefined) return false;
    this.mean = mean;
    if (mean) this.sd = this.window.deviation(mean);
    return true;
  }
}
