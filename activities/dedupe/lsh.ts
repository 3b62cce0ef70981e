/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into `bands` bands of
 * `rows` values; two postings become candidates when any band is equal. The chance of that for
 * Jaccard s is 1 − (1 − s^rows)^bands, an S-curve whose midpoint is about (1/bands)^(1/rows).
 *
 * Built for one dedupe run, whose signatures (recent clusters', then the new postings', in order)
 * are all known before the search starts: each (item, band) entry gets its band's 32-bit key once,
 * and the entries are radix-sorted by (key, group, item). A bucket is then a contiguous run and the
 * newest earlier entries of an item's bucket sit right before the item's own entry, so a search
 * reads memory in order. A linked-list hash table, grown as items arrive, spent most of a
 * million-posting run waiting on cache misses while walking crowded buckets.
 *
 * Items carry a tag (see employerTag): two different non-zero tags never match, so each bucket is
 * sorted into tag groups and an item searches only its own group and the untagged one. At scale
 * most band collisions are boilerplate shared by different employers; this skips them unread. An
 * untagged item searches its whole bucket.
 */

export interface LshOptions {
  bands: number;
  rows: number;
  /**
   * Newest entries read per band and group. A bucket holding thousands of postings is boilerplate
   * (one employer's template), not thousands of copies; the newest ones are the copies a repost meets.
   */
  maxBucketScan: number;
}

export const DEFAULT_LSH: LshOptions = { bands: 16, rows: 4, maxBucketScan: 200 };

