/**
 * A column of numbers that grows a row at a time, in fixed chunks of a typed
 * array: 8 bytes a row however long it gets (4 for line numbers, 1 for flags),
 * no copying as it grows (a JS array doubles and copies, and holds both copies
 * while it does), and one copy at the end into an array of exactly its length.
 */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/** A growing column of float64 values (or of whole numbers below 2^32, or bytes, with Uint32Array or Uint8Array). */
export class ChunkedColumn {
  private readonly chunks: Array<Float64Array | Uint32Array | Uint8Array> = [];
  private size = 0;

  constructor(private readonly kind: Float64ArrayConstructor | Uint32ArrayConstructor | Uint8ArrayConstructor = Float64Array) {}

  /** Rows so far. */
  get length(): number {
    return this.size;
  }

  /** Appends one value. */
  push(value: number): void {
    const slot = this.size & (CHUNK - 1);
    if (slot === 0) this.chunks.push(new this.kind(CHUNK));
    this.chunks[this.chunks.length - 1][slot] = value;
    this.size++;
  }

  /** The value of row i. */
  at(i: number): number {
    return this.chunks[i >> CHUNK_BITS][i & (CHUNK - 1)];
  }

  /** The rows as one array of exactly `length` values, in order or in the given row order; the chunks are released. */
  toArray(order?: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.size);
    if (order === undefined) {
      for (let c = 0; c < this.chunks.length; c++) out.set(this.chunks[c].subarray(0, Math.min(CHUNK, this.size - c * CHUNK)), c * CHUNK);
    } else {
      for (let k = 0; k < this.size; k++) out[k] = this.at(order[k]);
    }
    this.chunks.length = 0;
    this.size = 0;
    return out;
  }
}
