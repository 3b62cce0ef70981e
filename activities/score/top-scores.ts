/**
 * The best `capacity` of a stream of scored rows, each with its `width` components: a min-heap over
 * fixed slots in typed arrays, so keeping a profile's best thousand of a hundred thousand jobs
 * allocates nothing per row and copies components only for rows that enter.
 */
export class TopScores {
  private readonly scores: Float64Array;
  private readonly rows: Int32Array;
  private readonly components: Float32Array;
  /** Slot ids, as a binary min-heap on (score, then the later row first): the root is the row to drop next. */
  private readonly heap: Int32Array;
  private size = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer, not ${capacity}`);
    this.scores = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
    this.components = new Float32Array(capacity * width);
    this.heap = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  /** Offers row `row` with its score and its components at `components[offset … offset + width)`. */
  offer(row: number, score: number, components: Float32Array, offset: number): void {
    let slot: number;
    if (this.size < this.capacity) {
      slot = this.size;
      this.heap[this.size] = slot;
      this.size += 1;
      this.write(slot, row, score, components, offset);
      this.siftUp(this.size - 1);
      return;
    }
    slot = this.heap[0] as number;
    if (!this.beats(score, row, this.scores[slot] as number, this.rows[slot] as number)) return;
    this.write(slot, row, score, components, offset);
    this.siftDown(0);
  }

  /**
   * Offers a batch: scores[i] as row `firstRow + i`, its components at components[i × width …).
   * Once full, a row below the lowest kept score is passed over without a call: in a long stream that is most rows.
   */
  offerAll(firstRow: number, scores: Float32Array, components: Float32Array): void {
    let i = 0;
    for (; i < scores.length && this.size < this.capacity; i += 1) this.offer(firstRow + i, scores[i] as number, components, i * this.width);
    let floor = this.scores[this.heap[0] as number] as number;
    for (; i < scores.length; i += 1) {
      const score = scores[i] as number;
      if (score < floor) continue;
      this.offer(firstRow + i, score, components, i * this.width);
      floor = this.scores[this.heap[0] as number] as number;
    }
  }

  /** The kept rows, best first (ties: the earlier row first), each with a view of its components. */
  best(): { row: number; score: number; components: Float32Array }[] {
    const slots = Array.from(this.heap.subarray(0, this.size));
    slots.sort((a, b) => (this.beats(this.scores[a] as number, this.rows[a] as number, this.scores[b] as number, this.rows[b] as number) ? -1 : 1));
    return slots.map((slot) => ({
      row: this.rows[slot] as number,
      score: this.scores[slot] as number,
      components: this.components.subarray(slot * this.width, (slot + 1) * this.width),
    }));
  }

  private write(slot: number, row: number, score: number, components: Float32Array, offset: number): void {
    this.scores[slot] = score;
    this.rows[slot] = row;
    this.components.set(components.subarray(offset, offset + this.width), slot * this.width);
  }

  /** Whether (score a, row a) ranks above (score b, row b). */
  private beats(scoreA: number, rowA: number, scoreB: number, rowB: number): boolean {
    return scoreA > scoreB || (scoreA === scoreB && rowA < rowB);
  }

  private below(i: number, j: number): boolean {
    const a = this.heap[i] as number;
    const b = this.heap[j] as number;
    return this.beats(this.scores[b] as number, this.rows[b] as number, this.scores[a] as number, this.rows[a] as number);
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i] as number;
    this.heap[i] = this.heap[j] as number;
    this.heap[j] = t;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.below(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const lower = right < this.size && this.below(right, left) ? right : left;
      if (!this.below(lower, i)) return;
      this.swap(i, lower);
      i = lower;
    }
  }
}