function bandKey(signature: Uint32Array, band: number, rows: number): number {
  let h = Math.imul(0x811c9dc5 ^ band, 0x01000193);
  for (let i = band * rows; i < (band + 1) * rows; i++) {
    h = Math.imul(h ^ (signature[i] as number), 0x01000193);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A tag folded to 8 bits, 0 staying 0: groups only narrow the search, verification decides. */
function groupOf(tag: number): number {
  return tag === 0 ? 0 : (tag % 255) + 1;
}

/**
 * Entries ordered by (key, group), and by entry number within equal ones, as one Int32Array of
 * (key, group, entry) triples: five stable counting-sort passes of 8 bits (group, then the key from
 * its low byte up), moving whole triples so every pass reads in order. Eight-bit digits keep the
 * 256 write positions of a pass in cache; 16-bit ones thrashed it at a million postings.
 */
function sortEntries(keys: Uint32Array, groups: Uint8Array): Int32Array {
  const n = keys.length;
  let from = new Int32Array(3 * n);
  for (let e = 0; e < n; e++) {
    from[3 * e] = keys[e] as number;
    from[3 * e + 1] = groups[e] as number;
    from[3 * e + 2] = e;
  }
  let to = new Int32Array(3 * n);
  const starts = new Int32Array(256);
  // Pass 0 sorts by the group, passes 1–4 by the key's bytes, least significant first.
  const digit = (t: Int32Array, i: number, pass: number) => (pass === 0 ? (t[3 * i + 1] as number) : ((t[3 * i] as number) >>> (8 * (pass - 1))) & 0xff);
  for (let pass = 0; pass < 5; pass++) {
    starts.fill(0);
    for (let i = 0; i < n; i++) starts[digit(from, i, pass)]! += 1;
    for (let d = 0, sum = 0; d < 256; d++) {
      const count = starts[d] as number;
      starts[d] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i++) {
      const at = 3 * starts[digit(from, i, pass)]!++;
      to[at] = from[3 * i] as number;
      to[at + 1] = from[3 * i + 1] as number;
      to[at + 2] = from[3 * i + 2] as number;
    }
    [from, to] = [to, from];
  }
  return from;
}

export class BandIndex {
  readonly bands: number;
  readonly rows: number;
  readonly maxBucketScan: number;
  readonly size: number;
  /** Entries in the fullest bucket: boilerplate shows up as one huge bucket. */
  readonly largestBucket: number;
  // Sorted (key, group, entry) triples, entry = item × bands + band, and each entry's position.
  private readonly sorted: Int32Array;
  private readonly position: Int32Array;
  // Per item, the search that last reported it, so each search reports an item once.
  private readonly seen: Int32Array;
  private search = 0;

  constructor(signatures: readonly Uint32Array[], tags: ArrayLike<number> | null = null, opts: Partial<LshOptions> = {}) {
    const { bands, rows, maxBucketScan } = { ...DEFAULT_LSH, ...opts };
    if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1) throw new Error(`bands and rows must be positive integers (got ${bands} × ${rows})`);
    this.bands = bands;
    this.rows = rows;
    this.maxBucketScan = maxBucketScan;
    this.size = signatures.length;
    const keys = new Uint32Array(this.size * bands);
    const groups = new Uint8Array(this.size * bands);
    signatures.forEach((signature, item) => {
      if (signature.length !== bands * rows) throw new Error(`signature has ${signature.length} values, index expects ${bands} × ${rows}`);
      const group = groupOf(tags ? (tags[item] as number) : 0);
      for (let band = 0; band < bands; band++) {
        keys[item * bands + band] = bandKey(signature, band, rows);
        groups[item * bands + band] = group;
      }
    });
    this.sorted = sortEntries(keys, groups);
    this.position = new Int32Array(keys.length);
    let largest = 0;
    for (let p = 0, run = 0; p < keys.length; p++) {
      this.position[this.sorted[3 * p + 2] as number] = p;
      run = p > 0 && this.keyAt(p) === this.keyAt(p - 1) ? run + 1 : 1;
      largest = Math.max(largest, run);
    }
    this.largestBucket = largest;
    this.seen = new Int32Array(this.size);
  }

  /**
   * Items numbered before `item` that share a band with it, each once, written to `out` (which is
   * cleared). Per band: the newest `maxBucketScan` of its own tag group and of the untagged group;
   * an untagged item reads its whole bucket, up to 8 × `maxBucketScan` entries.
   */
  earlierCandidates(item: number, out: number[] = []): number[] {
    out.length = 0;
    this.search++;
    const cap = this.maxBucketScan;
    const end = this.position.length;
    for (let band = 0; band < this.bands; band++) {
      const p = this.position[item * this.bands + band] as number;
      const key = this.keyAt(p);
      const group = this.groupAt(p);
      // Within one (key, group) run entries are in item order: the earlier ones sit just before.
      let q = p - 1;
      for (let read = 0; q >= 0 && read < cap && this.keyAt(q) === key && this.groupAt(q) === group; q--, read++) this.report(q, out);
      if (group === 0) {
        // Untagged: every group of the bucket may hold a match; they sort after the untagged group.
        for (let r = p + 1, read = 0; r < end && this.keyAt(r) === key && read < 8 * cap; r++, read++) {
          if (this.itemAt(r) < item) this.report(r, out);
        }
      } else if (q >= 0 && this.keyAt(q) === key) {
        // Other groups of the bucket come before this one; the untagged group, if any, comes first.
        const start = this.runStart(key, q);
        let stop = start;
        while (stop < p && this.groupAt(stop) === 0) stop++;
        for (let r = stop - 1, read = 0; r >= start && read < cap; r--) {
          if (this.itemAt(r) >= item) continue;
          read++;
          this.report(r, out);
        }
      }
    }
    return out;
  }

  private keyAt(position: number): number {
    return this.sorted[3 * position] as number;
  }

  private groupAt(position: number): number {
    return this.sorted[3 * position + 1] as number;
  }

  private itemAt(position: number): number {
    return ((this.sorted[3 * position + 2] as number) / this.bands) | 0;
  }

  private report(position: number, out: number[]): void {
    const other = this.itemAt(position);
    if (this.seen[other] !== this.search) {
      this.seen[other] = this.search;
      out.push(other);
    }
  }

  /** The first position of `key`'s bucket, given a position `at` inside it (keys ascend as unsigned). */
  private runStart(key: number, at: number): number {
    let lo = 0;
    let hi = at;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyAt(mid) >>> 0 < key >>> 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
