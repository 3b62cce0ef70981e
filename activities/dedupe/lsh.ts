/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into `bands` bands of
 * `rows` values; two postings become candidates when any band is equal. The chance of that for
 * Jaccard s is 1 − (1 − s^rows)^bands, an S-curve whose midpoint is about (1/bands)^(1/rows).
 *
 * Built for a million entries: items are numbered in the order they are added, each (item, band)
 * is one slot of typed arrays (a chained hash table keyed by the band's 32-bit hash) instead of a
 * Map of arrays, ~20 bytes per band per item, and a query marks the items it has seen in a stamp
 * array instead of building a Set.
 *
 * An item may carry a tag: items with two different non-zero tags are never reported to each other
 * (the dedupe stage tags postings by their employer, which verification would veto anyway). Most
 * band collisions at scale are boilerplate shared across employers, so this skips them before
 * they cost a verification.
 */

export interface LshOptions {
  bands: number;
  rows: number;
  /**
   * Newest entries read per matching bucket. A bucket holding thousands of postings is boilerplate
   * (one board's template), not thousands of copies; the newest ones are the copies a repost meets.
   */
  maxBucketScan: number;
}

export const DEFAULT_LSH: LshOptions = { bands: 16, rows: 4, maxBucketScan: 200 };

const EMPTY_SLOT = -1;

export class LshIndex {
  readonly bands: number;
  readonly rows: number;
  readonly maxBucketScan: number;
  private items = 0;
  // Open-addressing table: bucket key (band hash) → newest entry; entry = item × bands + band.
  private keys: Uint32Array;
  private heads: Int32Array;
  // Entries per bucket, and the most any bucket holds: boilerplate shows up as one huge bucket.
  private sizes: Int32Array;
  private largest = 0;
  private used = 0;
  // Older entry of the same bucket, per entry.
  private next: Int32Array<ArrayBuffer>;
  // Per item, the query that last reported it, so each query reports an item once.
  private seen: Int32Array<ArrayBuffer>;
  private tags: Int32Array<ArrayBuffer>;
  private query = 0;

  constructor(opts: Partial<LshOptions> = {}) {
    const { bands, rows, maxBucketScan } = { ...DEFAULT_LSH, ...opts };
    if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1) throw new Error(`bands and rows must be positive integers (got ${bands} × ${rows})`);
    this.bands = bands;
    this.rows = rows;
    this.maxBucketScan = maxBucketScan;
    this.keys = new Uint32Array(1024);
    this.heads = new Int32Array(1024).fill(EMPTY_SLOT);
    this.sizes = new Int32Array(1024);
    this.next = new Int32Array(1024);
    this.seen = new Int32Array(64);
    this.tags = new Int32Array(64);
  }

  get size(): number {
    return this.items;
  }

  /** Entries in the fullest bucket. */
  get largestBucket(): number {
    return this.largest;
  }

  /** Indexes a signature; returns its item number (0, 1, 2, … in the order of adding). */
  add(signature: Uint32Array, tag = 0): number {
    this.check(signature);
    const item = this.items++;
    const needed = this.items * this.bands;
    if (needed > this.next.length) this.next = grow(this.next, needed);
    if (this.items > this.seen.length) {
      this.seen = grow(this.seen, this.items);
      this.tags = grow(this.tags, this.items);
    }
    this.tags[item] = tag;
    for (let band = 0; band < this.bands; band++) {
      if ((this.used + 1) * 2 > this.keys.length) this.rehash();
      const key = this.bandKey(signature, band);
      const slot = this.findSlot(key);
      const entry = item * this.bands + band;
      if (this.heads[slot] === EMPTY_SLOT) {
        this.keys[slot] = key;
        this.used++;
      }
      this.next[entry] = this.heads[slot] as number;
      this.heads[slot] = entry;
      this.largest = Math.max(this.largest, ++this.sizes[slot]!);
    }
    return item;
  }

  /**
   * Item numbers sharing at least one band with the signature, each once, written to `out` (which
   * is cleared); with a non-zero `tag`, items tagged otherwise (and non-zero) are left out.
   */
  candidates(signature: Uint32Array, out: number[] = [], tag = 0): number[] {
    this.check(signature);
    out.length = 0;
    // A fresh stamp per query; after 2^31 queries start over, forgetting every stamp.
    if (++this.query === 0x7fffffff) {
      this.seen.fill(0);
      this.query = 1;
    }
    for (let band = 0; band < this.bands; band++) {
      const key = this.bandKey(signature, band);
      let entry = this.heads[this.findSlot(key)] as number;
      // Entries of other bands can share a slot only on a 32-bit collision; the band check drops them.
      for (let scanned = 0; entry !== EMPTY_SLOT && scanned < this.maxBucketScan; scanned++) {
        if (entry % this.bands === band) {
          const item = (entry / this.bands) | 0;
          const other = this.tags[item] as number;
          if (this.seen[item] !== this.query && (tag === 0 || other === 0 || other === tag)) {
            this.seen[item] = this.query;
            out.push(item);
          }
        }
        entry = this.next[entry] as number;
      }
    }
    return out;
  }

  private check(signature: Uint32Array): void {
    if (signature.length !== this.bands * this.rows) throw new Error(`signature has ${signature.length} values, index expects ${this.bands} × ${this.rows}`);
  }

  private bandKey(signature: Uint32Array, band: number): number {
    let h = Math.imul(0x811c9dc5 ^ band, 0x01000193);
    const start = band * this.rows;
    for (let i = start; i < start + this.rows; i++) {
      h = Math.imul(h ^ (signature[i] as number), 0x01000193);
      h ^= h >>> 15;
    }
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  private findSlot(key: number): number {
    const mask = this.keys.length - 1;
    let slot = key & mask;
    while (this.heads[slot] !== EMPTY_SLOT && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    const oldSizes = this.sizes;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.heads = new Int32Array(oldKeys.length * 2).fill(EMPTY_SLOT);
    this.sizes = new Int32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] === EMPTY_SLOT) continue;
      const slot = this.findSlot(oldKeys[i] as number);
      this.keys[slot] = oldKeys[i] as number;
      this.heads[slot] = oldHeads[i] as number;
      this.sizes[slot] = oldSizes[i] as number;
    }
  }
}

function grow(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}
